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

test('each disagreement is counted once, under the first kind that explains it', () => {
  const report = scoreCorpus([
    tool('list_notes', 'List the notes.', 'Read'),
    // The labellers split between Write and Destructive; the third chose Write; the classifier says Destructive.
    tool('delete_note', 'Delete a note for good.', 'Write', { blind: ['Write', 'Destructive'] }),
    // One label, whose note weighed Destructive: the classifier's verdict.
    tool('purge_note', 'Delete a note for good.', 'Write', {
      note: 'Destructive is arguable, but the trash keeps it.',
    }),
    // A text the classifier reads nothing in: it falls back on Write.
    tool('frobnicate', 'Frobnicates.', 'Execute'),
    // The text says Write; readOnlyHint lowers it to Read.
    tool('update_note', 'Update a note.', 'Write', {
      definition: {
        description: 'Update a note.',
        inputSchema: { type: 'object' },
        annotations: { readOnlyHint: true },
      },
    }),
    // Nothing explains it: a plain miss.
    tool('send_note', 'Send a note by email to a recipient.', 'Write'),
  ]);
  assert.deepEqual(report.test.modes.kept.disagreementKinds, {
    labellersSplit: 1,
    noteNamesVerdict: 1,
    noEvidence: 1,
    annotations: 1,
    other: 1,
  });
  // Without its annotations the update tool is Write, as labelled.
  assert.equal(report.test.modes.stripped.disagreementKinds.annotations, 0);
  assert.equal(report.test.modes.stripped.disagreements.length, 4);
});
