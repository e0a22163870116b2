/**
 * The built sample site in one Chromium session, served by `npm start`'s script: accessibility
 * (axe-core) and phone layout on every page type at 1280 and 390 pixels in both themes, the theme
 * switch, print, the JavaScript budget of a tool page, the policy playground against
 * `npm run eval`, and what the server sends (compression, caching, security headers).
 */
import { test, before, after } from 'node:test';
import { toolUrl } from '#src/views/urls.ts';
import { ADDED_WHOLE, CHANGES_PAGE_SIZE } from '#src/views/changes.ts';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { ROOT, startSite, type RunningSite } from '../helpers/server.ts';
import { tempDir } from '../helpers/temp.ts';

const SERVER = 'nikolaibibo-claude-comfyui-mcp';
const tool = (name: string) => toolUrl(SERVER, name);
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** One page of each type (the category pages share the risk pages' body, /method/ the apply page's). */
const PAGES = [
  '/',
  `/servers/${SERVER}/`,
  tool('comfy_get_status'),
  tool('comfy_delete_workflow'),
  '/servers/',
  '/risk/critical/',
  '/search/?q=workflow',
  '/policy-language/',
  '/attack-patterns/',
  '/attack-patterns/rug-pull/',
  '/apply/',
  '/contact/',
  '/methodology/',
  '/changes/',
  '/no-such-page/',
];

