/**
 * npm run screenshots [-- --out docs/screenshots] [--full]
 * Serves the built site (run `npm run build` first) and saves PNG screenshots of each page type at
 * 1280 and 390 pixels wide, in the light and the dark theme, with Debian's Chromium
 * (CHROMIUM_PATH overrides). Not a test: it records what the site looks like, for review.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { toolUrl } from '#src/views/urls.ts';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/screenshots' },
    dist: { type: 'string', default: 'dist' },
    full: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const SERVER = 'nikolaibibo-claude-comfyui-mcp';
export const SHOTS: { name: string; path: string }[] = [
  { name: 'home', path: '/' },
  { name: 'server', path: `/servers/${SERVER}/` },
  { name: 'tool-read', path: toolUrl(SERVER, 'comfy_get_status') },
  { name: 'tool-critical', path: toolUrl(SERVER, 'comfy_delete_workflow') },
  { name: 'browse', path: '/risk/critical/' },
  { name: 'changes', path: '/changes/' },
  { name: 'search', path: '/search/?q=workflow' },
  { name: 'policy-language', path: '/policy-language/' },
  { name: 'contact', path: '/contact/' },
  { name: 'playground', path: toolUrl(SERVER, 'comfy_save_workflow') },
];

const port = 4300 + Math.floor(Math.random() * 500);
const dist = resolve(ROOT, values.dist);
const entry = join(dist, 'server/entry.mjs');
if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first.`);
const child = spawn(process.execPath, [join(ROOT, 'scripts/serve.ts')], {
  env: {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    ATLAS_OUT: dist,
    CONTACT_DB: join(ROOT, 'data/screenshots.sqlite'),
  },
  stdio: 'ignore',
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(base)).ok) break;
  } catch {
    if (i > 200) throw new Error('the site did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}
const out = resolve(ROOT, values.out);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  for (const width of [1280, 390]) {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({
        viewport: { width, height: width > 600 ? 900 : 844 },
        colorScheme: scheme,
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      for (const shot of SHOTS) {
        if (values.only && !shot.name.includes(values.only)) continue;
        await page.goto(base + shot.path, { waitUntil: 'networkidle' });
        if (shot.name === 'search')
          await page
            .locator('.search-ui[data-settled]')
            .waitFor()
            .catch(() => {});
        if (shot.name === 'playground') {
          // The playground is closed until asked for: open it, wait for its form, and show it.
          const box = page.locator('policy-playground');
          await box.locator('summary').click();
          await box.locator('.pg-form').waitFor();
          await box.evaluate((node) => node.scrollIntoView({ block: 'start' }));
        }
        const file = join(out, `${shot.name}-${width}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: values.full });
        process.stdout.write(`${file}\n`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  child.kill();
}
