import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runImport, formatReport, type ImportOptions } from '#src/importer/run.ts';
import { hashDefinition } from '#src/model/canonical.ts';
import { AtlasError } from '#src/model/problems.ts';
import { validateCatalogue } from '#src/catalogue/validate.ts';
import { main as importMain } from '#scripts/import.ts';
import { callMain } from '../helpers/cli.ts';
import { ROOT } from '../helpers/server.ts';
import { fixture, snapshot, tempContent } from './helpers.ts';

const importFile = (file: string, contentDir: string, extra: Partial<ImportOptions> = {}) =>
  runImport({ source: { file: fixture(file) }, contentDir, serverId: 'notes', date: '2026-01-10', ...extra });

const readTool = (dir: string, name: string) => parse(readFileSync(join(dir, 'tools/notes', `${name}.yaml`), 'utf8'));

test('a first import writes one record per tool and a server record, all of which validate', async () => {
  const dir = tempContent();
  const report = await importFile('notes-v1.json', dir, { name: 'Notes', repo: 'https://github.com/example/notes' });
  assert.deepEqual(report.added, ['list_notes', 'delete_note', 'run_query', 'send_payment', 'update_note']);
  assert.deepEqual([report.changed, report.removed], [[], []]);
  assert.equal(report.writes.length, 6);
  const server = parse(readFileSync(join(dir, 'servers/notes.yaml'), 'utf8'));
  assert.equal(server.name, 'Notes');
  assert.equal(server.repository, 'https://github.com/example/notes');
  assert.deepEqual(server.import, {
    source: `file: ${join('tests/fixtures/tools-list', 'notes-v1.json')}`,
    date: '2026-01-10',
  });
  const { problems } = validateCatalogue(dir);
  assert.deepEqual(problems, []);
});

test('imported records carry the classification, its evidence and a hash of the definition', async () => {
  const dir = tempContent();
  await importFile('notes-v1.json', dir);
  const del = readTool(dir, 'delete_note');
  assert.equal(del.classification.category, 'Destructive');
  assert.equal(del.classification.risk, 'Critical');
  assert.ok(
    del.classification.evidence.some(
      (e: { text: string; signal: string }) =>
        e.text === 'This cannot be undone.' && e.signal === 'phrase:irreversible',
    ),
  );
  assert.equal(del.history.hash, hashDefinition(del.definition));
  assert.equal(del.history.first_seen, '2026-01-10');
  assert.equal(readTool(dir, 'run_query').classification.category, 'Execute');
  assert.equal(readTool(dir, 'send_payment').classification.category, 'Financial');
  // destructiveHint: true with no word of the text agreeing stays evidence, at medium confidence.
  assert.equal(readTool(dir, 'update_note').classification.category, 'Write');
  assert.equal(readTool(dir, 'update_note').classification.confidence, 'medium');
  assert.equal(readTool(dir, 'list_notes').classification.category, 'Read');
});

test('fields outside the catalogue definition, such as execution, are not stored', async () => {
  const dir = tempContent();
  await importFile('notes-v1.json', dir);
  const update = readTool(dir, 'update_note');
  assert.deepEqual(Object.keys(update.definition), ['description', 'inputSchema', 'annotations']);
});

test('output is deterministic: records end in a newline and a second import of the same list writes nothing', async () => {
  const dir = tempContent();
  await importFile('notes-v1.json', dir);
  const before = snapshot(dir);
  for (const text of Object.values(before)) assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'));
  const again = await importFile('notes-v1.json', dir);
  assert.deepEqual(again.writes, []);
  assert.deepEqual(again.unchanged.length, 5);
  assert.deepEqual(snapshot(dir), before);
});