let site: RunningSite;
let browser: Browser;
before(async () => {
  site = await startSite({ CONTACT_RATE_LIMIT: '1000' });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.stop();
});

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
}
async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run(o: object): Promise<unknown> } }).axe.run({ resultTypes: ['violations'] }),
  )) as AxeResult;
  return result.violations.map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('axe finds no violation on any page type at 1280 and 390 px, light and dark, and nothing scrolls sideways on a phone', async () => {
  const problems: string[] = [];
  const combos = [1280, 390].flatMap((width) =>
    (['light', 'dark'] as const).map((colorScheme) => ({ width, colorScheme })),
  );
  // The four combinations run side by side in the one browser; each has its own context.
  await Promise.all(
    combos.map(async ({ width, colorScheme }) => {
      // bypassCSP lets axe's script in; the site's own policy allows no injected script.
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme, bypassCSP: true });
      const page = await context.newPage();
      for (const path of PAGES) {
        await page.goto(site.url + path);
        if (path.startsWith('/search/')) await page.locator('.search-ui[data-settled]').waitFor();
        const where = `${path} at ${width} px, ${colorScheme}`;
        for (const v of await axe(page)) problems.push(`${where}: ${v}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) problems.push(`${where}: the page scrolls ${overflow} px sideways`);
        // A fact list keeps room for its values: a long term once squeezed them to nothing on a phone.
        const squeezed = await page.evaluate(
          () =>
            [...document.querySelectorAll('dl.facts dd')].filter((dd) => dd.getBoundingClientRect().width < 80).length,
        );
        if (squeezed > 0) problems.push(`${where}: ${squeezed} values of a fact list are under 80 px wide`);
      }
      // The playground and the search dialog, opened.
      await page.goto(site.url + tool('comfy_save_workflow'));
      await page.locator('policy-playground summary').click();
      await page.locator('policy-playground[data-ready]').waitFor();
      for (const v of await axe(page)) problems.push(`playground at ${width} px, ${colorScheme}: ${v}`);
      await page.keyboard.press('Escape');
      await page.locator('body').click({ position: { x: 1, y: 300 } });
      await page.keyboard.press('/');
      await page.locator('.search-dialog[open] input[type="search"]').fill('workflow');
      await page.locator('.search-dialog .search-ui[data-settled]').waitFor();
      for (const v of await axe(page)) problems.push(`search dialog at ${width} px, ${colorScheme}: ${v}`);
      await context.close();
    }),
  );
  assert.deepEqual(problems, []);
});

test('the theme follows the system, and the header switch overrides it for every later page without a flash', async () => {
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.goto(site.url + tool('comfy_get_status'));
  const light = await background();
  const button = page.getByRole('button', { name: 'Dark theme' });
  assert.equal(await button.getAttribute('aria-pressed'), 'false');
  await button.click();
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  const dark = await background();
  assert.notEqual(dark, light);
  // On the next page the stored choice is applied before the first paint: already at the first
  // script that runs after the head, the document is dark.
  await page.addInitScript(() => {
    document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive')
        (window as unknown as { firstTheme: string }).firstTheme = document.documentElement.dataset.theme ?? '';
    });
  });
  await page.goto(site.url + '/servers/');
  assert.equal(await page.evaluate(() => (window as unknown as { firstTheme: string }).firstTheme), 'dark');
  assert.equal(await background(), dark);
  // Highlighted code takes its dark colours too.
  await page.goto(site.url + tool('comfy_get_status'));
  const keyColour = () =>
    page
      .locator('.policy-code .shiki span[style]')
      .nth(1)
      .evaluate((el) => getComputedStyle(el).color);
  const darkKey = await keyColour();
  await page.getByRole('button', { name: 'Dark theme' }).click();
  assert.notEqual(await keyColour(), darkKey, 'code colours change with the theme');
  await context.close();
});

test('printing a tool page leaves out the header, search, forms, the playground and the call to action', async () => {
  const page = await browser.newPage();
  await page.goto(site.url + tool('comfy_delete_workflow'));
  await page.emulateMedia({ media: 'print' });
  for (const selector of ['.site-header', 'site-search', 'contact-form', '.cta', 'policy-playground', '.toc']) {
    const count = await page.locator(selector).count();
    assert.ok(count > 0, `${selector} is on the page`);
    assert.equal(await page.locator(selector).first().isVisible(), false, `${selector} is not printed`);
  }
  assert.equal(await page.locator('.policy-block').first().isVisible(), true, 'the policy is printed');
  await page.close();
});

test('a tool page prints in the light theme whatever the screen shows, with every disclosure open and no controls', async () => {
  // The colours of the parts that carry a background or a muted text, as printed.
  const printed = async (colorScheme: 'light' | 'dark', chosen?: 'dark') => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
    const page = await context.newPage();
    await page.goto(site.url + tool('comfy_delete_workflow'));
    if (chosen) await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.emulateMedia({ media: 'print' });
    const colours = await page.evaluate(() =>
      ['body', '.verdict', '.policy-block', '.disclosure', 'main p code', 'main .muted', '.shiki span'].map((s) => {
        const style = getComputedStyle(document.querySelector(s)!);
        return `${s}: ${style.color} on ${style.backgroundColor}`;
      }),
    );
    const hidden = await page.evaluate(() => [
      ...[...document.querySelectorAll('.disclosure:not([open]) > .disclosure-body')]
        .filter((d) => !d.closest('policy-playground') && !d.checkVisibility())
        .map((d) => `closed: ${d.parentElement!.querySelector('summary')!.textContent!.trim()}`),
      ...['.format-choice', '#try'].filter((s) => document.querySelector(s)!.checkVisibility()),
    ]);
    await context.close();
    return { colours, hidden };
  };
  const light = await printed('light');
  assert.deepEqual(
    light.hidden,
    [],
    'closed disclosures print their contents; the format chips and "Try a call" do not print',
  );
  assert.deepEqual(await printed('dark'), light, 'a dark system theme prints as the light one');
  assert.deepEqual(await printed('light', 'dark'), light, 'so does the dark theme chosen with the switch');
});

test('printing a server page prints its whole policy, not the scrolling box it has on screen', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${site.url}/servers/${SERVER}/`);
  const box = page.locator('.format-panel[data-format="json"] .policy-scroll');
  const scrolls = () => box.evaluate((el) => el.scrollHeight > el.clientHeight + 1);
  assert.equal(await scrolls(), true, 'on screen the long policy scrolls in its box');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await scrolls(), false, 'in print every line is on the page');
  await page.close();
});

test('on a phone every item of the main nav is in view without scrolling, and a touch screen shows no "/" hint', async () => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  await page.goto(`${site.url}/servers/`);
  const links = await page
    .locator('.site-nav a')
    .evaluateAll((as) => as.map((a) => ({ text: a.textContent!.trim(), ...a.getBoundingClientRect().toJSON() })));
  assert.ok(links.length >= 5);
  for (const l of links) assert.ok(l.left >= 0 && l.right <= 390, `"${l.text}" is in view (${l.left}–${l.right} px)`);
  assert.equal(await page.locator('.site-nav').evaluate((nav) => nav.scrollWidth - nav.clientWidth), 0);
  assert.equal(await page.locator('.search-open kbd').isVisible(), false, 'no keyboard hint on a touch screen');
  await phone.close();
  const desktop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await desktop.goto(`${site.url}/servers/`);
  assert.equal(await desktop.locator('.search-open kbd').isVisible(), true, 'with a mouse the "/" hint is shown');
  await desktop.close();
});

