import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'astro/zod';
import { loadCatalogue } from '#src/catalogue/load.ts';
import { knownKeysAt, showValue, zodProblems } from '#src/model/problems.ts';
import { toolSchema } from '#src/model/tool.ts';
import { tempDir } from '../helpers/temp.ts';

function problemsOf(schema: z.ZodType, input: unknown, withSchema = true) {
  const result = schema.safeParse(input);
  assert.equal(result.success, false);
  return zodProblems(result.error!, input, 'record-schema', 'x.yaml', undefined, withSchema ? schema : undefined);
}

describe('unknown keys', () => {
  test('knownKeysAt finds the keys of the object at a path, through optional fields, arrays and unions', () => {
    assert.deepEqual(knownKeysAt(toolSchema, ['editorial']).sort(), [
      'attack_patterns',
      'category',
      'checked',
      'policy',
      'risk',
      'summary',
      'why',
    ]);
    const schema = z.strictObject({
      list: z.array(z.union([z.strictObject({ a: z.string() }), z.strictObject({ b: z.number() })])).optional(),
    });
    assert.deepEqual(knownKeysAt(schema, ['list', 0]), ['a', 'b']);
    assert.deepEqual(knownKeysAt(schema, ['nowhere']), []);
  });

  test('a misspelt key in a tool record gets the nearest known key as a suggestion', () => {
    const input = { name: 'x', server: 'demo', editorial: { sumary: 'A note.' } };
    const problem = problemsOf(toolSchema, input).find((p) => p.path === 'editorial.sumary');
    assert.ok(problem);
    assert.equal(
      problem.message,
      'The object at "editorial" has the unknown key "sumary". Did you mean "summary"? Remove it or correct the spelling; only the known keys are allowed.',
    );
  });

  test('several misspelt keys each get their suggestion; a key already present is never suggested', () => {
    const both = problemsOf(toolSchema, { editorial: { sumary: 'A note.', categroy: 'Read' } });
    assert.match(
      both.find((p) => p.path === 'editorial.sumary')!.message,
      /Did you mean "summary" for "sumary" and "category" for "categroy"\?/,
    );
    const present = problemsOf(toolSchema, { editorial: { summary: 'A note.', sumary: 'A note.' } });
    assert.doesNotMatch(present.find((p) => p.path === 'editorial.sumary')!.message, /Did you mean/);
  });

  test('no suggestion for a key unlike any known one, or when the caller gives no schema', () => {
    const far = problemsOf(toolSchema, { editorial: { colour: 'red' } });
    assert.doesNotMatch(far.find((p) => p.path === 'editorial.colour')!.message, /Did you mean/);
    const bare = problemsOf(toolSchema, { editorial: { sumary: 'A note.' } }, false);
    assert.doesNotMatch(bare.find((p) => p.path === 'editorial.sumary')!.message, /Did you mean/);
  });

  test('the validator suggests the known key for a record file', () => {
    const dir = tempDir(join(tmpdir(), 'atlas-problems-'));
    mkdirSync(join(dir, 'servers'), { recursive: true });
    mkdirSync(join(dir, 'tools', 'demo'), { recursive: true });
    writeFileSync(join(dir, 'servers', 'demo.yaml'), 'name: Demo\nsummary: A demo server.\n');
    writeFileSync(
      join(dir, 'tools', 'demo', 'note.yaml'),
      [
        'name: note',
        'server: demo',
        'definition:',
        '  inputSchema: { type: object }',
        'classification: { category: Read, risk: Low, confidence: high, evidence: [] }',
        'editorial:',
        '  sumary: A note.',
        '',
      ].join('\n'),
    );
    const { problems } = loadCatalogue(dir, dir);
    const problem = problems.find((p) => p.code === 'record-schema');
    assert.ok(problem, JSON.stringify(problems));
    assert.equal(problem.file, 'tools/demo/note.yaml');
    assert.equal(problem.path, 'editorial.sumary');
    assert.match(problem.message, /Did you mean "summary"\?/);
  });
});

describe('showValue', () => {
  test('shortens a long value to 80 code points and never cuts a surrogate pair', () => {
    assert.equal(showValue('a'.repeat(78)), `"${'a'.repeat(78)}"`);
    assert.equal(showValue('a'.repeat(79)), `"${'a'.repeat(76)}...`);
    // 78 emoji are 80 code points once quoted, though 158 UTF-16 units: shown whole.
    assert.equal(showValue('😀'.repeat(78)), `"${'😀'.repeat(78)}"`);
    for (const text of [
      '^' + '😀'.repeat(200),
      'a' + '😀'.repeat(200),
      '😀'.repeat(79),
      'é'.repeat(40) + '😀'.repeat(60),
    ]) {
      const shown = showValue(text);
      assert.ok(shown.endsWith('...'), shown);
      assert.equal([...shown].length, 80, shown);
      assert.ok(shown.isWellFormed(), `no half of a surrogate pair in ${JSON.stringify(shown)}`);
    }
  });
});
