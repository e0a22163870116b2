import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite } from '../helpers/build.ts';
import { ROOT } from '../helpers/server.ts';
import { writeSyntheticCatalogue } from '#scripts/lib/synthetic.ts';
import { tempDir } from '../helpers/temp.ts';
import { SERVER_ROW, type NameRow } from '#src/views/search-keys.ts';

/** Every file under dir, relative, sorted; with `folders`, every folder too (ending in /). */
function tree(dir: string, prefix = '', folders = false): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      return e.isDirectory() ? [...(folders ? [`${rel}/`] : []), ...tree(dir, rel, folders)] : [rel];
    })
    .sort();
}

/** The files and folders that differ between two sites (missing on one side, or different bytes). */
function differences(a: string, b: string): string[] {
  const left = tree(a, '', true);
  const right = new Set(tree(b, '', true));
  const out = [...right].filter((f) => !left.includes(f)).map((f) => `only in the second: ${f}`);
  for (const f of left) {
    if (!right.has(f)) out.push(`only in the first: ${f}`);
    else if (!f.endsWith('/') && !readFileSync(join(a, f)).equals(readFileSync(join(b, f))))
      out.push(`different: ${f}`);
  }
  return out;
}

// 100 tools on 7 servers (22, 18 | 7, 19, 10 | 16, 8 in id order) in slices of at most 40 tools:
// 3 slices of several servers each, after slice 0, which renders the pages about no one server. Astro puts a
// random key for server islands into dist/server unless ASTRO_KEY fixes it, as a CI secret would.
const SLICES = { ATLAS_SLICE_TOOLS: '40', ASTRO_KEY: randomBytes(32).toString('base64') };
const tmp = tempDir(join(ROOT, 'tests/.tmp', 'sharded-'));
const content = join(tmp, 'content');
writeSyntheticCatalogue(content, 100, { sampleDir: join(ROOT, 'content') });
const [firstServer] = readdirSync(join(content, 'tools')).sort();
const toolDir = join(content, 'tools', firstServer!);
const [firstTool] = readdirSync(toolDir).sort();
// Files the checks skip must not become pages: an invalid tool draft and an unfinished pattern.
writeFileSync(join(toolDir, '_draft.yaml'), 'name: _draft\nserver: nowhere\n');
writeFileSync(join(content, 'attack-patterns', '_unfinished.mdx'), '---\ntitle: Unfinished\n---\nNot yet.\n');

/**
 * Astro writes the absolute path it built in into the server bundle (dist/server), so builds to be
 * compared byte for byte share one work folder, as the jobs of a CI matrix share one checkout path.
 */
const work = tempDir(join(tmp, 'work-'));
const forgetSlices = () => rmSync(join(work, 'cache', 'atlas', 'slices'), { recursive: true, force: true });
const build = async (args: string[]) => {
  const built = await buildSite(content, SLICES, args, work);
  assert.equal(built.code, 0, built.output.slice(-3000));
  return built.output;
};
const pageOf = (site: string) =>
  join(site, 'client', 'servers', firstServer!, 'tools', firstTool!.replace(/\.yaml$/, ''), 'index.html');

