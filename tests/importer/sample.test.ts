import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runImport } from '#src/importer/run.ts';
import { validateCatalogue } from '#src/catalogue/validate.ts';
import { ROOT } from '../helpers/server.ts';
import { tempContent } from './helpers.ts';

const SAMPLE = join(ROOT, 'samples/comfyui-mcp.tools-list.json');
const SERVER = 'nikolaibibo-claude-comfyui-mcp';

/** Categories from /work/shared/SAMPLE-SERVER.md, except where the note explains a difference. */
const EXPECTED: Record<string, string> = {
  comfy_submit_workflow: 'Execute',
  // The catalogue's editors say Execute (it queues a generation graph); the name's verb "generate"
  // reads as Write to the classifier. The editorial block is where that correction lives.
  comfy_generate_simple: 'Write',
  comfy_get_status: 'Read',
  comfy_wait_for_completion: 'Read',
  comfy_list_models: 'Read',
  comfy_save_workflow: 'Write',
  comfy_load_workflow: 'Read',
  comfy_list_workflows: 'Read',
  comfy_delete_workflow: 'Destructive',
  comfy_get_queue: 'Read',
  comfy_cancel_generation: 'Destructive',
  comfy_clear_queue: 'Destructive',
  comfy_upload_image: 'Write',
  comfy_get_output_images: 'Read',
};

test(
  'the ComfyUI sample tool list is classified as the sample catalogue describes it',
  { skip: !existsSync(SAMPLE) },
  async () => {
    const dir = tempContent();
    const report = await runImport({ source: { file: SAMPLE }, contentDir: dir, date: '2026-01-10' });
    assert.equal(report.serverId, 'comfyui-mcp');
    const got = Object.fromEntries(
      report.added.map((name) => [
        name,
        parse(readFileSync(join(dir, 'tools/comfyui-mcp', `${name}.yaml`), 'utf8')).classification.category,
      ]),
    );
    assert.deepEqual(got, EXPECTED);
  },
);

test(
  're-importing the sample over the shipped catalogue keeps every editorial block and server field',
  { skip: !existsSync(SAMPLE) },
  async () => {
    const dir = tempContent();
    cpSync(join(ROOT, 'content'), dir, { recursive: true });
    const toolsDir = join(dir, 'tools', SERVER);
    const editorialOf = (text: string) => text.slice(text.indexOf('\neditorial:'));
    const before = Object.fromEntries(
      readdirSync(toolsDir).map((f) => [f, editorialOf(readFileSync(join(toolsDir, f), 'utf8'))]),
    );
    const serverBefore = parse(readFileSync(join(dir, 'servers', `${SERVER}.yaml`), 'utf8'));

    const report = await runImport({ source: { file: SAMPLE }, contentDir: dir, serverId: SERVER, date: '2026-01-10' });
    assert.deepEqual(report.removed, []);
    assert.deepEqual(report.added, []);

    for (const [file, editorial] of Object.entries(before)) {
      assert.equal(editorialOf(readFileSync(join(toolsDir, file), 'utf8')), editorial, file);
    }
    const serverAfter = parse(readFileSync(join(dir, 'servers', `${SERVER}.yaml`), 'utf8'));
    const { import: imported, ...rest } = serverAfter;
    const { import: _old, ...restBefore } = serverBefore;
    assert.deepEqual(rest, restBefore);
    // Nothing changed, so the import keeps the date the server's answer last changed.
    assert.deepEqual(imported, serverBefore.import);
    assert.deepEqual(validateCatalogue(dir).problems, []);
  },
);
