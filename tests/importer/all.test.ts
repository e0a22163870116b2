import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { formatAllTable, runAll } from '#src/importer/all.ts';
import { AtlasError } from '#src/model/problems.ts';
import { ROOT } from '../helpers/server.ts';
import { fixture, snapshot } from './helpers.ts';
import { tempDir } from '../helpers/temp.ts';

const NODE = process.execPath;
const FAKE = fixture('fake-server.ts');
const q = (s: string) => JSON.stringify(s);

/** A project folder (content/ and samples/) whose manifest lists two working servers and one that crashes. */
function project(): string {
  const root = tempDir(join(tmpdir(), 'atlas-all-'));
  mkdirSync(join(root, 'content'));
  const stdio = (args: string) => q(`${q(NODE)} ${q(FAKE)} ${args}`);
  writeFileSync(
    join(root, 'content/manifest.yaml'),
    [
      'servers:',
      '  - id: notes',
      `    stdio: ${stdio(`paged ${q(fixture('paged-tools.json'))} 2`)}`,
      '    sample: samples/notes.json',
      '  - id: broken',
      `    stdio: ${stdio('crash')}`,
      '    sample: samples/broken.json',
      '  - id: weather',
      `    stdio: ${stdio('needs-env ATLAS_ALL_TEST_KEY')}`,
      '    env: { ATLAS_ALL_TEST_KEY: placeholder-for-listing }',
      '    sample: samples/weather.json',
      '',
    ].join('\n'),
  );
  return root;
}

test(
  '--all imports every server of the manifest, reports the one that fails and writes the others',
  { timeout: 120_000 },
  async () => {
    const root = project();
    const content = join(root, 'content');
    const progress: string[] = [];
    const outcomes = await runAll({
      contentDir: content,
      date: '2026-03-01',
      concurrency: 2,
      timeoutSeconds: 60,
      environment: {},
      onProgress: (line) => progress.push(line),
    });
    assert.equal(progress.length, 3, 'one progress line per server');
    assert.ok(
      progress.some((l) => /✗ broken: failed \[import-server-crash\]/.test(l)),
      progress.join('\n'),
    );
    assert.ok(progress.some((l) => /✓ weather: 1 tool, 1 added.*placeholder for ATLAS_ALL_TEST_KEY/.test(l)));

    const table = formatAllTable(outcomes);
    assert.match(table, /^notes\s+ok\s+5\s+5\s+0\s+0\s+0\s+\d+$/m);
    assert.match(table, /^broken\s+FAILED/m);
    assert.match(table, /^weather\s+ok\s+1\s+1\s/m);
    assert.match(table, /1 of 3 servers failed:\n {2}broken \[import-server-crash\]: .*exited/);

    // The working servers' records and saved answers are written; nothing of the broken one.
    assert.ok(existsSync(join(content, 'tools/notes/get_item_0.yaml')));
    assert.ok(existsSync(join(content, 'tools/weather/get_weather.yaml')));
    assert.ok(!existsSync(join(content, 'servers/broken.yaml')));
    assert.ok(!existsSync(join(root, 'samples/broken.json')));
    const sample = JSON.parse(readFileSync(join(root, 'samples/weather.json'), 'utf8'));
    assert.deepEqual(sample.env, ['ATLAS_ALL_TEST_KEY']);
    assert.equal(sample.result.tools[0].name, 'get_weather');
    assert.deepEqual(parse(readFileSync(join(content, 'servers/weather.yaml'), 'utf8')).import.env, [
      'ATLAS_ALL_TEST_KEY',
    ]);

    // Offline, from the saved answers: the same records, nothing written; the broken one has none.
    const before = snapshot(root);
    const offline = await runAll({ contentDir: content, date: '2026-04-01', offline: true });
    assert.deepEqual(
      offline.map((o) => [o.id, o.error?.code ?? o.report?.writes.length]),
      [
        ['notes', 0],
        ['broken', 'import-file-missing'],
        ['weather', 0],
      ],
    );
    assert.deepEqual(snapshot(root), before);

    // The command line prints the table and exits 1 because a server failed.
    const cli = spawnSync(NODE, [join(ROOT, 'scripts/import.ts'), '--all', '--content', content, '--dry-run'], {
      encoding: 'utf8',
    });
    assert.equal(cli.status, 1, cli.stderr);
    assert.match(cli.stdout, /^broken\s+FAILED/m);
    assert.match(cli.stdout, /1 of 3 servers failed/);
  },
);

test(
  '--all starts each server in a new empty folder, removed afterwards, never in the project',
  { timeout: 60_000 },
  async () => {
    const root = tempDir(join(tmpdir(), 'atlas-all-'));
    mkdirSync(join(root, 'content'));
    const said = join(root, 'started-in.txt');
    writeFileSync(
      join(root, 'content/manifest.yaml'),
      [
        'servers:',
        '  - id: weather',
        `    stdio: ${q(`${q(NODE)} ${q(FAKE)} where ${q(said)}`)}`,
        '    sample: samples/weather.json',
        '',
      ].join('\n'),
    );
    const [outcome] = await runAll({ contentDir: join(root, 'content'), date: '2026-03-01', environment: {} });
    assert.equal(outcome?.error, undefined);
    const folder = readFileSync(said, 'utf8');
    assert.notEqual(folder, process.cwd());
    assert.notEqual(folder, root);
    assert.ok(!folder.startsWith(root), folder);
    assert.ok(!existsSync(folder), `${folder} is left behind`);
    assert.deepEqual(readdirSync(root).sort(), ['content', 'samples', 'started-in.txt']);
  },
);

