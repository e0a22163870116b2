import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { formatReport, runImport } from '#src/importer/run.ts';
import { AtlasError } from '#src/model/problems.ts';
import { serverEnvironment } from '#src/importer/process.ts';
import { ROOT } from '../helpers/server.ts';
import { fixture, snapshot, tempContent } from './helpers.ts';
import { tempDir } from '../helpers/temp.ts';

const NODE = process.execPath;
const FAKE = fixture('fake-server.ts');
const quote = (s: string) => `"${s}"`;
const NAME = 'ATLAS_TEST_WEATHER_KEY';
const SECRET = 'sk-atlas-7f3c9e1d5b';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return true;
  }
}

test('a --stdio server gets the start-up variables and the named ones, nothing else', () => {
  const env = serverEnvironment(
    { [NAME]: SECRET },
    {
      PATH: '/bin',
      HOME: '/home/a',
      HTTPS_PROXY: 'http://proxy:3128',
      NODE_EXTRA_CA_CERTS: '/ca.pem',
      npm_config_registry: 'https://registry.example/',
      NPM_CONFIG_CACHE: '/cache',
      AWS_SECRET_ACCESS_KEY: 'not for the server',
      [NAME]: 'from the environment',
    },
  );
  assert.deepEqual(env, {
    PATH: '/bin',
    HOME: '/home/a',
    HTTPS_PROXY: 'http://proxy:3128',
    NODE_EXTRA_CA_CERTS: '/ca.pem',
    npm_config_registry: 'https://registry.example/',
    NPM_CONFIG_CACHE: '/cache',
    [NAME]: SECRET,
  });
});

test('a server that lists its tools only with a named variable imports with it, and its value is written nowhere', async () => {
  process.env[NAME] = SECRET;
  try {
    const command = `${quote(NODE)} ${quote(FAKE)} needs-env ${NAME}`;
    // Without --env the server does not see the variable, though the importer's environment has it.
    const without = tempContent();
    await assert.rejects(
      runImport({ source: { stdio: command }, contentDir: without, date: '2026-01-10' }),
      (err: unknown) => err instanceof AtlasError && new RegExp(`${NAME} is not set`).test(err.message),
    );
    assert.deepEqual(snapshot(without), {});

    const dir = tempContent();
    const sample = join(tempDir(join(tmpdir(), 'atlas-sample-')), 'fake.json');
    const report = await runImport({
      source: { stdio: command },
      contentDir: dir,
      date: '2026-01-10',
      env: { [NAME]: SECRET },
      saveSample: sample,
    });
    assert.deepEqual(report.added, ['get_weather']);
    const server = parse(readFileSync(join(dir, 'servers/fake-server.yaml'), 'utf8'));
    assert.deepEqual(server.import.env, [NAME]);
    for (const [file, text] of Object.entries(snapshot(dir))) assert.ok(!text.includes(SECRET), file);
    assert.ok(!readFileSync(sample, 'utf8').includes(SECRET));
    assert.deepEqual(JSON.parse(readFileSync(sample, 'utf8')).env, [NAME]);
    assert.ok(!formatReport(report, false).includes(SECRET));

    // The command line, with --env NAME, prints no value either.
    const cli = spawnSync(
      NODE,
      [join(ROOT, 'scripts/import.ts'), '--stdio', command, '--env', NAME, '--content', tempContent(), '--dry-run'],
      { encoding: 'utf8', env: { ...process.env, [NAME]: SECRET } },
    );
    assert.equal(cli.status, 0, cli.stderr);
    assert.match(cli.stdout, /\+ get_weather/);
    assert.ok(!`${cli.stdout}${cli.stderr}`.includes(SECRET));
  } finally {
    delete process.env[NAME];
  }
});

test("a failing server's stderr is quoted with a named variable's value blanked out", async () => {
  const dir = tempContent();
  await assert.rejects(
    runImport({
      source: { stdio: `${quote(NODE)} ${quote(FAKE)} leak-env ${NAME}` },
      contentDir: dir,
      date: '2026-01-10',
      env: { [NAME]: SECRET },
      timeoutSeconds: 20,
    }),
    (err: unknown) => {
      assert.ok(err instanceof AtlasError);
      assert.ok(!err.message.includes(SECRET.slice(0, 6)), err.message);
      assert.match(err.message, /\*\*\*/);
      return true;
    },
  );
  assert.deepEqual(snapshot(dir), {});
});

test('when an import ends, the server and a grandchild holding its stdout end too', { timeout: 60_000 }, async () => {
  const pidFile = join(tempDir(join(tmpdir(), 'atlas-pid-')), 'pids');
  const report = await runImport({
    source: { stdio: `${quote(NODE)} ${quote(FAKE)} tree ${quote(pidFile)}` },
    contentDir: tempContent(),
    date: '2026-01-10',
    dryRun: true,
  });
  assert.deepEqual(report.added, ['get_weather']);
  const { child, grandchild } = JSON.parse(readFileSync(pidFile, 'utf8')) as { child: number; grandchild: number };
  assert.equal(isAlive(child), false, 'the server ended');
  assert.equal(isAlive(grandchild), false, 'its grandchild ended');
});

test(
  'a server that exits while a grandchild holds its stdout is reported at once, and the grandchild ends',
  {
    timeout: 60_000,
  },
  async () => {
    const pidFile = join(tempDir(join(tmpdir(), 'atlas-pid-')), 'pids');
    // A limit far beyond the test's own: the import must end because the server exited, not time out.
    await assert.rejects(
      runImport({
        source: { stdio: `${quote(NODE)} ${quote(FAKE)} orphan ${quote(pidFile)}` },
        contentDir: tempContent(),
        date: '2026-01-10',
        timeoutSeconds: 600,
      }),
      (err: unknown) => err instanceof AtlasError && err.code === 'import-server-crash',
    );
    const { grandchild } = JSON.parse(readFileSync(pidFile, 'utf8')) as { grandchild: number };
    assert.equal(isAlive(grandchild), false, 'the grandchild ended');
  },
);
