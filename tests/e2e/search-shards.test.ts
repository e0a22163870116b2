import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite } from '../helpers/build.ts';
import { ROOT } from '../helpers/server.ts';

// A large catalogue's index is built in shards that the browser merges. Shards of 200 pages split
// the shipped catalogue (about 840 searchable pages) into several, and the whole search suite must
// behave exactly as on one index.
test('the search suite passes on the catalogue indexed in shards of 200 pages', { timeout: 600_000 }, async () => {
  const built = await buildSite(join(ROOT, 'content'), { ATLAS_SEARCH_SHARD_PAGES: '200' });
  assert.equal(built.code, 0, built.output.slice(-3000));
  const bundle = join(built.outDir, 'client/pagefind');
  const { shards } = JSON.parse(readFileSync(join(bundle, 'shards.json'), 'utf8')) as { shards: string[] };
  assert.ok(shards.length >= 3, `expected several shards, got ${shards.length}`);
  for (const shard of shards) assert.ok(existsSync(join(bundle, shard, 'pagefind-entry.json')), shard);

  // Without NODE_TEST_CONTEXT the child runner reports in plain text instead of to this runner.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', join(ROOT, 'tests/e2e/search.test.ts')], {
    cwd: ROOT,
    env: { ...env, SEARCH_TEST_DIST: built.outDir },
    encoding: 'utf8',
    timeout: 300_000,
  });
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`.slice(-4000));
  assert.match(run.stdout, /ℹ fail 0/);
  assert.doesNotMatch(run.stdout, /ℹ pass 0\b/);
});

test('a catalogue below the shard size gets one index and an empty shard list', () => {
  const manifest = join(ROOT, 'dist/client/pagefind/shards.json');
  assert.deepEqual(JSON.parse(readFileSync(manifest, 'utf8')), { shards: [] });
});