test('--all --offline over the shipped catalogue changes nothing', { timeout: 600_000 }, async () => {
  const root = tempDir(join(tmpdir(), 'atlas-shipped-'));
  cpSync(join(ROOT, 'content'), join(root, 'content'), { recursive: true });
  cpSync(join(ROOT, 'samples'), join(root, 'samples'), { recursive: true });
  const before = snapshot(root);
  const outcomes = await runAll({ contentDir: join(root, 'content'), date: '2099-01-01', offline: true });
  assert.deepEqual(
    outcomes.filter((o) => o.error).map((o) => `${o.id}: ${o.error?.message}`),
    [],
  );
  assert.ok(outcomes.length >= 21, `${outcomes.length} servers in the manifest`);
  assert.deepEqual(snapshot(root), before);
});

test('after --all, the tools whose editor-set category was decided on an older definition are listed', () => {
  const report = {
    serverId: 'notes',
    serverFile: { path: 'content/servers/notes.yaml', action: 'update' as const },
    added: [],
    changed: [
      { name: 'list_notes', summary: ['description changed'] },
      { name: 'delete_note', summary: ['parameter `force` added'], recheck: 'Destructive' as const },
    ],
    removed: [],
    restored: [],
    unchanged: ['run_query'],
    flagged: [],
    skipped: [],
    writes: [],
  };
  const table = formatAllTable([{ id: 'notes', report, placeholders: [], seconds: 1 }]);
  assert.match(
    table,
    /\nnotes: changed since an editor set their category \(npm run review -- --server notes\)\n {2}\? delete_note: Destructive on the old definition; parameter `force` added\n/,
  );
  assert.ok(!table.includes('? list_notes'), 'a tool no editor had decided on is not listed');
});

/** A project whose manifest lists these servers, each read from its own copy of notes-v1.json. */
function fileProject(ids: string[]): string {
  const root = tempDir(join(tmpdir(), 'atlas-all-'));
  mkdirSync(join(root, 'content'));
  mkdirSync(join(root, 'answers'));
  const lines = ['servers:'];
  for (const id of ids) {
    cpSync(fixture('notes-v1.json'), join(root, 'answers', `${id}.json`));
    lines.push(`  - id: ${id}`, `    file: answers/${id}.json`, `    sample: answers/${id}.json`);
  }
  writeFileSync(join(root, 'content/manifest.yaml'), `${lines.join('\n')}\n`);
  return root;
}

test('--all refuses an answer with no tools for a server that has some, and imports the others', async () => {
  const root = fileProject(['notes', 'jotter']);
  const content = join(root, 'content');
  const first = await runAll({ contentDir: content, date: '2026-03-01' });
  assert.deepEqual(
    first.map((o) => o.error),
    [undefined, undefined],
  );
  writeFileSync(join(root, 'answers/notes.json'), '{"tools": []}\n');
  writeFileSync(join(root, 'answers/jotter.json'), readFileSync(fixture('notes-v2.json'), 'utf8'));
  const notesBefore = snapshot(join(content, 'tools/notes'));
  const progress: string[] = [];
  const outcomes = await runAll({ contentDir: content, date: '2026-04-01', onProgress: (l) => progress.push(l) });
  assert.equal(outcomes[0]?.error?.code, 'import-empty-answer');
  assert.match(outcomes[0]?.error?.message ?? '', /"notes" has 5 tools/);
  assert.deepEqual(outcomes[1]?.report?.added, ['archive_note']);
  assert.ok(progress.some((l) => /✗ notes: refused \[import-empty-answer\]/.test(l)));
  assert.match(formatAllTable(outcomes), /^notes\s+REFUSED\s/m);
  assert.deepEqual(snapshot(join(content, 'tools/notes')), notesBefore);

  const allowed = await runAll({ contentDir: content, date: '2026-04-01', only: ['notes'], allowEmpty: true });
  assert.equal(allowed[0]?.report?.removed.length, 5);
});

test('--only with an id the manifest does not list suggests the nearest one instead of listing them all', async () => {
  const ids = ['notes', 'tavily', ...Array.from({ length: 20 }, (_, i) => `server-${i}`)];
  const content = join(fileProject(ids), 'content');
  await assert.rejects(runAll({ contentDir: content, date: '2026-03-01', only: ['tavilly'] }), (err: unknown) => {
    assert.ok(err instanceof AtlasError, String(err));
    assert.equal(err.code, 'import-manifest');
    assert.equal(err.message, 'The manifest lists no server "tavilly". Did you mean "tavily"?');
    return true;
  });
  await assert.rejects(runAll({ contentDir: content, date: '2026-03-01', only: ['qqqqqqqq'] }), (err: unknown) => {
    assert.ok(err instanceof AtlasError, String(err));
    assert.match(err.message, /^The manifest lists no server "qqqqqqqq"\. It lists 22 servers: .*manifest\.yaml\.$/);
    assert.doesNotMatch(err.message, /server-1/);
    return true;
  });
  // A short manifest is listed in full.
  const small = join(fileProject(['notes', 'jotter']), 'content');
  await assert.rejects(
    runAll({ contentDir: small, date: '2026-03-01', only: ['qqqqqqqq'] }),
    /lists no server "qqqqqqqq"\. Its servers are: notes, jotter\./,
  );
});
