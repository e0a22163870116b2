import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticCatalogue, writeSyntheticCatalogue } from '#scripts/lib/synthetic.ts';
import { validateCatalogue } from '#src/catalogue/validate.ts';
import { CATEGORIES, CATEGORY_RISK } from '#src/model/taxonomy.ts';
import { TOOL_NAME_PATTERN } from '#src/model/tool.ts';
import { ROOT } from '../helpers/server.ts';
import { tempDir } from '../helpers/temp.ts';

test('the same seed gives the same catalogue, and another seed a different one', () => {
  const a = syntheticCatalogue(60, 7);
  const b = syntheticCatalogue(60, 7);
  const c = syntheticCatalogue(60, 8);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('a catalogue has the tools asked for, every category, and tool names that are unique per server', () => {
  const { servers, tools } = syntheticCatalogue(300);
  assert.equal(tools.length, 300);
  assert.ok(servers.length >= 300 / 22 && servers.length <= Math.ceil(300 / 6), `${servers.length} servers`);
  assert.deepEqual(new Set(tools.map((t) => t.data.classification.category)), new Set(CATEGORIES));
  for (const t of tools) {
    assert.match(t.data.name, TOOL_NAME_PATTERN);
    assert.equal(t.data.classification.risk, CATEGORY_RISK[t.data.classification.category]);
  }
  assert.equal(new Set(tools.map((t) => t.id)).size, tools.length);
  assert.ok(
    tools.some((t) => t.data.editorial),
    'some tools carry editorial overrides',
  );
});

test('a written catalogue of 50 tools passes every check the build runs', () => {
  const tmp = join(ROOT, 'tests/.tmp');
  mkdirSync(tmp, { recursive: true });
  const dir = tempDir(join(tmp, 'synthetic-'));
  try {
    const written = writeSyntheticCatalogue(dir, 50, { sampleDir: join(ROOT, 'content') });
    const { catalogue, problems } = validateCatalogue(dir);
    assert.deepEqual(problems, []);
    assert.equal(catalogue.tools.length, 50);
    assert.equal(catalogue.servers.length, written.servers.length);
    assert.ok(catalogue.patterns.length > 0, 'the attack patterns were copied');
    // Byte-for-byte the same files on a second run.
    const first = written.tools.map((t) => readFileSync(join(dir, 'tools', `${t.id}.yaml`), 'utf8'));
    writeSyntheticCatalogue(dir, 50, { sampleDir: join(ROOT, 'content') });
    assert.deepEqual(
      written.tools.map((t) => readFileSync(join(dir, 'tools', `${t.id}.yaml`), 'utf8')),
      first,
    );
    assert.equal(readdirSync(join(dir, 'tools')).length, written.servers.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