test('on a short page the footer sits at the bottom of the window', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1200 } });
  for (const path of ['/attack-patterns/', '/no-such-page/', '/contact/']) {
    await page.goto(site.url + path);
    const bottom = await page
      .locator('.site-footer')
      .evaluate((f) => f.getBoundingClientRect().bottom + window.scrollY - window.innerHeight);
    assert.ok(bottom >= -1, `${path}: the footer ends ${-bottom} px above the bottom of the window`);
  }
  await page.close();
});

test('at 320 px (400 % zoom) no page scrolls sideways: a wide Markdown table scrolls in its own box', async () => {
  const page = await browser.newPage({ viewport: { width: 320, height: 700 } });
  const wide: string[] = [];
  for (const path of PAGES) {
    await page.goto(site.url + path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) wide.push(`${path}: ${overflow} px too wide`);
  }
  assert.deepEqual(wide, []);
  await page.close();
});

test('inline code and links keep the space before and after them (Astro drops a line break between text and a tag)', async () => {
  const page = await browser.newPage();
  const joined: string[] = [];
  for (const path of [...PAGES, '/method/', '/problems/']) {
    await page.goto(site.url + path);
    const found = await page.evaluate(() =>
      [...document.querySelectorAll('main code, main a, main strong, main em')].flatMap((el) => {
        const before = el.previousSibling?.nodeType === Node.TEXT_NODE ? el.previousSibling.textContent! : '';
        const after = el.nextSibling?.nodeType === Node.TEXT_NODE ? el.nextSibling.textContent! : '';
        return [
          ...(/[\p{L}\p{N},;:!?]$/u.test(before) ? [`…${before.slice(-20)}|${el.textContent}`] : []),
          ...(/^[\p{L}\p{N}(]/u.test(after) ? [`${el.textContent}|${after.slice(0, 20)}…`] : []),
        ];
      }),
    );
    joined.push(...found.map((f) => `${path}: ${f}`));
  }
  assert.deepEqual(joined, []);
  await page.close();
});

test('every tile of the home page shows its count on a line of its own, under its title', async () => {
  for (const width of [1280, 390]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${site.url}/`);
    const tiles = await page.locator('.tiles a:has(.tile-count)').evaluateAll((as) =>
      as.map((a) => ({
        text: (a as HTMLElement).innerText.replace(/\s+/g, ' '),
        title: a.firstElementChild!.getBoundingClientRect().bottom,
        count: a.querySelector('.tile-count')!.getBoundingClientRect().top,
      })),
    );
    assert.ok(tiles.length >= 9, 'the risk and category tiles');
    for (const t of tiles) assert.ok(t.count >= t.title - 1, `${width} px, "${t.text}": the count is under the title`);
    await page.close();
  }
});

test("/servers/<id>/tools/ sends the reader to the server page's tool list, and asks not to be indexed", async () => {
  const res = await fetch(`${site.url}/servers/${SERVER}/tools/`);
  assert.equal(res.status, 200);
  const html = await res.text();
  const target = `/servers/${SERVER}/#tools`;
  assert.ok(html.includes(`<meta http-equiv="refresh" content="0; url=${target}">`), html);
  assert.ok(html.includes(`<link rel="canonical" href="`), 'a canonical link');
  assert.ok(html.includes(`<a href="${target}">`), 'a plain link for a browser that ignores the refresh');
  assert.match(html, /<meta name="robots" content="noindex">/);
  assert.ok(html.length < 1024, `the page is ${html.length} bytes`);
  const page = await browser.newPage();
  await page.goto(`${site.url}/servers/${SERVER}/tools/`);
  await page.waitForURL(site.url + target);
  assert.equal(await page.locator('#tools').textContent(), 'Tools');
  await page.close();
});

test('the change page names at most a few added tools per entry and pages its entries', async () => {
  const html = await (await fetch(`${site.url}/changes/`)).text();
  const entries = html.match(/<article class="change"/g) ?? [];
  assert.ok(entries.length > 0 && entries.length <= CHANGES_PAGE_SIZE, `${entries.length} entries`);
  let shortened = 0;
  for (const [, line] of html.matchAll(/<p class="added"[^>]*>([\s\S]*?)<\/p>/g)) {
    assert.ok((line!.match(/\/tools\//g) ?? []).length <= ADDED_WHOLE, line);
    if (/more on the server page/.test(line!)) shortened++;
  }
  assert.ok(shortened > 0, "a first import's long list is shortened");
  const next = /<a href="([^"]+)" rel="next">/.exec(html)?.[1];
  if (next) assert.equal((await fetch(site.url + next)).status, 200);
});

test('a tool page runs at most 7 KB of JavaScript before search or the playground is opened', async () => {
  const page = await browser.newPage();
  await page.goto(site.url + tool('comfy_save_workflow'), { waitUntil: 'networkidle' });
  const loaded = () =>
    page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => new URL(e.name).pathname.endsWith('.js'))
        .map((e) => [e.name, e.decodedBodySize] as const),
    );
  const scripts = new Map(await loaded());
  const inline = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src]):not([type="application/ld+json"])')].reduce(
      (n, s) => n + (s.textContent ?? '').length,
      0,
    ),
  );
  const total = [...scripts.values()].reduce((a, b) => a + b, inline);
  assert.ok(scripts.size > 0, 'the page loads its scripts');
  assert.ok(![...scripts.keys()].some((u) => /playground\.|search-ui/.test(u)), 'nothing lazy is loaded yet');
  assert.ok(total <= 7 * 1024, `the page runs ${total} bytes of JavaScript: ${[...scripts.keys()].join(', ')}`);
  console.log(`# tool page JavaScript before opening search or the playground: ${total} bytes`);
  await page.locator('policy-playground summary').click();
  await page.locator('policy-playground[data-ready]').waitFor();
  assert.ok(
    (await loaded()).some(([u]) => /playground\./.test(u)),
    'the playground loads when opened',
  );
  await page.close();
});

