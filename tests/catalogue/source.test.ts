import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { recordLoader } from '#src/catalogue/astro-loaders.ts';
import { validateCatalogue } from '#src/catalogue/validate.ts';
import { CatalogueError } from '#src/catalogue/source.ts';
import { tempDir } from '../helpers/temp.ts';

const ROOT = join(import.meta.dirname, '../..');
const KEY = Symbol.for('policy-atlas.catalogue-source');

/** A copy of the sample catalogue with files the checks skip: a `_draft.yaml` that is not even valid, and a dotfile. */
function catalogueWithDrafts(): string {
  const dir = tempDir(join(tmpdir(), 'atlas-source-'));
  cpSync(join(ROOT, 'content'), dir, { recursive: true });
  const tools = join(dir, 'tools', 'nikolaibibo-claude-comfyui-mcp');
  const sample = readFileSync(join(tools, 'comfy_get_status.yaml'), 'utf8');
  writeFileSync(join(tools, '_draft.yaml'), sample.replace('name: comfy_get_status', 'name: _draft'));
  writeFileSync(join(tools, '.hidden.yaml'), 'name: [unclosed');
  mkdirSync(join(dir, 'attack-patterns'), { recursive: true });
  writeFileSync(join(dir, 'attack-patterns', '_unfinished.mdx'), '---\ntitle: x\n---\n');
  return dir;
}

/** Runs a loader against an in-memory store and returns the ids it stored. */
async function loadIds(loader: ReturnType<typeof recordLoader>): Promise<string[]> {
  const ids: string[] = [];
  const store = { clear: () => ids.splice(0), set: (e: { id: string }) => (ids.push(e.id), true) };
  await loader.load({ store } as never);
  return ids.sort();
}

function withContent<T>(dir: string, run: () => Promise<T>): Promise<T> {
  const before = process.env.ATLAS_CONTENT;
  process.env.ATLAS_CONTENT = dir;
  delete (globalThis as Record<symbol, unknown>)[KEY];
  return run().finally(() => {
    if (before === undefined) delete process.env.ATLAS_CONTENT;
    else process.env.ATLAS_CONTENT = before;
    delete (globalThis as Record<symbol, unknown>)[KEY];
  });
}

test('the content layer holds exactly the records the checks saw, and no `_` or dot file', async () => {
  const dir = catalogueWithDrafts();
  try {
    await withContent(dir, async () => {
      const { catalogue, files, problems } = validateCatalogue(dir);
      assert.deepEqual(problems, []);
      // Real tools may end in `_draft` (salesforce's create_aura_blueprint_draft); skipped files start with `_` or `.`.
      assert.ok(!files.tools.some((f) => /(?:^|[\\/])[_.][^\\/]*$/.test(f)), 'a `_` or dot file was read');
      assert.ok(files.tools.some((f) => f.endsWith('comfy_get_status.yaml')));
      assert.deepEqual(await loadIds(recordLoader('tools')), catalogue.tools.map((t) => t.id).sort());
      assert.deepEqual(await loadIds(recordLoader('servers')), catalogue.servers.map((s) => s.id).sort());
      assert.ok(!(await loadIds(recordLoader('tools'))).some((id) => id.endsWith('/_draft')));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a catalogue with problems stops the loader with the whole report', async () => {
  await withContent(join(ROOT, 'tests/fixtures/invalid-unknown-server'), async () => {
    await assert.rejects(loadIds(recordLoader('tools')), (err: Error) => {
      assert.ok(err instanceof CatalogueError);
      assert.match((err as CatalogueError).report, /\[record-unknown-server\]/);
      assert.match(err.message, /1 problem, listed above/);
      return true;
    });
  });
});
