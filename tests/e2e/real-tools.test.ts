/**
 * One build over what real servers send: a 128-character tool name, an input schema without
 * "type", a tool the catalogue cannot host, one whose name starts with "_", and a server re-imported with a changed answer, whose
 * changes must reach the change page and the Atom feed.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runImport } from '#src/importer/run.ts';
import { toolUrl } from '#src/views/urls.ts';
import { buildSite, type BuildResult } from '../helpers/build.ts';
import { ROOT } from '../helpers/server.ts';
import { fixture, tempContent } from '../importer/helpers.ts';

const LONG = `update_${'a1_'.repeat(40)}x`;
let build: BuildResult;
const page = (...parts: string[]) => readFileSync(join(build.outDir, 'client', ...parts), 'utf8');

before(async () => {
  assert.equal(LONG.length, 128);
  const dir = tempContent();
  for (const sub of ['attack-patterns', 'pages'])
    cpSync(join(ROOT, 'content', sub), join(dir, sub), { recursive: true });
  const edge = join(tempContent(), 'edge.json');
  writeFileSync(
    edge,
    JSON.stringify({
      tools: [
        {
          name: LONG,
          description: 'Updates a record.',
          inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
        },
        {
          name: 'list_things',
          description: 'Lists things.',
          inputSchema: { properties: { limit: { type: 'integer' } } },
        },
        { name: '__node_version', description: 'Prints the Node.js version.', inputSchema: { type: 'object' } },
        { name: 'node version', description: 'Prints the Node.js version.', inputSchema: { type: 'object' } },
      ],
    }),
  );
  const report = await runImport({ source: { file: edge }, contentDir: dir, serverId: 'edge', date: '2026-01-10' });
  assert.deepEqual(report.added.sort(), ['__node_version', 'list_things', LONG]);
  assert.equal(report.skipped[0]?.name, 'node version');

  await runImport({
    source: { file: fixture('notes-v1.json') },
    contentDir: dir,
    serverId: 'notes',
    date: '2026-01-10',
  });
  const changed = await runImport({
    source: { file: fixture('notes-v2.json') },
    contentDir: dir,
    serverId: 'notes',
    date: '2026-02-01',
  });
  assert.ok(changed.changed.some((c) => c.name === 'list_notes'));
  build = await buildSite(dir);
  assert.equal(build.code, 0, build.output.slice(-3000));
});

test('a 128-character tool name gets its page, and its rate-limit counter fits the policy language', () => {
  const html = page(toolUrl('edge', LONG), 'index.html');
  assert.ok(html.includes(LONG));
  assert.match(html, /update_a1_a1_[a-z0-9_]*_[0-9a-f]{8}_rate/);
  assert.ok(JSON.parse(page('servers/edge/policy.json')).tools[LONG].limits[0].counter.length <= 64);
});

test('a tool whose input schema has no "type" is catalogued with its arguments', () => {
  const html = page(toolUrl('edge', 'list_things'), 'index.html');
  assert.match(html, /It takes one argument: <code>limit<\/code>/);
});

test('a tool the catalogue cannot host is named on its server page with the reason', () => {
  const html = page('servers/edge/index.html');
  assert.match(html, /Tools the catalogue could not list/);
  assert.match(html, /<code[^>]*>node version<\/code>: Its name is not a valid MCP tool name/);
  // A valid name that starts with "_" is hosted: its file and URL get a "~" (see toolFileStem).
  assert.ok(existsSync(join(build.outDir, 'client', toolUrl('edge', '__node_version'), 'index.html')));
});

test('a re-import that changes tools shows on the change page and in the Atom feed, newest first', () => {
  const changes = page('changes/index.html');
  const newer = changes.indexOf('2026-02-01');
  const older = changes.indexOf('2026-01-10');
  assert.ok(newer > 0 && older > newer, 'the newer day comes first');
  const day = changes.slice(newer, older);
  assert.match(day, /1 tool added, 3 changed, 1 removed/);
  assert.match(day, /list_notes<\/code><\/a>: <p>description changed<\/p>/);
  assert.match(day, /run_query<\/code><\/a>: <p>parameter <code>timeout<\/code> added<\/p>/);

  const feed = page('changes.xml');
  const first = feed.slice(feed.indexOf('<entry>'), feed.indexOf('</entry>'));
  assert.match(first, /<updated>2026-02-01T00:00:00Z<\/updated>/);
  assert.match(first, /~ list_notes: description changed/);
  assert.match(first, /- delete_note removed/);
  // Every page's head points feed readers at it.
  assert.match(page('index.html'), /<link rel="alternate" type="application\/atom\+xml"[^>]*href="\/changes\.xml"/);
});
