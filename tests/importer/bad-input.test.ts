import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runImport } from '#src/importer/run.ts';
import { AtlasError } from '#src/model/problems.ts';
import { main as importMain } from '#scripts/import.ts';
import { callMain, runScript } from '../helpers/cli.ts';
import { FIXTURES, fixture, snapshot, tempContent } from './helpers.ts';

/** A content folder that already holds an import, so "nothing touched" means something. */
async function seeded(): Promise<string> {
  const dir = tempContent();
  await runImport({
    source: { file: fixture('notes-v1.json') },
    contentDir: dir,
    serverId: 'notes',
    date: '2026-01-10',
  });
  return dir;
}

async function expectFailure(file: string, code: string, message: RegExp): Promise<void> {
  const dir = await seeded();
  const before = snapshot(dir);
  await assert.rejects(
    runImport({ source: { file }, contentDir: dir, serverId: 'notes', date: '2026-02-01' }),
    (err: unknown) => {
      assert.ok(err instanceof AtlasError, `expected an AtlasError, got ${String(err)}`);
      assert.equal(err.code, code);
      assert.match(err.message, message);
      return true;
    },
  );
  assert.deepEqual(snapshot(dir), before, 'no file under the content folder changed');
}

test("a file that is not JSON is refused with the parser's reason", () =>
  expectFailure(fixture('bad-not-json.json'), 'import-not-json', /bad-not-json\.json is not valid JSON/));

test('a result without a tools array is refused, naming the keys it has', () =>
  expectFailure(fixture('bad-no-tools.json'), 'import-no-tools', /has no "tools" array \(its keys are: items\)/));

test('a tools field that is not an array is refused', () =>
  expectFailure(fixture('bad-tools-not-array.json'), 'import-no-tools', /"tools" that is an object, not an array/));

test('a tool without a name is refused, naming its position', () =>
  expectFailure(fixture('bad-tool-without-name.json'), 'import-tool-no-name', /tools\[0\] has no "name"/));

test('duplicate tool names are refused', () =>
  expectFailure(fixture('bad-duplicate-names.json'), 'import-duplicate-name', /lists the tool "get_x" more than once/));

test('a list whose only tool has an inputSchema that is not an object is refused', () =>
  expectFailure(
    fixture('bad-input-schema-not-object.json'),
    'import-no-valid-tools',
    /can host none of them\. The first, "get_x": Its "inputSchema" is a string, not an object/,
  ));

test('a list whose only tool has an inputSchema whose type is not "object" is refused', () =>
  expectFailure(
    fixture('bad-input-schema-wrong-type.json'),
    'import-no-valid-tools',
    /"get_x": Its "inputSchema" has the "type" "array"/,
  ));

test("a saved JSON-RPC error is refused with the server's message", () =>
  expectFailure(
    fixture('bad-jsonrpc-error.json'),
    'import-server-error',
    /holds a JSON-RPC error, not a tool list: "Method not found" \(code -32601\)/,
  ));

test('a saved first page whose nextCursor promises more tools is refused', () =>
  expectFailure(fixture('paged-missing-page.json'), 'import-missing-page', /holds only the first page/));

test('saved pages that do not chain through nextCursor are refused', () =>
  expectFailure(
    fixture('paged-broken-chain.json'),
    'import-bad-cursor',
    /page 1 has no "nextCursor", yet more pages follow/,
  ));

test('a missing file is refused', () =>
  expectFailure(join(tempContent(), 'nope.json'), 'import-file-missing', /does not exist/));

test('an absurd number of tools is refused', async () => {
  const file = join(tempContent(), 'many.json');
  writeFileSync(
    file,
    JSON.stringify({
      tools: Array.from({ length: 1001 }, (_, i) => ({ name: `t${i}`, inputSchema: { type: 'object' } })),
    }),
  );
  await expectFailure(file, 'import-too-large', /lists 1001 tools, more than the 1000/);
});

/** A list of one good tool and one bad one: the good one is imported, the bad one reported. */
async function expectSkipped(bad: Record<string, unknown>, reason: RegExp): Promise<void> {
  const dir = await seeded();
  const file = join(tempContent(), 'one-bad.json');
  writeFileSync(file, JSON.stringify({ tools: [{ name: 'get_y', inputSchema: { type: 'object' } }, bad] }));
  const report = await runImport({ source: { file }, contentDir: dir, serverId: 'notes', date: '2026-02-01' });
  assert.deepEqual(report.added, ['get_y']);
  assert.equal(report.skipped.length, 1);
  assert.match(report.skipped[0]?.reason ?? '', reason);
}

test('an absurdly large tool definition is skipped and the rest imported', () =>
  expectSkipped(
    { name: 'get_x', description: 'x'.repeat(300_000), inputSchema: { type: 'object' } },
    /Its definition is \d+ bytes/,
  ));

test("a description longer than the record schema allows is skipped with the schema's reason", () =>
  expectSkipped(
    { name: 'get_x', description: 'x'.repeat(100_001), inputSchema: { type: 'object' } },
    /at description, .*at most 100000 characters/,
  ));

test('an invalid --server-id is refused before anything is read', async () => {
  await assert.rejects(
    runImport({
      source: { file: fixture('notes-v1.json') },
      contentDir: tempContent(),
      serverId: 'Not Valid',
      date: '2026-01-10',
    }),
    /The --server-id "Not Valid" is not a valid server id.*"not-valid"/,
  );
});

test('a date that is not on the calendar is refused before anything is read', async () => {
  const dir = await seeded();
  const before = snapshot(dir);
  await assert.rejects(
    runImport({ source: { file: fixture('notes-v2.json') }, contentDir: dir, serverId: 'notes', date: '2026-02-30' }),
    (err: unknown) =>
      err instanceof AtlasError &&
      err.code === 'import-bad-date' &&
      /"2026-02-30" is not a calendar date/.test(err.message),
  );
  assert.deepEqual(snapshot(dir), before);
});

