import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { policyVerdict, verdictNote } from '#src/views/tool-page.ts';
import { reviewOf } from '#src/classify/review.ts';
import { toToolEntry } from '#src/catalogue/index.ts';
import { hashDefinition } from '#src/model/canonical.ts';
import { toolSchema, type ToolRecord } from '#src/model/tool.ts';
import { ROOT } from '../helpers/server.ts';
import { confidenceRecord, nameParts, summaryText, whyText } from '#src/views/tool-view.ts';
import { isolate } from '#src/model/text.ts';
import results from '#src/classify/corpus/results.json' with { type: 'json' };
import { recommendedPolicy, type Policy } from '#src/policy/index.ts';

test('the verdict reads each recommended rule as the evaluator applies it', () => {
  const kinds = (['Read', 'Write', 'Execute', 'Destructive', 'Financial'] as const).map(
    (c) => policyVerdict(recommendedPolicy('x', c), 'x').kind,
  );
  assert.deepEqual(kinds, ['allowed', 'limited', 'limited', 'hidden', 'approval']);
  assert.equal(policyVerdict(recommendedPolicy('x', 'Execute'), 'x').text, 'Allowed, at most 10 calls a minute.');
});

test('a tool the policy does not list falls to the default, and conditions are named', () => {
  const policy = {
    version: '1',
    default: 'deny',
    tools: { y: { require: [{ path: 'args.a', op: 'exists', value: true }] } },
  } as Policy;
  assert.equal(policyVerdict(policy, 'x').kind, 'denied');
  assert.deepEqual(policyVerdict(policy, 'y'), {
    kind: 'conditional',
    label: 'Conditional',
    text: 'Allowed when its conditions hold.',
  });
});

test('long names are cut after separators only, and the parts join back to the name', () => {
  assert.deepEqual(nameParts('comfy_get_status'), ['comfy_', 'get_', 'status']);
  assert.deepEqual(nameParts('files.read-text/v2'), ['files.', 'read-', 'text/', 'v2']);
  assert.deepEqual(nameParts('trailing_'), ['trailing_']);
  for (const name of ['a__b', '_x', 'plain']) assert.equal(nameParts(name).join(''), name);
});

test('the page says who stands behind a category: an editor, or a classifier that was sure or not', () => {
  const read = (server: string, tool: string) =>
    toolSchema.parse(parse(readFileSync(join(ROOT, 'content/tools', server, `${tool}.yaml`), 'utf8')));
  const note = (record: ToolRecord) => verdictNote(toToolEntry(`${record.server}/${record.name}`, record));
  const sure = read('dbeaver-srthkdev', 'list_connections');
  assert.equal(note(sure), '');
  assert.match(note(read('dbeaver-srthkdev', 'alter_table')), /^The classifier was unsure of this category/);
  assert.match(
    note(read('dbeaver-srthkdev', 'write_query')),
    /^No editor has checked this verdict yet, and the definition also reads like a Destructive tool/,
  );
  const unsure = read('dbeaver-srthkdev', 'execute_query');
  assert.equal(note({ ...unsure, editorial: { category: 'Read' } }), "An editor confirmed the classifier's category.");
  assert.equal(
    note({ ...unsure, editorial: { category: 'Execute' } }),
    'An editor overrode the classifier, which said Read (Low).',
  );
  // A decision recorded on another definition than the one the server now lists.
  const stale = hashDefinition({ ...unsure.definition, description: 'An older text.' });
  assert.equal(
    note({ ...unsure, editorial: { category: 'Read', checked: stale } }),
    "An editor set this category, but the server has changed the tool's definition since, so it waits to be checked again.",
  );
  assert.match(
    note({ ...unsure, editorial: { category: 'Execute', checked: stale } }),
    /waits to be checked again; on the new definition the classifier says Read \(Low\)\.$/,
  );
  assert.equal(
    note({ ...unsure, editorial: { category: 'Read', checked: hashDefinition(unsure.definition) } }),
    "An editor confirmed the classifier's category.",
  );
});

