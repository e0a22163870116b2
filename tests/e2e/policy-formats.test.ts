import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { startSite, type RunningSite } from '../helpers/server.ts';
import { toolUrl, serverJsonUrl } from '#src/views/urls.ts';

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

test('the tool page switches between policy.json and each Cedar flavour, and copies the one shown', async () => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  const page = await context.newPage();
  const doc = await (await fetch(`${site.url}${serverJsonUrl(SERVER)}`)).json();
  const tool = doc.tools.find((t: { name: string }) => t.name === 'comfy_save_workflow');

  await page.goto(`${site.url}${toolUrl(SERVER, 'comfy_save_workflow')}`);
  // One panel at a time: policy.json first.
  assert.equal(await page.getByRole('button', { name: 'Copy' }).count(), 1);
  assert.equal(await page.locator('.format-panel[data-format="toolhive"]').isVisible(), false);

  await page.getByRole('radio', { name: 'ToolHive (Cedar)' }).check();
  const panel = page.locator('.format-panel[data-format="toolhive"]');
  assert.ok(await panel.isVisible());
  assert.equal(await page.locator('.format-panel[data-format="json"]').isVisible(), false);
  assert.match((await panel.textContent()) ?? '', /at most 30 calls per minute/);
  await panel.getByRole('button', { name: 'Copy' }).click();
  await panel.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), tool.cedar.toolhive.policy);
  await context.close();
});