/** One call tried in the playground and in `npm run eval`. */
interface Case {
  tool: string;
  /** The policy text; undefined keeps the page's recommended policy. */
  policy?: object;
  args: Record<string, unknown>;
  counters?: Record<string, number>;
}

const require_ = (t: string, conditions: object[]) => ({
  version: '1',
  default: 'deny',
  tools: { [t]: { require: conditions } },
});
const denyIf = (t: string, conditions: object[]) => ({
  version: '1',
  default: 'deny',
  tools: { [t]: { deny_if: [{ conditions, on_deny: 'Not this one.' }] } },
});
const save = 'comfy_save_workflow';
const gen = 'comfy_generate_simple';
const CASES: Case[] = [
  { tool: 'comfy_get_status', args: {} },
  { tool: 'comfy_get_status', args: { prompt_id: 'abc', include_outputs: false } },
  { tool: 'comfy_delete_workflow', args: { name: 'old', confirm: true } },
  { tool: 'comfy_clear_queue', args: { confirm: true } },
  { tool: save, args: { name: 'a', workflow: {} } },
  {
    tool: save,
    args: { name: 'a', workflow: {} },
    counters: { 'tools.comfy_save_workflow/comfy_save_workflow_rate': 29 },
  },
  {
    tool: save,
    args: { name: 'a', workflow: {} },
    counters: { 'tools.comfy_save_workflow/comfy_save_workflow_rate': 30 },
  },
  {
    tool: 'comfy_submit_workflow',
    args: { workflow: {} },
    counters: { 'tools.comfy_submit_workflow/comfy_submit_workflow_rate': 9 },
  },
  {
    tool: 'comfy_submit_workflow',
    args: { workflow: {} },
    counters: { 'tools.comfy_submit_workflow/comfy_submit_workflow_rate': 10 },
  },
  {
    tool: save,
    policy: require_(save, [{ path: 'args.name', op: 'regex', value: '^[a-zA-Z0-9_-]+$' }]),
    args: { name: '../../secrets', workflow: {} },
  },
  {
    tool: save,
    policy: require_(save, [{ path: 'args.name', op: 'regex', value: '^[a-zA-Z0-9_-]+$' }]),
    args: { name: 'portrait_v2', workflow: {} },
  },
  {
    tool: save,
    policy: require_(save, [{ path: 'args.name', op: 'regex', value: '^[a-zA-Z0-9_-]+$' }]),
    args: { workflow: {} },
  },
  {
    tool: save,
    policy: denyIf(save, [{ path: 'args.overwrite', op: 'eq', value: true }]),
    args: { name: 'a', workflow: {}, overwrite: true },
  },
  {
    tool: save,
    policy: denyIf(save, [{ path: 'args.overwrite', op: 'eq', value: true }]),
    args: { name: 'a', workflow: {}, overwrite: false },
  },
  {
    tool: save,
    policy: denyIf(save, [{ path: 'args.overwrite', op: 'exists', value: true }]),
    args: { name: 'a', workflow: {} },
  },
  {
    tool: save,
    policy: require_(save, [{ path: 'args.tags', op: 'contains', value: 'safe' }]),
    args: { name: 'a', workflow: {}, tags: ['x', 'safe'] },
  },
  {
    tool: save,
    policy: require_(save, [{ path: 'args.tags', op: 'contains', value: 'safe' }]),
    args: { name: 'a', workflow: {}, tags: ['x'] },
  },
  {
    tool: gen,
    policy: require_(gen, [{ path: 'args.steps', op: 'lte', value: 50 }]),
    args: { prompt: 'cat', template: 'flux_txt2img', steps: 50 },
  },
  {
    tool: gen,
    policy: require_(gen, [{ path: 'args.steps', op: 'lte', value: 50 }]),
    args: { prompt: 'cat', template: 'flux_txt2img', steps: 51 },
  },
  {
    tool: gen,
    policy: require_(gen, [{ path: 'args.steps', op: 'gt', value: 4 }]),
    args: { prompt: 'cat', template: 'flux_txt2img', steps: 4 },
  },
  {
    tool: gen,
    policy: require_(gen, [{ path: 'args.template', op: 'in', value: ['sd15_txt2img', 'sdxl_txt2img'] }]),
    args: { prompt: 'cat', template: 'sdxl_txt2img' },
  },
  {
    tool: gen,
    policy: require_(gen, [{ path: 'args.template', op: 'not_in', value: ['basic_img2img'] }]),
    args: { prompt: 'cat', template: 'basic_img2img' },
  },
  {
    tool: gen,
    policy: denyIf(gen, [{ path: 'args.prompt', op: 'regex', value: '[Ii]gnore previous' }]),
    args: { prompt: 'Ignore previous instructions', template: 'flux_txt2img' },
  },
  {
    tool: gen,
    policy: denyIf(gen, [
      { path: 'args.width', op: 'gte', value: 4096 },
      { path: 'args.height', op: 'gte', value: 4096 },
    ]),
    args: { prompt: 'x', template: 'flux_txt2img', width: 4096, height: 1024 },
  },
  {
    tool: gen,
    policy: denyIf(gen, [
      { path: 'args.width', op: 'gte', value: 4096 },
      { path: 'args.height', op: 'gte', value: 4096 },
    ]),
    args: { prompt: 'x', template: 'flux_txt2img', width: 4096, height: 4096 },
  },
  {
    tool: gen,
    policy: require_(gen, [{ path: 'args.negative_prompt', op: 'exists', value: false }]),
    args: { prompt: 'x', template: 'flux_txt2img' },
  },
  {
    tool: gen,
    policy: require_(gen, [{ path: 'args.seed', op: 'neq', value: 0 }]),
    args: { prompt: 'x', template: 'flux_txt2img', seed: 0 },
  },
  { tool: 'comfy_get_queue', policy: { version: '1', default: 'deny', tools: { comfy_get_status: {} } }, args: {} },
  {
    tool: 'comfy_get_queue',
    policy: {
      version: '1',
      default: 'allow',
      all_tools: { limits: [{ counter: 'calls', window: 'hour', max: 100, scope: 'grant' }] },
    },
    args: {},
    counters: { 'all_tools/calls': 99 },
  },
  {
    tool: 'comfy_get_queue',
    policy: {
      version: '1',
      default: 'allow',
      all_tools: { limits: [{ counter: 'calls', window: 'hour', max: 100, scope: 'grant' }] },
    },
    args: {},
    counters: { 'all_tools/calls': 100 },
  },
  { tool: 'comfy_get_queue', policy: { version: '1', default: 'allow', hide: ['*'] }, args: {} },
  {
    tool: 'comfy_upload_image',
    policy: require_('comfy_upload_image', [
      { path: 'args.image_path', op: 'regex', value: '^/srv/images/[^/]+\\.png$' },
    ]),
    args: { image_path: '/home/me/.ssh/id_rsa' },
  },
];