test('one machine and three shards merged: the same site, byte for byte', { timeout: 1_200_000 }, async () => {
  const single = join(tmp, 'single');
  assert.match(await build(['--out', single]), /4 slices/);
  const site = join(single, 'client');

  // The checks' file list is the site's: no page for `_` files.
  assert.ok(existsSync(pageOf(single)));
  assert.ok(!existsSync(join(site, 'servers', firstServer!, '_draft')));
  assert.ok(!existsSync(join(site, 'attack-patterns', '_unfinished')));

  // One index for the whole site: every slice's server documents and the guides, and every tool
  // of every slice in the exact-name lookup.
  const entry = JSON.parse(readFileSync(join(site, 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  const indexed = Object.values(entry.languages).reduce((s, l) => s + l.page_count, 0);
  const guides = tree(site).filter(
    (f) =>
      f.endsWith('.html') &&
      !f.startsWith('servers/') &&
      readFileSync(join(site, f), 'utf8').includes('data-pagefind-meta="kind"'),
  ).length;
  assert.equal(indexed, guides + readdirSync(join(content, 'servers')).length);
  const names = join(site, 'pagefind', 'names');
  const rows = readdirSync(names)
    .filter((f) => f !== 'index.json')
    .flatMap((f) => JSON.parse(readFileSync(join(names, f), 'utf8')) as NameRow[])
    .filter((r) => r[2] !== SERVER_ROW);
  const toolPages = tree(site).filter((f) => /^servers\/[^/]+\/tools\/[^/]+\/index\.html$/.test(f));
  assert.deepEqual(rows.map((r) => `${r[1].slice(1)}index.html`).sort(), toolPages);

  forgetSlices();
  const parts: string[] = [];
  for (const k of [1, 2, 3]) {
    parts.push(join(tmp, `shard-${k}`));
    assert.doesNotMatch(await build(['--shard', `${k}/3`, '--out', parts.at(-1)!]), /reused/);
  }
  const merged = join(tmp, 'merged');
  await build(['--merge', ...parts, '--out', merged]);
  assert.deepEqual(differences(single, merged), []);
});

test(
  "after a one-record edit, only its server's pages are rendered again, and the site equals a cold build",
  { timeout: 1_200_000 },
  async () => {
    const edited = join(toolDir, firstTool!);
    writeFileSync(
      edited,
      readFileSync(edited, 'utf8').replace(/description: .*/, 'description: Edited for the incremental test.'),
    );
    const incremental = join(tmp, 'incremental');
    const output = await build(['--out', incremental]);
    assert.equal((output.match(/unchanged, reused/g) ?? []).length, 3, output.slice(-3000));
    // Of the edited slice, only the edited tool's server is rendered again.
    assert.match(output, /slice \d: 1 server rendered again/);
    assert.match(readFileSync(pageOf(incremental), 'utf8'), /Edited for the incremental test/);

    forgetSlices();
    const cold = join(tmp, 'cold');
    await build(['--out', cold]);
    assert.deepEqual(differences(incremental, cold), []);
  },
);

test(
  'a tool added or deleted renders its server and the lists again, not every slice, and the site equals a cold build',
  { timeout: 1_200_000 },
  async () => {
    // A new tool changes the manifest (every list and count) but, unless it lands among other
    // servers' related tools, no other server's pages.
    // The last server (8 tools): one more keeps every slice's servers as they were.
    const lastServer = readdirSync(join(content, 'tools')).sort().at(-1)!;
    const lastDir = join(content, 'tools', lastServer);
    const added = join(lastDir, 'zz_added_tool.yaml');
    const template = readdirSync(lastDir).sort()[0]!;
    writeFileSync(added, readFileSync(join(lastDir, template), 'utf8').replace(/^name: .*/m, 'name: zz_added_tool'));
    const addedPage = join('servers', lastServer, 'tools', 'zz_added_tool', 'index.html');
    for (const step of ['added', 'deleted']) {
      if (step === 'deleted') rmSync(added);
      // The same folder both times: the second build places and removes files in the first's.
      const incremental = join(tmp, 'incremental-manifest');
      const output = await build(['--out', incremental]);
      assert.match(output, /slice 0: rendered in/, output.slice(-3000));
      assert.match(output, /slice \d: 1 server rendered again/, output.slice(-3000));
      assert.match(output, /unchanged, reused/, output.slice(-3000));
      assert.equal(existsSync(join(incremental, 'client', addedPage)), step === 'added');

      forgetSlices();
      const cold = join(tmp, `cold-${step}`);
      await build(['--out', cold]);
      assert.deepEqual(differences(incremental, cold), []);
    }
  },
);

test('a merge refuses an incomplete set of shards', async () => {
  const shard = await buildSite(content, SLICES, ['--shard', '1/3', '--out', join(tmp, 'lonely')]);
  assert.equal(shard.code, 0, shard.output.slice(-3000));
  const merged = await buildSite(content, SLICES, ['--merge', join(tmp, 'lonely')]);
  assert.notEqual(merged.code, 0);
  assert.match(merged.output, /Slices 1, 2 of 4 are missing/);
  // A shard without its search documents is refused by name, before anything is written.
  rmSync(join(tmp, 'lonely', 'slice-0', 'search.json'));
  const noSearch = await buildSite(content, SLICES, ['--merge', join(tmp, 'lonely')]);
  assert.notEqual(noSearch.code, 0);
  assert.match(noSearch.output, /lonely\/slice-0\/search\.json is missing.*Build that shard again/);
});

test(
  'a merge refuses a shard named twice, and shards built from different catalogues',
  { timeout: 1_200_000 },
  async () => {
    const parts = [1, 2, 3].map((k) => join(tmp, `shard-${k}`));
    const twice = await buildSite(content, SLICES, ['--merge', ...parts, parts[1]!, '--out', join(tmp, 'twice')]);
    assert.notEqual(twice.code, 0);
    assert.match(twice.output, /was given more than once .*shard-2/);
    assert.ok(!existsSync(join(tmp, 'twice', 'client')), 'nothing was written');

    // One shard built again after a server record changed: its pages belong to another catalogue.
    const serverFile = join(content, 'servers', `${firstServer}.yaml`);
    const before = readFileSync(serverFile, 'utf8');
    writeFileSync(serverFile, before.replace(/^summary: .*/m, 'summary: Edited, so this is another catalogue.'));
    try {
      const other = join(tmp, 'shard-2-other');
      const built = await buildSite(content, SLICES, ['--shard', '2/3', '--out', other]);
      assert.equal(built.code, 0, built.output.slice(-3000));
      const mixed = await buildSite(content, SLICES, [
        '--merge',
        parts[0]!,
        other,
        parts[2]!,
        '--out',
        join(tmp, 'mixed'),
      ]);
      assert.notEqual(mixed.code, 0);
      assert.match(mixed.output, /built from different catalogues or code/);
      assert.ok(!existsSync(join(tmp, 'mixed', 'client')), 'nothing was written');
    } finally {
      writeFileSync(serverFile, before);
    }
  },
);
