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

test('labels are read with the definitions of a saved tools/list file, notes kept', () => {
  const root = corpusRoot(
    'server: notes\nsplit: test\nsource: tools.json\ntools:\n  list_notes: Read\n  delete_note:\n    label: Destructive\n    note: Deletes.\n',
  );
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
  const root = corpusRoot(
    'server: notes\nsplit: test\nsource: tools.json\nlabellers: 2\ntools:\n  list_notes: Read\n  delete_note:\n    label: Destructive\n    note: Settled; no undo.\n    labels: [Write, Destructive]\n',
  );
  const { tools, problems } = loadCorpus(root);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    tools.map((t) => [t.name, t.label, t.labellers, t.blind ?? null]),
    [
      ['list_notes', 'Read', 2, null],
      ['delete_note', 'Destructive', 2, ['Write', 'Destructive']],
    ],
  );
});

test('blind labels in a file labelled once, or two equal blind labels, are reported', () => {
  const once = corpusRoot(
    'server: notes\nsplit: test\nsource: tools.json\ntools:\n  list_notes: Read\n  delete_note:\n    label: Destructive\n    note: Settled.\n    labels: [Write, Destructive]\n',
  );
  assert.match(
    loadCorpus(once).problems.join('\n'),
    /"delete_note" has two blind labels but the file does not say labellers: 2/,
  );
  const same = corpusRoot(
    'server: notes\nsplit: test\nsource: tools.json\nlabellers: 2\ntools:\n  list_notes: Read\n  delete_note:\n    label: Destructive\n    note: Settled.\n    labels: [Destructive, Destructive]\n',
  );
  assert.match(loadCorpus(same).problems.join('\n'), /list them only where they differ/);
});