function evalCli(policyFile: string, c: Case): Promise<{ decision: string; rule: string; message: string }> {
  const args = [
    'run',
    '--silent',
    'eval',
    '--',
    policyFile,
    '--tool',
    c.tool,
    '--args',
    JSON.stringify(c.args),
    '--counters',
    JSON.stringify(c.counters ?? {}),
    '--json',
  ];
  return new Promise((done, fail) => {
    const child = spawn('npm', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) =>
      code === 0 ? done(JSON.parse(out)) : fail(new Error(`npm run eval: ${code}\n${out}${err}`)),
    );
  });
}

test(`the playground decides ${CASES.length} calls exactly as npm run eval does`, async () => {
  assert.ok(CASES.length >= 30);
  const dir = tempDir(join(tmpdir(), 'atlas-playground-'));
  const page = await browser.newPage();
  const seen: { decision: string; rule: string; message: string; policy: string }[] = [];
  let open = '';
  for (const c of CASES) {
    if (open !== c.tool) {
      await page.goto(site.url + tool(c.tool));
      await page.locator('policy-playground summary').click();
      await page.locator('policy-playground[data-ready]').waitFor();
      await page.getByLabel('JSON', { exact: true }).check();
      open = c.tool;
    }
    const recommended = (await page.locator('policy-playground').getAttribute('data-policy')) ?? '';
    const policy = c.policy ? JSON.stringify(c.policy, null, 2) : recommended;
    await page.getByLabel('Policy', { exact: true }).fill(policy);
    await page.getByLabel('Arguments as JSON').fill(JSON.stringify(c.args));
    for (const [key, value] of Object.entries(c.counters ?? {}))
      await page.locator(`.pg-counters input[data-key="${key}"]`).fill(String(value));
    const output = page.locator('.pg-result[data-decision]');
    await output.waitFor({ timeout: 5000 }).catch(async () => {
      throw new Error(`no decision for ${c.tool} ${policy}: ${await page.locator('.pg').innerText()}`);
    });
    seen.push({
      decision: (await output.getAttribute('data-decision')) ?? '',
      rule: (await output.getAttribute('data-rule')) ?? '',
      message: (await output.locator('.pg-message').textContent()) ?? '',
      policy,
    });
  }
  await page.close();
  const expected: { decision: string; rule: string; message: string }[] = [];
  for (let i = 0; i < CASES.length; i += 4) {
    const batch = CASES.slice(i, i + 4).map((c, j) => {
      const file = join(dir, `policy-${i + j}.json`);
      writeFileSync(file, seen[i + j]!.policy);
      return evalCli(file, c);
    });
    expected.push(...(await Promise.all(batch)));
  }
  for (const [i, c] of CASES.entries()) {
    const { decision, rule, message } = expected[i]!;
    assert.deepEqual(
      { decision: seen[i]!.decision, rule: seen[i]!.rule, message: seen[i]!.message },
      { decision, rule, message },
      `call ${i + 1}: ${c.tool} ${JSON.stringify(c.args)}`,
    );
  }
  const decisions = new Set(expected.map((e) => e.decision));
  assert.deepEqual(
    [...decisions].sort(),
    ['allowed', 'denied', 'hidden', 'rate-limited'],
    'every kind of decision was tried',
  );
});

