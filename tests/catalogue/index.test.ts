import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex, relatedTools, patternsFor, riskCounts } from '#src/catalogue/index.ts';
import { paramRows } from '#src/views/tool-view.ts';
import { revealInvisible, codeSpans, paragraphs } from '#src/model/text.ts';
import { highlightForTool, highlightJson } from '#src/views/highlight.ts';
import type { ToolRecord } from '#src/model/tool.ts';
import type { Category, RiskLevel } from '#src/model/taxonomy.ts';

const tool = (server: string, name: string, category: Category, risk: RiskLevel, extra: Partial<ToolRecord> = {}) => ({
  id: `${server}/${name}`,
  data: {
    name,
    server,
    definition: { description: `${name} does things`, inputSchema: { type: 'object' as const } },
    classification: { category, risk, confidence: 'high' as const, evidence: [] },
    ...extra,
  } as ToolRecord,
});
const server = (id: string) => ({ id, data: { name: id.toUpperCase(), summary: 's' } });
const pattern = (id: string, categories: Category[]) => ({
  id,
  data: { title: id, summary: 's', categories, order: 1 },
});

const index = buildIndex(
  [server('b'), server('a')],
  [
    tool('a', 'read_x', 'Read', 'Low'),
    tool('a', 'delete_x', 'Destructive', 'Critical'),
    tool('a', 'read_y', 'Read', 'Low'),
    tool('a', 'gone', 'Read', 'Low', {
      history: { hash: `sha256:${'0'.repeat(64)}`, first_seen: '2026-01-01', removed: '2026-02-01' },
    }),
    tool('a', 'write_x', 'Write', 'Medium', { editorial: { category: 'Execute' } }),
    tool('b', 'read_z', 'Read', 'Low'),
    tool('missing', 'orphan', 'Read', 'Low'),
  ],
  [pattern('p-read', ['Read']), pattern('p-destroy', ['Destructive'])],
);

test('the index sorts servers by name and tools by risk, then name, and drops tools of unknown servers', () => {
  assert.deepEqual(
    index.servers.map((s) => s.id),
    ['a', 'b'],
  );
  assert.deepEqual(
    index.serverById.get('a')!.tools.map((t) => t.name),
    ['delete_x', 'write_x', 'gone', 'read_x', 'read_y'],
  );
  assert.ok(!index.tools.some((t) => t.name === 'orphan'));
});

test("an editor's category override sets the category and the category's risk", () => {
  const t = index.tools.find((x) => x.name === 'write_x')!;
  assert.equal(t.category, 'Execute');
  assert.equal(t.risk, 'High');
  assert.equal(t.overridden, true);
});

test('removed tools are kept but not counted', () => {
  assert.equal(index.serverById.get('a')!.counts.byCategory.Read, 2);
  assert.deepEqual(riskCounts(index), { Low: 3, Medium: 0, High: 1, Critical: 1 });
});

test('related tools start with the same category on the same server, then other servers', () => {
  const readX = index.tools.find((t) => t.name === 'read_x')!;
  const related = relatedTools(readX, index, 6).map((t) => t.id);
  assert.deepEqual(related.slice(0, 1), ['a/read_y']);
  assert.ok(related.includes('b/read_z'));
  assert.ok(!related.includes('a/gone'));
  assert.ok(!related.includes('a/read_x'));
});

test('attack patterns follow the category', () => {
  const del = index.tools.find((t) => t.name === 'delete_x')!;
  assert.deepEqual(
    patternsFor(del, index).map((p) => p.id),
    ['p-destroy'],
  );
});

test('parameter rows flatten one level of nested objects and describe constraints', () => {
  const rows = paramRows({
    type: 'object',
    required: ['a'],
    properties: {
      a: { type: 'string', pattern: '^x$' },
      b: { type: 'integer', minimum: 1, maximum: 5, default: 2 },
      c: { type: 'object', properties: { d: { enum: ['x', 'y'] } } },
      e: { anyOf: [{ type: 'string' }, { type: 'object' }] },
    },
  });
  assert.deepEqual(
    rows.map((r) => [r.name, r.type, r.required]),
    [
      ['a', 'string', true],
      ['b', 'integer', false],
      ['c', 'object', false],
      ['c.d', 'enum', false],
      ['e', 'string | object', false],
    ],
  );
  assert.deepEqual(rows[1]!.constraints, ['1 to 5']);
  assert.equal(rows[1]!.defaultValue, '2');
});

test('invisible and bidirectional characters are shown as code points', () => {
  assert.equal(revealInvisible('a\u200bb\u202Ec\u{E0041}'), 'a<U+200B>b<U+202E>c<U+E0041>');
  assert.equal(revealInvisible('plain'), 'plain');
});

test('editor prose splits into paragraphs and code spans', () => {
  assert.deepEqual(paragraphs('one\n\n two \n\n\nthree'), ['one', 'two', 'three']);
  assert.deepEqual(codeSpans('a `b` c'), [
    { code: false, text: 'a ' },
    { code: true, text: 'b' },
    { code: false, text: ' c' },
  ]);
});

test('highlighting a policy from a shared template gives the same HTML as highlighting it directly', async () => {
  const make = (n: string) =>
    `{\n  "tools": {\n    "${n}": {\n      "limits": [{ "counter": "${n}_rate" }]\n    }\n  }\n}\n`;
  const direct = await highlightJson(make('comfy.get-status_2'));
  const templated = await highlightForTool(
    make('comfy.get-status_2'),
    'comfy.get-status_2',
    'TOOLXPLACEHOLDER',
    make('TOOLXPLACEHOLDER'),
  );
  assert.equal(templated, direct);
});
