import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreCorpus, type LabelledTool } from '#src/classify/score.ts';
import type { Category } from '#src/model/taxonomy.ts';

const siblings = ['list_notes', 'delete_note', 'send_note'];
function tool(name: string, description: string, label: Category, extra: Partial<LabelledTool> = {}): LabelledTool {
  return {
    server: 'notes',
    split: 'test',
    name,
    label,
    labellers: 2,
    definition: { description, inputSchema: { type: 'object' } },
    siblings,
    ...extra,
  };
}

test('labeller agreement, agreement with the first labels and agreement where the labellers agree are counted apart', () => {
  const report = scoreCorpus([
    tool('list_notes', 'List the notes.', 'Read'),
    // The labellers differed (Write, then Destructive); a third settled on Destructive, which the classifier says.
    tool('delete_note', 'Delete a note for good.', 'Destructive', { blind: ['Write', 'Destructive'] }),
    // Both labellers said Write; the classifier says Execute.
    tool('send_note', 'Send a note by email to a recipient.', 'Write'),
  ]);
  const half = report.test;
  assert.deepEqual(half.labellers, { agree: 2, total: 3, percent: 66.7 });
  assert.deepEqual(half.modes.kept.agreement, { agree: 2, total: 3, percent: 66.7 });
  assert.deepEqual(half.modes.kept.firstLabels, { agree: 1, total: 3, percent: 33.3 });
  assert.deepEqual(half.modes.kept.whereLabellersAgree, { agree: 1, total: 2, percent: 50 });
});

test('tools labelled once count in no labeller figure', () => {
  const report = scoreCorpus([tool('list_notes', 'List the notes.', 'Read', { labellers: 1 })]);
  assert.deepEqual(report.test.labellers, { agree: 0, total: 0, percent: 0 });
  assert.deepEqual(report.test.modes.kept.whereLabellersAgree, { agree: 0, total: 0, percent: 0 });
  assert.deepEqual(report.test.modes.kept.firstLabels, { agree: 1, total: 1, percent: 100 });
});