test('the playground shows validation problems with their codes', async () => {
  const page = await browser.newPage();
  await page.goto(site.url + tool('comfy_save_workflow'));
  await page.locator('policy-playground summary').click();
  await page.locator('policy-playground[data-ready]').waitFor();
  await page
    .getByLabel('Policy', { exact: true })
    .fill(JSON.stringify({ version: '1', default: 'deny', tools: { comfy_save_workflo: {} } }));
  await page.locator('.pg-problem-list').getByText('policy-unknown-tool').waitFor();
  await page.getByLabel('Policy', { exact: true }).fill('{"version": "2"');
  await page.locator('.pg-problems').getByText('not valid JSON').waitFor();
  await page.getByLabel('Policy', { exact: true }).fill(JSON.stringify({ version: '1', default: 'maybe' }));
  await page.locator('.pg-problem-list').getByText('policy-schema').first().waitFor();
  await page.close();
});

test('the playground says once, after a pause in typing, that the arguments are not valid JSON; its parts are headings', async () => {
  const page = await browser.newPage();
  await page.goto(site.url + tool('comfy_save_workflow'));
  await page.locator('policy-playground summary').click();
  await page.locator('policy-playground[data-ready]').waitFor();
  assert.deepEqual(await page.locator('policy-playground h3').allInnerTexts(), [
    'Call to comfy_save_workflow',
    'Counters in this window',
    'Decision',
  ]);
  await page.getByLabel('JSON', { exact: true }).check();
  // Every node added to a live region while typing: each would be announced.
  await page.evaluate(() => {
    const w = window as unknown as { added: string[] };
    w.added = [];
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes) {
          const at = n instanceof Element ? n : n.parentElement;
          if (at?.closest('[aria-live], [role="alert"], [role="status"], output')) w.added.push(n.textContent ?? '');
        }
    }).observe(document.querySelector('policy-playground')!, { childList: true, subtree: true });
  });
  const args = page.getByLabel('Arguments as JSON');
  await args.fill('');
  await args.pressSequentially('{"name": "x"', { delay: 30 });
  const error = page.locator('.pg-args-error');
  assert.equal(await error.textContent(), '', 'no message while typing');
  await error.getByText('not valid JSON').waitFor();
  assert.equal(await args.getAttribute('aria-invalid'), 'true');
  // 12 keys, two announcements: "No decision" in the output at the first, the message after the pause.
  const added = await page.evaluate(() => (window as unknown as { added: string[] }).added);
  assert.equal(added.length, 2, added.join(' | '));
  assert.match(added[1]!, /^The arguments are not valid JSON/);
  await args.press('End');
  await args.pressSequentially('}', { delay: 30 });
  assert.equal(await error.textContent(), '', 'valid arguments clear the message at once');
  assert.equal(await args.getAttribute('aria-invalid'), null);
  await page.locator('.pg-result[data-decision]').waitFor();
  assert.equal(await page.locator('policy-playground [role="alert"]').count(), 0);
  assert.equal(
    await page.locator('policy-playground [aria-live] [aria-live]').count(),
    0,
    'no live region inside another',
  );
  await page.close();
});