test('a re-import reports added, changed (with what changed) and removed tools', async () => {
  const dir = tempContent();
  await importFile('notes-v1.json', dir);
  const report = await importFile('notes-v2.json', dir, { date: '2026-02-01' });
  assert.deepEqual(report.added, ['archive_note']);
  assert.deepEqual(report.removed, ['delete_note']);
  assert.deepEqual(
    report.changed.map((c) => [c.name, c.summary]),
    [
      ['list_notes', ['description changed']],
      ['run_query', ['parameter `timeout` added']],
      ['update_note', ['annotation readOnlyHint absent→false']],
    ],
  );
  assert.match(formatReport(report, false), /Summary: 1 added, 3 changed, 1 removed, 0 skipped, 0 flagged/);
});

test("a changed definition is recorded with its date in the tool's history", async () => {
  const dir = tempContent();
  await importFile('notes-v1.json', dir);
  await importFile('notes-v2.json', dir, { date: '2026-02-01' });
  const list = readTool(dir, 'list_notes');
  assert.equal(list.history.first_seen, '2026-01-10');
  assert.deepEqual(list.history.changes, [{ date: '2026-02-01', summary: ['description changed'] }]);
  assert.equal(list.definition.description, 'Lists the notes in a notebook, newest first.');
  assert.equal(list.history.hash, hashDefinition(list.definition));
});

test('a removed tool is marked with the date and its file is kept', async () => {
  const dir = tempContent();
  await importFile('notes-v1.json', dir);
  await importFile('notes-v2.json', dir, { date: '2026-02-01' });
  const del = readTool(dir, 'delete_note');
  assert.equal(del.history.removed, '2026-02-01');
  assert.equal(del.definition.description, 'Deletes a note. This cannot be undone.');
  // Removed again the next time: still one removal, and the date is kept.
  const again = await importFile('notes-v2.json', dir, { date: '2026-03-01' });
  assert.deepEqual(again.removed, []);
  assert.equal(readTool(dir, 'delete_note').history.removed, '2026-02-01');
});

test('a tool that comes back clears its removal and says so in its history', async () => {
  const dir = tempContent();
  await importFile('notes-v1.json', dir);
  await importFile('notes-v2.json', dir, { date: '2026-02-01' });
  const report = await importFile('notes-v3.json', dir, { date: '2026-03-01' });
  assert.deepEqual(report.restored, ['delete_note']);
  const del = readTool(dir, 'delete_note');
  assert.equal(del.history.removed, undefined);
  assert.deepEqual(del.history.changes, [
    { date: '2026-03-01', summary: ['listed again after being marked removed on 2026-02-01'] },
  ]);
});

