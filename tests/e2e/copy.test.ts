import { toolUrl } from '#src/views/urls.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { startSite, DIST, type RunningSite } from '../helpers/server.ts';

const SERVER = 'nikolaibibo-claude-comfyui-mcp';
let site: RunningSite;
let browser: Browser;

before(async () => {
  site = await startSite();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.stop();
});

/** The policy the build wrote for the whole server: what the server page must copy, byte for byte. */
const serverPolicy = () => readFileSync(join(DIST, 'client/servers', SERVER, 'policy.json'), 'utf8');

test('the copy button puts exactly the validated policy on the clipboard and says "Copied"', async () => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.goto(`${site.url}/servers/${SERVER}/`);
  // The server's policy is longer than its box: the box scrolls, and Copy still takes all of it.
  const box = page.locator('.format-panel[data-format="json"] .policy-scroll');
  assert.ok(await box.evaluate((el) => el.scrollHeight > el.clientHeight + 1), 'the policy scrolls in its box');
  await page.getByRole('button', { name: 'Copy' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clip, serverPolicy());

  await page.goto(`${site.url}${toolUrl(SERVER, 'comfy_get_status')}`);
  await page.getByRole('button', { name: 'Copy' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
  const toolClip = await page.evaluate(() => navigator.clipboard.readText());
  assert.deepEqual(JSON.parse(toolClip), { version: '1', default: 'deny', tools: { comfy_get_status: {} } });
  assert.ok(toolClip.endsWith('}\n'));

  assert.deepEqual(errors, [], 'the pages log no console errors');
  await context.close();
});

test('without the Clipboard API the button falls back to a selection copy', async () => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  const page = await context.newPage();
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  await page.goto(`${site.url}${toolUrl(SERVER, 'comfy_submit_workflow')}`);
  assert.equal(await page.evaluate(() => typeof navigator.clipboard), 'undefined');
  await page.getByRole('button', { name: 'Copy' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
  // A second page of the same browser still has the Clipboard API and reads what the fallback wrote.
  const reader = await context.newPage();
  await reader.goto(`${site.url}/`);
  const clip = await reader.evaluate(() => navigator.clipboard.readText());
  assert.match(clip, /"comfy_submit_workflow_rate"/);
  assert.match(clip, /"max": 10/);
  await context.close();
});

test('without JavaScript the policy is visible and the copy button is hidden', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${site.url}${toolUrl(SERVER, 'comfy_delete_workflow')}`);
  const code = page.locator('.policy-block pre').first();
  assert.ok(await code.isVisible());
  assert.match((await code.textContent()) ?? '', /"hide": \[\s*"comfy_delete_workflow"/);
  assert.equal(await page.getByRole('button', { name: 'Copy' }).count(), 0, 'a hidden button is not offered');
  await context.close();
});

test("a server page's tool list follows its policy box closely, and the keyboard can scroll the box", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${site.url}/servers/${SERVER}/`);
  const box = page.locator('.format-panel[data-format="json"] .policy-scroll');
  const { height, bottom } = (await box.evaluate((el) => el.getBoundingClientRect().toJSON())) as DOMRect;
  assert.ok(height <= 0.7 * 900, `the box is ${height} px high`);
  const tools = (await page.locator('#tools').evaluate((el) => el.getBoundingClientRect().top)) as number;
  assert.ok(tools - bottom < 600, `the tools start ${tools - bottom} px below the policy box`);
  assert.equal(await box.getAttribute('role'), 'region');
  await box.focus();
  await page.keyboard.press('PageDown');
  await page.waitForFunction((el) => el!.scrollTop > 0, await box.elementHandle());
  await page.close();
});