test('npm start compresses text, caches hashed files for a year, sends security headers and a favicon.ico', async () => {
  const html = await fetch(`${site.url}${tool('comfy_get_status')}`, { headers: { 'accept-encoding': 'br' } });
  assert.equal(html.headers.get('content-encoding'), 'br');
  assert.match(html.headers.get('cache-control') ?? '', /max-age=0/);
  for (const header of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options'])
    assert.ok(html.headers.get(header), `${header} is sent`);
  assert.match(html.headers.get('content-security-policy') ?? '', /script-src 'self' 'sha256-[^']+'/);
  // Node's fetch decodes the body itself; ask again without it to see the compressed bytes.
  const raw = await new Promise<Buffer>((done) => {
    import('node:http').then(({ get }) =>
      get(`${site.url}/`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => done(Buffer.concat(chunks)));
      }),
    );
  });
  assert.match(gunzipSync(raw).toString(), /<!DOCTYPE html>/i);
  assert.ok(brotliDecompressSync);
  const page = await (await fetch(`${site.url}/`)).text();
  const asset = /href="(\/_astro\/[^"]+\.css)"/.exec(page)?.[1];
  assert.ok(asset, 'the home page links a hashed stylesheet');
  const css = await fetch(site.url + asset);
  assert.equal(css.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(css.headers.get('content-encoding'), 'gzip', "fetch's default Accept-Encoding gets gzip or br");
  const icon = await fetch(`${site.url}/favicon.ico`);
  assert.equal(icon.status, 200);
  assert.match(icon.headers.get('content-type') ?? '', /icon/);
  // The only inline script is the theme's, the one the policy allows by hash.
  const inline = [...page.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)[^>]*>/g)];
  assert.equal(inline.length, 1);
});