test('an existing record the loader cannot read blocks the import instead of being overwritten', async () => {
  const dir = await seeded();
  writeFileSync(join(dir, 'tools/notes/list_notes.yaml'), 'name: [unclosed\n');
  const before = snapshot(dir);
  await assert.rejects(
    runImport({ source: { file: fixture('notes-v2.json') }, contentDir: dir, serverId: 'notes', date: '2026-02-01' }),
    (err: unknown) =>
      err instanceof AtlasError && err.code === 'import-existing-invalid' && /list_notes\.yaml/.test(err.message),
  );
  assert.deepEqual(snapshot(dir), before);
});

test('the command line exits non-zero with a sentence, not a stack trace, and writes nothing', async () => {
  const dir = await seeded();
  const before = snapshot(dir);
  const result = await callMain(importMain, [
    '--file',
    fixture('bad-duplicate-names.json'),
    '--server-id',
    'notes',
    '--content',
    dir,
  ]);
  assert.equal(result.code, 1);
  assert.match(
    result.stderr,
    /^Import failed \[import-duplicate-name\]: The file .* lists the tool "get_x" more than once\./,
  );
  assert.doesNotMatch(result.stderr, /\n\s+at /);
  assert.equal(result.stdout, '');
  assert.deepEqual(snapshot(dir), before);
});

test('the command line refuses two sources at once and explains the usage', async () => {
  const result = await callMain(importMain, ['--file', 'a.json', '--http', 'http://127.0.0.1:1/mcp']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Only one source may be given, not --http and --file\./);
  assert.match(result.stderr, /Usage: npm run import/);
});

test('the command line takes its content folder and date from ATLAS_CONTENT and ATLAS_TODAY, and a relative --file from its folder', async () => {
  const dir = tempContent();
  const result = await callMain(
    importMain,
    ['--file', 'notes-v1.json', '--server-id', 'notes'],
    { ATLAS_CONTENT: dir, ATLAS_TODAY: '2026-03-04' },
    FIXTURES,
  );
  assert.equal(result.code, 0, result.stderr);
  assert.match(readFileSync(join(dir, 'servers/notes.yaml'), 'utf8'), /2026-03-04/);
});

test('the command line, as a real process, exits 1 on a bad import and 0 on --help', () => {
  const bad = runScript('import', ['--file', fixture('bad-duplicate-names.json'), '--dry-run']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^Import failed \[import-duplicate-name\]/);
  assert.doesNotMatch(bad.stderr, /\n\s+at /);
  const help = runScript('import', ['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: npm run import/);
});

/** An editor's policy on run_query that tests its `timeout` argument, which notes-v1 does not list. */
const TIMEOUT_POLICY = [
  'editorial:',
  '  policy:',
  '    version: "1"',
  '    default: deny',
  '    tools:',
  '      run_query:',
  '        deny_if:',
  '          - conditions: [{ path: args.timeout, op: gt, value: 60 }]',
  '            on_deny: Queries may run for a minute at most.',
  '        limits: [{ counter: run_query, window: hour, max: 30, scope: grant }]',
  '',
].join('\n');

/** A content folder holding notes, imported from `listing`, with TIMEOUT_POLICY on run_query. */
async function notesWithTimeoutPolicy(listing: string): Promise<{ dir: string; file: string }> {
  const dir = tempContent();
  await runImport({ source: { file: fixture(listing) }, contentDir: dir, serverId: 'notes', date: '2026-01-10' });
  const file = join(dir, 'tools/notes/run_query.yaml');
  writeFileSync(file, readFileSync(file, 'utf8') + TIMEOUT_POLICY);
  return { dir, file };
}

test("an import that would break an editor's policy is refused, naming the record and the argument, and writes nothing", async () => {
  const { dir } = await notesWithTimeoutPolicy('notes-v2.json');
  const before = snapshot(dir);
  // notes-v1 lists run_query without its `timeout` parameter, which the editor's policy tests.
  await assert.rejects(
    runImport({ source: { file: fixture('notes-v1.json') }, contentDir: dir, serverId: 'notes', date: '2026-02-01' }),
    (err: unknown) => {
      assert.ok(err instanceof AtlasError);
      assert.equal(err.code, 'import-invalid-result');
      assert.match(
        err.message,
        /run_query\.yaml › editorial\.policy\..*\[policy-unknown-argument\].*"timeout", which "run_query" does not take/,
      );
      return true;
    },
  );
  assert.deepEqual(snapshot(dir), before);
});

test("a problem already in another server's policies neither blocks an import nor is hidden from that server's own", async () => {
  // An editor's policy on notes that tests an argument run_query does not take: a problem before any import below.
  const { dir, file } = await notesWithTimeoutPolicy('notes-v1.json');
  const broken = readFileSync(file, 'utf8');
  // Another server imports cleanly beside it.
  const report = await runImport({
    source: { file: fixture('notes-v2.json') },
    contentDir: dir,
    serverId: 'other-notes',
    date: '2026-01-11',
  });
  assert.ok(report.added.includes('run_query'));
  // Re-importing notes itself still names its own problem, and writes nothing.
  await assert.rejects(
    runImport({ source: { file: fixture('notes-v1.json') }, contentDir: dir, serverId: 'notes', date: '2026-01-12' }),
    (err: unknown) =>
      err instanceof AtlasError &&
      err.code === 'import-invalid-result' &&
      /notes\/run_query\.yaml › editorial\.policy.*\[policy-unknown-argument\]/.test(err.message),
  );
  assert.equal(readFileSync(file, 'utf8'), broken);
});
