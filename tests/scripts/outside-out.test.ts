/**
 * A build whose output folder (ATLAS_OUT) lies outside the project: the merged folder `npm start`
 * serves must load its server code's packages, and a folder that cannot gets one clear line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { siteHandler, StartError } from '#scripts/serve.ts';
import { ROOT } from '../helpers/server.ts';
import { tempDir } from '../helpers/temp.ts';

/** A finished slice as `npm run build` leaves one, whose server code imports a package by name. */
function fakeSlice(root: string, entry: string): string {
  const slice = join(root, 'slice');
  mkdirSync(join(slice, 'site', 'client'), { recursive: true });
  mkdirSync(join(slice, 'site', 'server'), { recursive: true });
  writeFileSync(join(slice, 'slice.json'), JSON.stringify({ index: 0, count: 1, key: 'k' }));
  writeFileSync(join(slice, 'search.json'), '[]');
  writeFileSync(join(slice, 'site', 'client', 'index.html'), '<!doctype html><title>x</title><p>Hello</p>');
  writeFileSync(join(slice, 'site', 'server', 'entry.mjs'), entry);
  return slice;
}

const USES_A_PACKAGE = "import { parse } from 'yaml';\nexport const handler = () => parse('a: 1');\n";

function merge(slice: string, out: string, cache: string) {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts/build.ts'), '--merge', slice, '--out', out], {
    cwd: ROOT,
    env: { ...process.env, ATLAS_CACHE: cache },
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  return run.stdout;
}

test('a site merged outside the project gets the node_modules link its server code needs, and keeps it', async () => {
  const root = tempDir(join(tmpdir(), 'atlas-outside-'));
  const slice = fakeSlice(root, USES_A_PACKAGE);
  const out = join(root, 'dist');
  merge(slice, out, join(root, 'cache'));
  assert.ok(lstatSync(join(out, 'node_modules')).isSymbolicLink());
  assert.equal(readlinkSync(join(out, 'node_modules')), join(ROOT, 'node_modules'));
  // The link is not a file of the site: merging again neither removes nor places it.
  assert.match(merge(slice, out, join(root, 'cache')), /merged 2 files \(0 placed, 0 removed\)/);
  assert.ok(lstatSync(join(out, 'node_modules')).isSymbolicLink());
  await siteHandler(out);
});

test('a site merged inside the project gets no link: Node finds the packages above it', () => {
  const root = tempDir(join(ROOT, 'tests/.tmp', 'inside-'));
  const out = join(root, 'dist');
  merge(fakeSlice(root, USES_A_PACKAGE), out, join(root, 'cache'));
  assert.throws(() => lstatSync(join(out, 'node_modules')), /ENOENT/);
});

test('npm start refuses a build whose server code cannot load its packages, with one line', async () => {
  const dist = join(tempDir(join(tmpdir(), 'atlas-nolink-')), 'dist');
  mkdirSync(join(dist, 'server'), { recursive: true });
  writeFileSync(join(dist, 'server', 'entry.mjs'), USES_A_PACKAGE);
  await assert.rejects(siteHandler(dist), (err: unknown) => {
    assert.ok(err instanceof StartError, String(err));
    assert.match(
      err.message,
      /^The build in .*dist cannot load the package yaml that its server code imports: .*dist\/node_modules is missing/,
    );
    assert.ok(err.message.includes(`ln -s ${join(ROOT, 'node_modules')} ${join(dist, 'node_modules')}`), err.message);
    return true;
  });
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts/serve.ts')], {
    cwd: ROOT,
    env: { ...process.env, ATLAS_OUT: dist, PORT: '1', CONTACT_DB: join(dist, 'c.sqlite') },
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stderr, /^Cannot start: The build in .* cannot load the package yaml .*\n$/);
  assert.doesNotMatch(run.stderr, /ERR_MODULE_NOT_FOUND|\n {4}at /);
});

test('npm start refuses a build missing a file of its own server code, with one line', async () => {
  const dist = join(tempDir(join(tmpdir(), 'atlas-partial-')), 'dist');
  mkdirSync(join(dist, 'server'), { recursive: true });
  writeFileSync(join(dist, 'server', 'entry.mjs'), "export { handler } from './chunks/gone.mjs';\n");
  await assert.rejects(
    siteHandler(dist),
    /is incomplete: its server code imports .*chunks\/gone\.mjs that is not there/,
  );
});
