import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS_DIR, loadCorpus } from '#scripts/lib/classify-corpus.ts';
import { tempDir } from '../helpers/temp.ts';

function corpusRoot(yaml: string): string {
  const root = tempDir(join(tmpdir(), 'corpus-'));
  mkdirSync(join(root, CORPUS_DIR), { recursive: true });
  mkdirSync(join(root, 'content'), { recursive: true });
  writeFileSync(
    join(root, 'tools.json'),
    JSON.stringify({
      tools: [
        { name: 'list_notes', inputSchema: { type: 'object' } },
        { name: 'delete_note', inputSchema: { type: 'object' } },
      ],
    }),
  );
  writeFileSync(join(root, CORPUS_DIR, 'notes.yaml'), yaml);
  return root;
}

/** The notes corpus with a given head line and delete_note's entry, as a corpus file would have it. */
const notesFile = (head: string, deleteNote: string) =>
  `server: notes\nsplit: test\nsource: tools.json\n${head}tools:\n  list_notes: Read\n  delete_note:\n${deleteNote}`;
const settled = (labels: string) => `    label: Destructive\n    note: Settled; no undo.\n    labels: ${labels}\n`;

test('labels are read with the definitions of a saved tools/list file, notes kept', () => {
  const root = corpusRoot(notesFile('', '    label: Destructive\n    note: Deletes.\n'));
  const { tools, problems } = loadCorpus(root);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    tools.map((t) => [t.name, t.label, t.note ?? null, t.siblings.length]),
    [
      ['list_notes', 'Read', null, 2],
      ['delete_note', 'Destructive', 'Deletes.', 2],
    ],
  );
});

test('a missing label, a label for no tool and a wrong file name are all reported', () => {
  const root = corpusRoot(
    'server: other\nsplit: tuning\nsource: tools.json\ntools:\n  list_notes: Read\n  gone: Write\n',
  );
  const { problems } = loadCorpus(root);
  assert.equal(problems.length, 3, problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('"delete_note" has no label')));
  assert.ok(problems.some((p) => p.includes('"gone" is not a tool')));
  assert.ok(problems.some((p) => p.includes('file name must be the server id')));
});

test('a file labelled twice keeps the settled label and the two blind labels where they differed', () => {
  const { tools, problems } = loadCorpus(corpusRoot(notesFile('labellers: 2\n', settled('[Write, Destructive]'))));
  assert.deepEqual(problems, []);
  assert.deepEqual(
    tools.map((t) => [t.name, t.label, t.labellers, t.blind ?? null]),
    [
      ['list_notes', 'Read', 2, null],
      ['delete_note', 'Destructive', 2, ['Write', 'Destructive']],
    ],
  );
});

test('blind labels in a file labelled once, two equal blind labels and a bad labellers count are reported by field', () => {
  const once = loadCorpus(corpusRoot(notesFile('', settled('[Write, Destructive]')))).problems.join('\n');
  assert.match(
    once,
    /notes\.yaml › tools\.delete_note\.labels {2}\[cli-corpus\] .*does not say it was labelled twice\. Add "labellers: 2"/,
  );
  const same = loadCorpus(corpusRoot(notesFile('labellers: 2\n', settled('[Destructive, Destructive]')))).problems;
  assert.match(same.join('\n'), /tools\.delete_note\.labels .*lists the same blind label twice \(Destructive\)/);
  const three = loadCorpus(corpusRoot(notesFile('labellers: 3\n', settled('[Write, Destructive]')))).problems;
  assert.match(
    three.join('\n'),
    /notes\.yaml › labellers {2}\[cli-corpus\] {2}"labellers" is 3, which is not allowed\. Use one of: 1, 2\./,
  );
});