test("editors' overrides and server prose survive a re-import untouched, comments included", async () => {
  const dir = tempContent();
  await importFile('notes-v1.json', dir);
  const toolFile = join(dir, 'tools/notes/list_notes.yaml');
  const editorial = [
    'editorial:',
    '  # Reviewed by the editors.',
    '  category: Write',
    '  risk: Medium',
    '  summary: |-',
    '    Lists notes, and marks them read as a side effect.',
    '',
    '    Second paragraph.',
    '  why: Marking notes read cannot be undone by the agent.',
    '',
  ].join('\n');
  writeFileSync(toolFile, readFileSync(toolFile, 'utf8') + editorial);
  const serverFile = join(dir, 'servers/notes.yaml');
  const serverText = readFileSync(serverFile, 'utf8').replace(
    /^summary: .*$/m,
    'summary: A note-taking server, described by hand.\n# Editors: keep this short.',
  );
  writeFileSync(serverFile, serverText);

  await importFile('notes-v2.json', dir, { date: '2026-02-01' });
  const after = readFileSync(toolFile, 'utf8');
  assert.ok(after.endsWith(editorial), 'the editorial block is kept byte for byte at the end of the record');
  assert.equal(parse(after).definition.description, 'Lists the notes in a notebook, newest first.');
  const server = readFileSync(serverFile, 'utf8');
  assert.match(server, /^summary: A note-taking server, described by hand\.\n# Editors: keep this short\.$/m);
  assert.equal(parse(server).import.date, '2026-02-01');
});

test('a removed tool keeps its editorial block too', async () => {
  const dir = tempContent();
  await importFile('notes-v1.json', dir);
  const toolFile = join(dir, 'tools/notes/delete_note.yaml');
  writeFileSync(toolFile, readFileSync(toolFile, 'utf8') + 'editorial:\n  why: Deletes for good.\n');
  await importFile('notes-v2.json', dir, { date: '2026-02-01' });
  const record = parse(readFileSync(toolFile, 'utf8'));
  assert.equal(record.editorial.why, 'Deletes for good.');
  assert.equal(record.history.removed, '2026-02-01');
});

test('poisoned definitions are flagged in the record, with the field and the verbatim text', async () => {
  const dir = tempContent();
  const report = await importFile('poisoned.json', dir);
  assert.deepEqual(
    report.flagged.map((f) => [f.name, f.codes]),
    [
      ['add_numbers', ['hidden-instruction-tag', 'conceal-from-user', 'secret-file-request']],
      ['get_weather', ['instruction-override', 'invisible-unicode', 'bidi-unicode']],
      ['format_text', ['cross-tool-instruction', 'base64-blob']],
    ],
  );
  const weather = readTool(dir, 'get_weather');
  const bidi = weather.flags.find((f: { code: string }) => f.code === 'bidi-unicode');
  assert.equal(bidi.field, 'inputSchema.properties.city.description');
  assert.equal(bidi.text, 'City name \u202egnirts\u202c');
  assert.deepEqual(readTool(dir, 'get_time').flags, undefined);
  assert.deepEqual(validateCatalogue(dir).problems, []);
});

test('pages saved one after another are imported in order', async () => {
  const dir = tempContent();
  const report = await importFile('paged-pages.json', dir);
  assert.deepEqual(report.added, ['get_item_0', 'get_item_1', 'get_item_2', 'get_item_3', 'get_item_4']);
});

test('a bare array of tools is accepted', async () => {
  const dir = tempContent();
  const report = await importFile('paged-tools.json', dir);
  assert.equal(report.added.length, 5);
});

test('a dry run reports what would change and writes nothing', async () => {
  const dir = tempContent();
  await importFile('notes-v1.json', dir);
  const before = snapshot(dir);
  const report = await importFile('notes-v2.json', dir, { date: '2026-02-01', dryRun: true });
  assert.deepEqual(report.added, ['archive_note']);
  assert.ok(report.writes.length > 0);
  assert.deepEqual(snapshot(dir), before);
  assert.match(formatReport(report, true), /would write/);
});

test('without --server-id the id comes from the file name when the file has no serverInfo', async () => {
  const dir = tempContent();
  const report = await runImport({ source: { file: fixture('notes-v1.json') }, contentDir: dir, date: '2026-01-10' });
  assert.equal(report.serverId, 'notes-v1');
  assert.ok(existsSync(join(dir, 'servers/notes-v1.yaml')));
});

test('an editorial block that uses YAML anchors and aliases keeps its meaning across a re-import', async () => {
  const dir = tempContent();
  await importFile('notes-v1.json', dir);
  const toolFile = join(dir, 'tools/notes/list_notes.yaml');
  writeFileSync(
    toolFile,
    readFileSync(toolFile, 'utf8') + 'editorial:\n  summary: &same Lists notes and marks them read.\n  why: *same\n',
  );
  await importFile('notes-v2.json', dir, { date: '2026-02-01' });
  const record = readTool(dir, 'list_notes');
  assert.equal(record.editorial.summary, 'Lists notes and marks them read.');
  assert.equal(record.editorial.why, 'Lists notes and marks them read.');
  assert.equal(record.history.changes.length, 1);
});

const SAMPLE_SOURCE = 'stdio: npx -y notes-mcp@1.2.0';

/** A sample as `--save-sample` writes it, holding the tools of notes-v1.json, saved at `path`. */
function notesSample(path: string): string {
  const { tools } = JSON.parse(readFileSync(fixture('notes-v1.json'), 'utf8')).result;
  const sample = {
    captured: '2026-01-05',
    source: SAMPLE_SOURCE,
    serverInfo: { name: 'acme/notes-server', version: '1.2.0' },
    result: { tools },
  };
  writeFileSync(path, `${JSON.stringify(sample, null, 2)}\n`);
  return path;
}

test('a saved sample given to --file is read as --all --offline reads it, so re-importing from it rewrites nothing', async () => {
  const dir = tempContent();
  const sample = notesSample(join(tempContent(), 'notes.json'));
  // The record as --all --offline makes it, under the manifest's id rather than the serverInfo's.
  await runImport({ source: { sample }, contentDir: dir, serverId: 'notes', date: '2026-01-10' });
  const before = snapshot(dir);
  // A copy elsewhere, under another name: its server and source are the ones it holds.
  const copy = join(tempContent(), 'changed.json');
  copyFileSync(sample, copy);
  for (const serverId of [undefined, 'notes']) {
    const report = await runImport({ source: { file: copy }, contentDir: dir, serverId, date: '2026-02-01' });
    assert.equal(report.serverId, 'notes');
    assert.equal(report.serverFile.action, 'unchanged');
    assert.deepEqual(report.writes, []);
  }
  assert.deepEqual(snapshot(dir), before);
  const server = parse(readFileSync(join(dir, 'servers/notes.yaml'), 'utf8'));
  assert.deepEqual(server.import, { source: SAMPLE_SOURCE, date: '2026-01-05' });
  assert.deepEqual(server.server_info, { name: 'acme/notes-server', version: '1.2.0' });
});

test("a sample of a server not yet in the catalogue is named by its serverInfo, and its record keeps the sample's source", async () => {
  const dir = tempContent();
  const sample = notesSample(join(tempContent(), 'saved.json'));
  const report = await runImport({ source: { file: sample }, contentDir: dir, date: '2026-02-01' });
  assert.equal(report.serverId, 'acme-notes-server');
  const server = parse(readFileSync(join(dir, 'servers/acme-notes-server.yaml'), 'utf8'));
  assert.deepEqual(server.import, { source: SAMPLE_SOURCE, date: '2026-01-05' });
  assert.deepEqual(server.transports, ['stdio']);
  assert.equal(server.server_info.name, 'acme/notes-server');
});

test('a shipped sample given to --file over the shipped catalogue rewrites nothing', { timeout: 120_000 }, async () => {
  const dir = tempContent();
  cpSync(join(ROOT, 'content'), dir, { recursive: true });
  const result = await callMain(importMain, [
    '--file',
    join(ROOT, 'samples/everything.json'),
    '--content',
    dir,
    '--dry-run',
  ]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Dry run: would import server "everything" \(.*: unchanged\)\.$/m);
  assert.match(result.stdout, /; 0 files would be written\.$/m);
});

test('a plain file outside the project folder is recorded by its name alone, not by a path of this machine', async () => {
  const dir = tempContent();
  const file = join(tempContent(), 'notes-export.json');
  copyFileSync(fixture('notes-v1.json'), file);
  await runImport({ source: { file }, contentDir: dir, serverId: 'notes', date: '2026-01-10', cwd: ROOT });
  const server = parse(readFileSync(join(dir, 'servers/notes.yaml'), 'utf8'));
  assert.equal(server.import.source, 'file: notes-export.json');
});

test('a file that starts with a byte-order mark is read as the same file without it', async () => {
  const dir = tempContent();
  const file = join(tempContent(), 'notes-bom.json');
  writeFileSync(file, `\uFEFF${readFileSync(fixture('notes-v1.json'), 'utf8')}`);
  const report = await runImport({ source: { file }, contentDir: dir, serverId: 'notes', date: '2026-01-10' });
  assert.equal(report.added.length, 5);
  // A saved sample with one is read the same, by --file and offline.
  const sample = join(tempContent(), 'sample-bom.json');
  writeFileSync(sample, `\uFEFF${readFileSync(notesSample(join(tempContent(), 'plain.json')), 'utf8')}`);
  for (const source of [{ file: sample }, { sample }]) {
    const again = await runImport({ source, contentDir: dir, serverId: 'notes', date: '2026-01-10', dryRun: true });
    assert.equal(again.unchanged.length, 5);
  }
});

test('--name and --repo are not applied to an existing server record, and the report says how to change them', async () => {
  const dir = tempContent();
  const first = await importFile('notes-v1.json', dir, { name: 'Notes', repo: 'https://github.com/example/notes' });
  assert.equal(first.warnings, undefined);
  const same = await importFile('notes-v1.json', dir, { name: 'Notes', repo: 'https://github.com/example/notes' });
  assert.equal(same.warnings, undefined, 'the values the record already has are not worth a warning');

  const report = await importFile('notes-v1.json', dir, { name: 'Notes Pro', repo: 'https://github.com/example/pro' });
  assert.equal(report.warnings?.length, 1);
  assert.match(
    report.warnings?.[0] ?? '',
    /^--name and --repo were ignored: .*servers\/notes\.yaml already exists .*edit name: and repository: in that file\.$/,
  );
  const server = parse(readFileSync(join(dir, 'servers/notes.yaml'), 'utf8'));
  assert.equal(server.name, 'Notes');
  assert.equal(server.repository, 'https://github.com/example/notes');
  const repoOnly = await importFile('notes-v1.json', dir, { repo: 'https://github.com/example/pro' });
  assert.match(repoOnly.warnings?.[0] ?? '', /^--repo was ignored: .*edit repository: in that file\.$/);

  const cli = await callMain(importMain, [
    '--file',
    fixture('notes-v1.json'),
    '--server-id',
    'notes',
    '--content',
    dir,
    '--name',
    'Notes Pro',
  ]);
  assert.equal(cli.code, 0, cli.stderr);
  assert.match(cli.stderr, /^Warning: --name was ignored: .*edit name: in that file\.\n$/);
});

test('an answer with no tools is refused for a server that has tools, unless --allow-empty; a new server may have none', async () => {
  const dir = tempContent();
  await importFile('notes-v1.json', dir);
  const empty = join(tempContent(), 'empty.json');
  writeFileSync(empty, '{"tools": []}\n');
  const before = snapshot(dir);
  await assert.rejects(
    runImport({ source: { file: empty }, contentDir: dir, serverId: 'notes', date: '2026-02-01' }),
    (err: unknown) => {
      assert.ok(err instanceof AtlasError, String(err));
      assert.equal(err.code, 'import-empty-answer');
      assert.match(err.message, /the server "notes" has 5 tools .*mark all 5 removed, so nothing was written/);
      assert.match(err.message, /--allow-empty/);
      return true;
    },
  );
  assert.deepEqual(snapshot(dir), before);
  const cli = await callMain(importMain, ['--file', empty, '--server-id', 'notes', '--content', dir]);
  assert.equal(cli.code, 1);
  assert.match(cli.stderr, /^Import failed \[import-empty-answer\]: /);
  assert.deepEqual(snapshot(dir), before);

  const allowed = await callMain(importMain, [
    '--file',
    empty,
    '--server-id',
    'notes',
    '--content',
    dir,
    '--allow-empty',
  ]);
  assert.equal(allowed.code, 0, allowed.stderr);
  assert.match(allowed.stdout, /Summary: 0 added, 0 changed, 5 removed/);
  // Every tool is marked removed already: another empty answer removes nothing, so it needs no flag.
  const again = await runImport({ source: { file: empty }, contentDir: dir, serverId: 'notes', date: '2026-03-01' });
  assert.deepEqual(again.removed, []);

  const fresh = tempContent();
  const report = await runImport({ source: { file: empty }, contentDir: fresh, serverId: 'quiet', date: '2026-02-01' });
  assert.equal(report.serverFile.action, 'create');
  assert.deepEqual(validateCatalogue(fresh).problems, []);
});
