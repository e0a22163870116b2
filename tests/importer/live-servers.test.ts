import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { toolUrl } from '#src/views/urls.ts';
import { runImport } from '#src/importer/run.ts';
import { AtlasError } from '#src/model/problems.ts';
import { buildSite } from '../helpers/build.ts';
import { ROOT } from '../helpers/server.ts';
import { fixture, snapshot, tempContent } from './helpers.ts';
import { tempDir } from '../helpers/temp.ts';

const EVERYTHING = join(ROOT, 'node_modules/.bin/mcp-server-everything');
const NODE = process.execPath;
const FAKE = fixture('fake-server.ts');
const quote = (s: string) => `"${s}"`;

const EVERYTHING_TOOLS = [
  'echo',
  'get-annotated-message',
  'get-env',
  'get-resource-links',
  'get-resource-reference',
  'get-roots-list',
  'get-structured-content',
  'get-sum',
  'get-tiny-image',
  'gzip-file-as-resource',
  'simulate-research-query',
  'toggle-simulated-logging',
  'toggle-subscriber-updates',
  'trigger-elicitation-request',
  'trigger-long-running-operation',
  'trigger-sampling-request',
];

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function expectAtlasError(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof AtlasError, `expected an AtlasError, got ${String(err)}`);
    assert.equal(err.code, code);
    assert.match(err.message, message);
    return true;
  });
}

test('server-everything imported over stdio becomes a content folder that builds', { timeout: 300_000 }, async () => {
  const dir = tempContent();
  // The site links attack patterns and long-form pages; give the build the real ones.
  for (const sub of ['attack-patterns', 'pages']) {
    if (existsSync(join(ROOT, 'content', sub))) cpSync(join(ROOT, 'content', sub), join(dir, sub), { recursive: true });
  }
  const report = await runImport({
    source: { stdio: quote(EVERYTHING) },
    contentDir: dir,
    date: '2026-01-10',
    serverId: 'everything',
    repo: 'https://github.com/modelcontextprotocol/servers',
  });
  assert.deepEqual([...report.added].sort(), EVERYTHING_TOOLS);
  const server = parse(readFileSync(join(dir, 'servers/everything.yaml'), 'utf8'));
  assert.equal(server.name, 'Everything Reference Server');
  assert.deepEqual(server.server_info, { name: 'mcp-servers/everything', version: server.server_info.version });
  assert.deepEqual(server.transports, ['stdio']);
  const categories = Object.fromEntries(
    EVERYTHING_TOOLS.map((name) => [
      name,
      parse(readFileSync(join(dir, 'tools/everything', `${name}.yaml`), 'utf8')).classification.category,
    ]),
  );
  assert.equal(categories['get-sum'], 'Read');
  assert.equal(categories['toggle-simulated-logging'], 'Write');
  assert.equal(categories['trigger-long-running-operation'], 'Execute');

  const build = await buildSite(dir);
  assert.equal(build.code, 0, build.output.slice(-3000));
  for (const name of EVERYTHING_TOOLS) {
    assert.ok(existsSync(join(build.outDir, 'client', toolUrl('everything', name), 'index.html')), `page for ${name}`);
  }
});

test('the same server started through npx is imported with the same tools', { timeout: 120_000 }, async () => {
  const dir = tempContent();
  const report = await runImport({
    source: { stdio: 'npx -y @modelcontextprotocol/server-everything' },
    contentDir: dir,
    date: '2026-01-10',
    dryRun: true,
  });
  assert.deepEqual([...report.added].sort(), EVERYTHING_TOOLS);
  assert.equal(report.serverId, 'mcp-servers-everything');
  assert.deepEqual(snapshot(dir), {});
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startHttpEverything(port: number): Promise<ChildProcess> {
  const child = spawn(NODE, [EVERYTHING, 'streamableHttp'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d.toString();
      if (seen.includes('listening on port')) resolve();
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${seen}`)));
  });
  return child;
}

test('server-everything is imported over Streamable HTTP', { timeout: 120_000 }, async () => {
  const port = await freePort();
  const child = await startHttpEverything(port);
  try {
    const dir = tempContent();
    const report = await runImport({
      source: { http: `http://127.0.0.1:${port}/mcp?api_key=s3cret` },
      contentDir: dir,
      date: '2026-01-10',
      serverId: 'everything',
    });
    assert.deepEqual([...report.added].sort(), EVERYTHING_TOOLS);
    const server = parse(readFileSync(join(dir, 'servers/everything.yaml'), 'utf8'));
    assert.deepEqual(server.transports, ['streamable-http']);
    // A key in the address is not published in the record.
    assert.equal(server.import.source, `http://127.0.0.1:${port}/mcp`);
  } finally {
    child.kill();
  }
});