test('a confidence level states what it has meant on servers the rules were never tuned on', () => {
  const measured = results.test.modes.kept.perConfidence;
  for (const level of ['high', 'medium', 'low'] as const) {
    const r = measured[level];
    assert.ok(
      confidenceRecord({ classification: { confidence: level } })!.includes(
        `its ${level}-confidence verdicts matched a careful reviewer's category for ${r.percent.toFixed(1)}% of tools (${r.agree.toLocaleString('en-US')} of ${r.total.toLocaleString('en-US')})`,
      ),
      level,
    );
  }
  assert.equal(
    confidenceRecord({ classification: { confidence: 'low' }, editorial: { category: 'Write' } }),
    undefined,
    "an editor's category needs no figure for the classifier's confidence",
  );
  // The levels mean something only while a higher one is right more often.
  assert.ok(measured.high.percent > measured.medium.percent && measured.medium.percent > measured.low.percent);
});

test("an editor's risk without a category leaves the category unchecked, and the page says so as the queue does", () => {
  const record = toolSchema.parse(
    parse(readFileSync(join(ROOT, 'content/tools/dbeaver-srthkdev/execute_query.yaml'), 'utf8')),
  );
  const riskOnly = { ...record, editorial: { risk: 'High' as const } };
  assert.equal(reviewOf(riskOnly)?.reason, 'low-confidence');
  assert.match(verdictNote(toToolEntry(`${record.server}/${record.name}`, riskOnly)), /^The classifier was unsure/);
});

test('a right-to-left override in server text ends with it: the site’s own sentence keeps its order', () => {
  const record = toolSchema.parse(
    parse(readFileSync(join(ROOT, 'content/tools/dbeaver-srthkdev/list_connections.yaml'), 'utf8')),
  ) as ToolRecord;
  record.definition = { ...record.definition, description: 'Lists connections\u202E.' };
  const tool = toToolEntry(`${record.server}/${record.name}`, record);
  const server = {
    id: 'dbeaver-srthkdev',
    record: { name: 'Evil \u202Eserver' },
    tools: [tool],
  } as unknown as Parameters<typeof summaryText>[1];
  const text = summaryText(tool, server);
  // Each piece of server text sits in its own isolate, so its override stops at the U+2069.
  assert.ok(text.includes('\u2068Evil \u202Eserver\u2069'), text);
  assert.ok(text.includes('“\u2068Lists connections\u202E.\u2069”'), text);
  assert.match(text, /\u2069” It takes/);
  assert.ok(whyText(tool, server).includes('\u2068Evil \u202Eserver\u2069'));
  // Left-to-right text is left as it is.
  assert.equal(isolate('Plain server'), 'Plain server');
});

test('a description with no usable first sentence is quoted from its opening, never called missing', () => {
  const record = toolSchema.parse(
    parse(readFileSync(join(ROOT, 'content/tools/dbeaver-srthkdev/list_connections.yaml'), 'utf8')),
  ) as ToolRecord;
  const server = { id: 'dbeaver-srthkdev', record: { name: 'DBeaver' }, tools: [] } as unknown as Parameters<
    typeof summaryText
  >[1];
  const say = (description: string) =>
    summaryText(
      toToolEntry(`${record.server}/${record.name}`, {
        ...record,
        definition: { ...record.definition, description },
        editorial: undefined,
      } as ToolRecord),
      server,
    );
  assert.match(say('Echo'), /Its own description reads: “Echo”\./);
  const long = Array.from({ length: 40 }, (_, i) => `word${i}`)
    .join(' ')
    .repeat(3);
  const text = say(long);
  assert.match(text, /Its own description begins: “word0 word1 .*…”\./);
  assert.doesNotMatch(text, /no description/);
  // Only a definition with no description at all is said to have none.
  const { description: _none, ...bare } = record.definition;
  const empty = summaryText(
    toToolEntry(`${record.server}/${record.name}`, { ...record, definition: bare, editorial: undefined } as ToolRecord),
    server,
  );
  assert.match(empty, /which gives it no description\./);
});
