import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { alternativesOf, compareReview, decisionIsStale, reviewOf } from '#src/classify/review.ts';
import { hashDefinition } from '#src/model/canonical.ts';
import { toolSchema, type ToolRecord } from '#src/model/tool.ts';
import { ROOT } from '../helpers/server.ts';

/** A real record of the shipped catalogue. */
const record = (server: string, tool: string): ToolRecord =>
  toolSchema.parse(parse(readFileSync(join(ROOT, 'content/tools', server, `${tool}.yaml`), 'utf8')));

test('text that reads like a deletion queues a Write verdict first, whatever its confidence', () => {
  // "Removes the relation between an issue and a related issue": rated Write, with a Destructive sign.
  const tool = record('backlog', 'remove_related_issue');
  const item = reviewOf(tool)!;
  assert.equal(item.reason, 'dangerous-sign');
  assert.deepEqual(
    item.alternatives.map((a) => [a.category, a.evidence.signal]),
    [['Destructive', 'phrase:deletes']],
  );
  assert.equal(item.sign, 'Destructive');
  // A destructiveHint beside a Financial text sign: the sign named is the text's.
  const hinted = {
    ...tool,
    classification: {
      ...tool.classification,
      evidence: [
        {
          source: 'annotation' as const,
          signal: 'annotation:destructive',
          text: 'destructiveHint: true',
          suggests: 'Destructive' as const,
        },
        ...tool.classification.evidence.map((e) =>
          e.suggests === 'Destructive' ? { ...e, suggests: 'Financial' as const } : e,
        ),
      ],
    },
  };
  assert.equal(reviewOf(hinted)?.sign, 'Financial');
  const sure = { ...tool, classification: { ...tool.classification, confidence: 'high' as const } };
  assert.equal(reviewOf(sure)?.reason, 'dangerous-sign');
});

test('a destructiveHint alone does not make the sign: the tool waits with its confidence', () => {
  const tool = record('backlog', 'remove_related_issue');
  const hintOnly = {
    ...tool,
    classification: {
      ...tool.classification,
      evidence: tool.classification.evidence.map((e) =>
        e.suggests === 'Destructive' ? { ...e, source: 'annotation' as const, text: 'destructiveHint: true' } : e,
      ),
    },
  };
  assert.equal(reviewOf(hintOnly)?.reason, 'medium-confidence');
});

test('a sign is no reason when the risk is already Critical', () => {
  const tool = record('backlog', 'remove_related_issue');
  assert.equal(reviewOf({ ...tool, editorial: { risk: 'Critical' } })?.reason, 'medium-confidence');
});

test('low and medium confidence queue a tool; a sure verdict with no sign does not', () => {
  assert.equal(reviewOf(record('dbeaver-srthkdev', 'execute_query'))?.reason, 'low-confidence');
  assert.equal(reviewOf(record('dbeaver-srthkdev', 'alter_table'))?.reason, 'medium-confidence');
  const sure = record('dbeaver-srthkdev', 'list_connections');
  assert.equal(sure.classification.confidence, 'high');
  assert.equal(reviewOf(sure), undefined);
});

test("an editor's category or the server's removal of the tool takes it off the queue", () => {
  const tool = record('dbeaver-srthkdev', 'execute_query');
  assert.equal(reviewOf({ ...tool, editorial: { category: 'Execute' } }), undefined);
  assert.equal(reviewOf({ ...tool, editorial: { category: 'Read' } }), undefined, 'a confirmation counts too');
  assert.equal(reviewOf({ ...tool, history: { ...tool.history!, removed: '2026-12-01' } }), undefined);
  assert.equal(reviewOf({ ...tool, editorial: { summary: 'Runs a query.' } })?.reason, 'low-confidence');
});

test("a category decided on another definition brings the tool back, under the editor's category", () => {
  const tool = record('dbeaver-srthkdev', 'execute_query');
  const now = hashDefinition(tool.definition);
  const before = hashDefinition({ ...tool.definition, description: 'An older text.' });
  assert.equal(reviewOf({ ...tool, editorial: { category: 'Read', checked: now } }), undefined);
  const item = reviewOf({ ...tool, editorial: { category: 'Read', checked: before } })!;
  assert.equal(item.reason, 'definition-changed');
  assert.deepEqual([item.category, item.risk], ['Read', 'Low']);
  assert.deepEqual(
    item.alternatives.map((a) => a.category),
    ['Execute'],
    "the classifier's own verdict is an alternative to the editor's",
  );
  const risk = reviewOf({ ...tool, editorial: { category: 'Read', risk: 'Medium', checked: before } })!;
  assert.equal(risk.risk, 'Medium', "an editor's risk stands with the category");
  const gone = { ...tool, history: { ...tool.history!, removed: '2026-12-01' } };
  assert.equal(reviewOf({ ...gone, editorial: { category: 'Read', checked: before } }), undefined);
});

test('the alternatives are the other categories argued for, each with its first signal, in category order', () => {
  const e = (suggests: ToolRecord['classification']['category'], signal: string) => ({
    source: 'description' as const,
    signal,
    text: signal,
    suggests,
  });
  const alts = alternativesOf(
    [e('Destructive', 'd1'), e('Write', 'w'), e('Read', 'r'), e('Destructive', 'd2')],
    'Write',
  );
  assert.deepEqual(
    alts.map((a) => [a.category, a.evidence.signal]),
    [
      ['Read', 'r'],
      ['Destructive', 'd1'],
    ],
  );
});

test('the queue runs from the dangerous signs to the medium-confidence verdicts, by id within each', () => {
  const tools = ['alter_table', 'execute_query', 'write_query', 'begin_transaction'].map((name) => ({
    id: `dbeaver-srthkdev/${name}`,
    item: reviewOf(record('dbeaver-srthkdev', name))!,
  }));
  assert.deepEqual(
    tools.sort(compareReview).map((t) => t.id.split('/')[1]),
    ['begin_transaction', 'write_query', 'execute_query', 'alter_table'],
  );
});

test('on both halves of the labelled corpus the queue holds far more of the misses than of the tools', () => {
  const results = JSON.parse(readFileSync(join(ROOT, 'src/classify/corpus/results.json'), 'utf8'));
  for (const split of ['tuning', 'test'] as const) {
    const { tools, modes } = results[split];
    const kept = modes.kept;
    const share = kept.reviewQueue.tools / tools;
    assert.ok(share < 0.3, `${split}: the queue is a minority of the tools (${share})`);
    assert.ok(kept.reviewQueue.disagreements / kept.disagreements.length > 2 * share, `${split}: misses concentrate`);
  }
});

test('a decision is stale only when it recorded a definition and the hash given is another', () => {
  const a = `sha256:${'a'.repeat(64)}`;
  const b = `sha256:${'b'.repeat(64)}`;
  let hashed = 0;
  const now = (h: string) => () => (hashed++, h);
  assert.equal(decisionIsStale({ category: 'Write', checked: a }, now(b)), true);
  assert.equal(decisionIsStale({ category: 'Write', checked: a }, now(a)), false, 'a definition changed back');
  assert.equal(hashed, 2);
  assert.equal(decisionIsStale({ category: 'Write' }, now(b)), false, 'set by hand, with no definition recorded');
  assert.equal(decisionIsStale({ summary: 'x' }, now(b)), false, 'no decision at all');
  assert.equal(decisionIsStale(undefined, now(b)), false);
  assert.equal(hashed, 2, 'nothing to compare, nothing hashed');
});