test('every page of a paginated tools/list is followed through nextCursor', { timeout: 60_000 }, async () => {
  const dir = tempContent();
  const report = await runImport({
    source: { stdio: `${quote(NODE)} ${quote(FAKE)} paged ${quote(fixture('paged-tools.json'))} 2` },
    contentDir: dir,
    date: '2026-01-10',
  });
  assert.equal(report.serverId, 'fake-server');
  assert.deepEqual(report.added, ['get_item_0', 'get_item_1', 'get_item_2', 'get_item_3', 'get_item_4']);
});

test('a server that hangs is stopped after the timeout and its process is ended', { timeout: 60_000 }, async () => {
  const dir = tempContent();
  const pidFile = join(tempDir(join(tmpdir(), 'atlas-pid-')), 'pid');
  await expectAtlasError(
    runImport({
      source: { stdio: `${quote(NODE)} ${quote(FAKE)} hang ${quote(pidFile)}` },
      contentDir: dir,
      date: '2026-01-10',
      // Long enough for the fake server to start on a loaded machine and reach tools/list.
      timeoutSeconds: 10,
    }),
    'import-timeout',
    /did not answer within 10 seconds.*--timeout/,
  );
  const pid = Number(readFileSync(pidFile, 'utf8'));
  assert.equal(isAlive(pid), false, 'the hanging server was ended');
  assert.deepEqual(snapshot(dir), {});
});

test('a server that crashes while listing tools is reported as having exited', { timeout: 60_000 }, async () => {
  const dir = tempContent();
  await expectAtlasError(
    runImport({ source: { stdio: `${quote(NODE)} ${quote(FAKE)} crash` }, contentDir: dir, date: '2026-01-10' }),
    'import-server-crash',
    /exited|closed the connection/,
  );
  assert.deepEqual(snapshot(dir), {});
});

test('a server that writes text that is not JSON-RPC is reported as malformed', { timeout: 60_000 }, async () => {
  const dir = tempContent();
  await expectAtlasError(
    runImport({
      source: { stdio: `${quote(NODE)} ${quote(FAKE)} garbage` },
      contentDir: dir,
      date: '2026-01-10',
      timeoutSeconds: 20,
    }),
    'import-malformed',
    /wrote a line that is not JSON/,
  );
  assert.deepEqual(snapshot(dir), {});
});

test('a server whose tools/list answer has no tools array is reported as such', { timeout: 60_000 }, async () => {
  const dir = tempContent();
  await expectAtlasError(
    runImport({ source: { stdio: `${quote(NODE)} ${quote(FAKE)} no-tools` }, contentDir: dir, date: '2026-01-10' }),
    'import-no-tools',
    /tools\/list answer \(page 1\) has no "tools" array/,
  );
});

test('a server that cannot be started is reported with the command', { timeout: 60_000 }, async () => {
  const dir = tempContent();
  await expectAtlasError(
    runImport({ source: { stdio: 'atlas-no-such-command --flag' }, contentDir: dir, date: '2026-01-10' }),
    'import-server-start',
    /"atlas-no-such-command --flag" could not be started: the command was not found/,
  );
  assert.deepEqual(snapshot(dir), {});
});

test('an HTTP address where no server listens is reported without writing anything', { timeout: 60_000 }, async () => {
  const dir = tempContent();
  const port = await freePort();
  await assert.rejects(
    runImport({
      source: { http: `http://127.0.0.1:${port}/mcp` },
      contentDir: dir,
      date: '2026-01-10',
      timeoutSeconds: 10,
    }),
    (err: unknown) => {
      assert.ok(err instanceof AtlasError, String(err));
      // Nothing answered, so it is not an error the server sent.
      assert.equal(err.code, 'import-server-start');
      assert.match(
        err.message,
        /^The server at http:\/\/127\.0\.0\.1:\d+\/mcp could not be reached: the connection was refused, so nothing is listening at that address and port \(ECONNREFUSED\)\./,
      );
      return true;
    },
  );
  assert.deepEqual(snapshot(dir), {});
});

test(
  'an HTTP address that cannot be reached says why: an unknown host, a port fetch refuses',
  { timeout: 60_000 },
  async () => {
    const dir = tempContent();
    const reach = (http: string) =>
      runImport({ source: { http }, contentDir: dir, date: '2026-01-10', timeoutSeconds: 20 });
    // .invalid never resolves (RFC 2606); a machine without DNS cannot look it up at all.
    await expectAtlasError(
      reach('http://atlas-no-such-host.invalid/mcp'),
      'import-server-start',
      /could not be reached: its host name (was not found|could not be looked up) in DNS.* \((ENOTFOUND|EAI_AGAIN)\)/,
    );
    await expectAtlasError(
      reach('http://127.0.0.1:9/mcp'),
      'import-server-start',
      /127\.0\.0\.1:9\/mcp could not be reached: fetch refuses to connect to that port/,
    );
    assert.deepEqual(snapshot(dir), {});
  },
);
