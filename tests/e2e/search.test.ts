import { toolUrl } from '#src/views/urls.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { startSite, DIST, type RunningSite } from '../helpers/server.ts';
import { stateToQuery, type SearchState } from '#src/client/search-core.ts';
import siteConfig from '#site-config';

// SEARCH_TEST_DIST points the tests at another build (while developing, a build under tests/.tmp).
const dist = process.env.SEARCH_TEST_DIST ?? DIST;
const SERVER = 'ComfyUI MCP Server';
let site: RunningSite;
let browser: Browser;

before(async () => {
  site = await startSite({}, dist);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.stop();
});

async function openPage(path: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(`${site.url}${path}`);
  return { page, errors, requests };
}

const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Search tools, servers and guides' });

/**
 * Waits until the panel has finished rendering the search for `q` and `filters` (it marks itself
 * with data-settled), then returns the titles of the results in order.
 */
async function resultsFor(page: Page, q: string, filters: SearchState['filters'] = {}): Promise<string[]> {
  const key = stateToQuery({ q, filters }) || '?';
  await page.locator(`.search-ui[data-settled="${key.replace(/"/g, '\\"')}"]`).waitFor();
  return page.locator('.search-result .search-result-title').allTextContents();
}

test('typing a tool name exactly as written shows that tool first, with its server and risk badge', async () => {
  const { page, errors } = await openPage('/');
  await page.getByRole('button', { name: 'Search' }).click();
  await searchBox(page).fill('comfy_get_status');
  const titles = await resultsFor(page, 'comfy_get_status');
  assert.equal(titles[0], 'comfy_get_status');
  const first = page.locator('.search-result').first();
  assert.equal(await first.getAttribute('href'), toolUrl('nikolaibibo-claude-comfyui-mcp', 'comfy_get_status'));
  assert.equal(await first.locator('.risk').textContent(), 'Low');
  assert.equal(await first.locator('.search-result-server').textContent(), `on ${SERVER}`);
  assert.match((await first.locator('.search-result-excerpt').textContent()) ?? '', /status/i);
  assert.deepEqual(errors, []);
  await page.close();
});

test('each of the fourteen similarly named comfy tools comes first when its own name is typed', async () => {
  const { page } = await openPage('/search/');
  const names = [
    'comfy_get_queue',
    'comfy_get_output_images',
    'comfy_list_models',
    'comfy_list_workflows',
    'comfy_load_workflow',
    'comfy_save_workflow',
    'comfy_submit_workflow',
    'comfy_delete_workflow',
    'comfy_clear_queue',
    'comfy_cancel_generation',
    'comfy_generate_simple',
    'comfy_upload_image',
    'comfy_wait_for_completion',
    'comfy_get_status',
  ];
  for (const name of names) {
    await searchBox(page).fill(name);
    const titles = await resultsFor(page, name);
    assert.equal(titles[0], name, `the first result for "${name}" is ${titles[0]}`);
  }
  await page.close();
});

test('filtering by risk Critical shows only Critical tools, and all of them', async () => {
  const { page } = await openPage('/search/?q=comfy');
  const unfiltered = await resultsFor(page, 'comfy');
  await page.getByLabel('Risk', { exact: true }).selectOption('Critical');
  const titles = await resultsFor(page, 'comfy', { risk: 'Critical' });
  const badges = await page.locator('.search-result .risk').allTextContents();
  assert.equal(new URL(page.url()).search, '?q=comfy&risk=Critical');
  // The browse pages for the level are built from the catalogue, not from the search index; they
  // are paginated, so every page is read, following its "next" link.
  const browse = await browser.newPage();
  const expected: string[] = [];
  let next: string | null = `${site.url}/risk/critical/`;
  while (next) {
    await browse.goto(next);
    // The catalogue has other servers: keep the rows of the servers the query names (two run ComfyUI).
    expected.push(
      ...(await browse
        .locator('table.tool-list tbody tr')
        .evaluateAll((rows) =>
          rows
            .filter((row) => /\bComfyUI\b/.test(row.querySelector('td:nth-child(2)')?.textContent ?? ''))
            .map((row) => row.querySelector('td:first-child')?.textContent ?? ''),
        )),
    );
    const link = browse.locator('a[rel="next"]');
    const href = (await link.count()) > 0 ? await link.first().getAttribute('href') : null;
    next = href ? new URL(href, browse.url()).href : null;
  }
  await browse.close();
  assert.ok(expected.length > 0 && unfiltered.length > expected.length, 'the filter has something to remove');
  assert.deepEqual([...titles].sort(), [...expected].sort());
  assert.deepEqual(
    badges,
    titles.map(() => 'Critical'),
  );
  await page.close();
});

test('a filter alone, with no words, lists every tool it matches', async () => {
  const filters = { risk: 'Critical', server: SERVER };
  const { page } = await openPage(`/search/${stateToQuery({ q: '', filters })}`);
  const titles = await resultsFor(page, '', filters);
  assert.deepEqual([...titles].sort(), ['comfy_cancel_generation', 'comfy_clear_queue', 'comfy_delete_workflow']);
  assert.equal(await page.getByLabel('Server', { exact: true }).inputValue(), SERVER);
  await page.close();
});

test('a query that matches nothing says so and lists no results', async () => {
  const { page } = await openPage('/search/');
  await searchBox(page).fill('jjvwkxzvjk');
  const titles = await resultsFor(page, 'jjvwkxzvjk');
  assert.deepEqual(titles, []);
  assert.match((await page.locator('.search-status').textContent()) ?? '', /^Nothing matched “jjvwkxzvjk”\./);
  assert.equal(await page.locator('.search-result').count(), 0);
  await page.close();
});

test('Ctrl+K and the slash key open search, but a slash typed into a field stays a slash', async () => {
  const { page, requests } = await openPage('/servers/nikolaibibo-claude-comfyui-mcp/');
  const dialog = page.locator('site-search dialog');
  assert.equal(await dialog.isVisible(), false);
  assert.ok(
    !requests.some((r) => r.includes('pagefind') || r.includes('search-ui')),
    'no search code loads before search is opened',
  );

  await page.keyboard.press('Control+k');
  await dialog.waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'combobox');
  await page.keyboard.type('queue');
  assert.ok((await resultsFor(page, 'queue')).length > 0);
  assert.ok(
    requests.some((r) => r.endsWith('/pagefind/pagefind.js')),
    'Pagefind loads once search is open',
  );
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => !document.activeElement?.closest('dialog'));

  await page.keyboard.press('/');
  await dialog.waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'combobox');
  assert.equal(await searchBox(page).inputValue(), 'queue', 'the slash opened search without being typed into it');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  const field = page.locator('footer textarea').first();
  await field.click();
  await page.keyboard.press('/');
  assert.equal(await field.inputValue(), '/');
  assert.equal(await dialog.isVisible(), false);
  await page.close();
});

test('keys typed while the search code is still loading are kept', async () => {
  const { page } = await openPage('/');
  // A slow connection: the panel's code arrives well after the typing has started.
  await page.route(/\/_astro\/search-ui\.[\w-]+\.js$/, async (route) => {
    await new Promise((done) => setTimeout(done, 600));
    await route.continue();
  });
  await page.keyboard.press('/');
  await page.keyboard.type('queue', { delay: 30 });
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'combobox');
  assert.equal(await searchBox(page).inputValue(), 'queue');
  await page.keyboard.type('s');
  assert.equal(await searchBox(page).inputValue(), 'queues', 'typing goes on at the end of what was typed');
  // The panel searched for the whole of it (resultsFor waits for that search to settle).
  await resultsFor(page, 'queues');
  await page.close();
});

test('typing a word key by key looks up the exact-name bucket of the word, not one per prefix', async () => {
  const { page, requests } = await openPage('/');
  await page.keyboard.press('/');
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'combobox');
  await page.keyboard.type('workflow', { delay: 20 });
  await resultsFor(page, 'workflow');
  const buckets = requests.filter((r) => /\/names\/\d+\.json$/.test(r));
  assert.equal(buckets.length, 1, buckets.join('\n'));
  await page.close();
});

test('arrow keys move through the results and Enter opens the highlighted one', async () => {
  const { page } = await openPage('/');
  await page.keyboard.press('/');
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'combobox');
  await page.keyboard.type('workflow');
  const titles = await resultsFor(page, 'workflow');
  assert.ok(titles.length >= 3, `three results or more, got ${titles.length}`);
  const selected = () => page.locator('.search-result[aria-selected="true"] .search-result-title').textContent();
  assert.equal(await selected(), titles[0]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await selected(), titles[2]);
  await page.keyboard.press('ArrowUp');
  assert.equal(await selected(), titles[1]);
  const active = await searchBox(page).getAttribute('aria-activedescendant');
  assert.equal(await page.locator(`[id="${active}"] .search-result-title`).textContent(), titles[1]);
  const href = await page.locator('.search-result[aria-selected="true"]').getAttribute('href');
  await Promise.all([page.waitForURL(`${site.url}${href}`), page.keyboard.press('Enter')]);
  await page.close();
});

test('the search page keeps its query in the URL, so a search can be shared', async () => {
  const { page } = await openPage('/search/?q=comfy_upload_image');
  assert.equal(await searchBox(page).inputValue(), 'comfy_upload_image');
  assert.equal((await resultsFor(page, 'comfy_upload_image'))[0], 'comfy_upload_image');
  await searchBox(page).fill('comfy_clear_queue');
  await resultsFor(page, 'comfy_clear_queue');
  assert.equal(new URL(page.url()).search, '?q=comfy_clear_queue');
  await page.close();
});

test('a query naming a server lists that server first, by its name or its id, however many of its tools mention it', async () => {
  // DigitalOcean has hundreds of tools, indexed in many documents; before, the server's own line came 45th.
  for (const q of ['DigitalOcean', 'digitalocean']) {
    const { page, errors } = await openPage(`/search/${stateToQuery({ q, filters: {} })}`);
    await resultsFor(page, q);
    const first = page.locator('.search-result').first();
    assert.equal(await first.getAttribute('href'), '/servers/digitalocean/');
    assert.equal(await first.locator('.search-result-kind').textContent(), 'Server');
    assert.equal(await page.locator('.search-result[href="/servers/digitalocean/"]').count(), 1, 'listed once');
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("a shared link may give the server filter as the server's id; an unknown server is named as such", async () => {
  const { page } = await openPage('/search/?q=refund&server=stripe');
  const titles = await resultsFor(page, 'refund', { server: 'Stripe' });
  assert.ok(titles.includes('create_refund'), titles.join(', '));
  assert.equal(await page.getByLabel('Server', { exact: true }).inputValue(), 'Stripe');
  assert.equal(new URL(page.url()).search, '?q=refund&server=Stripe');
  await page.close();

  const other = await openPage('/search/?q=refund&server=strpe');
  await resultsFor(other.page, 'refund', { server: 'strpe' });
  assert.equal(await other.page.locator('.search-result').count(), 0);
  assert.match(
    (await other.page.locator('.search-status').textContent()) ?? '',
    /No server in the catalogue is called “strpe”/,
  );
  await other.page.close();
});

test('a plain query downloads no filter data, and the server filter lists the servers once it is used', async () => {
  const { page, requests } = await openPage('/search/?q=queue');
  await resultsFor(page, 'queue');
  assert.deepEqual(
    requests.filter((r) => r.includes('/pagefind/filter/')),
    [],
  );
  const select = page.getByLabel('Server', { exact: true });
  assert.deepEqual(await select.locator('option').allTextContents(), ['Any']);
  await select.focus();
  await select.locator('option', { hasText: SERVER }).waitFor({ state: 'attached' });
  await select.selectOption(SERVER);
  const titles = await resultsFor(page, 'queue', { server: SERVER });
  assert.ok(titles.length > 0);
  assert.deepEqual(await page.getByLabel('Risk', { exact: true }).locator('option').allTextContents(), [
    'Any',
    'Critical',
    'High',
    'Medium',
    'Low',
  ]);
  await page.close();
});

test("a server is indexed from its records: its tools' names and descriptions, none of the page's chrome", async () => {
  const { page } = await openPage('/search/');
  // The text Pagefind stored for the server's document, read straight from the index.
  const text = await page.evaluate(
    async ({ name, bundle }) => {
      const pf = await import(bundle);
      const { results } = await pf.search(name);
      for (const r of results) {
        const data = await r.data();
        if (data.meta.kind === 'server' && data.anchors.some((a: { text: string }) => a.text === name))
          return data.content as string;
      }
      return undefined;
    },
    { name: 'comfy_delete_workflow', bundle: '/pagefind/pagefind.js' },
  );
  assert.ok(text, "the tool's server is in the index");
  assert.match(text, /comfy_delete_workflow/, "the tool's name is indexed");
  assert.match(text, /Delete a saved workflow from the MCP library\./, "the tool's description is indexed");
  const chrome = [
    siteConfig.name, // header and footer
    'Get in touch', // the contact form at the foot
    'Copy', // the policy's copy button
    '"version"', // the policy JSON
    'Questions about', // the FAQ
    'First seen', // the history
    ...(siteConfig.cta ? [siteConfig.cta.text, siteConfig.cta.label] : []), // the call to action
  ];
  for (const part of chrome) assert.ok(!text.includes(part), `the index has "${part}" for the server: ${text}`);
  await page.close();
});

test('Show more lists the next results once, even when pressed twice quickly, until every result is listed', async () => {
  const { page } = await openPage('/search/?q=comfy');
  await resultsFor(page, 'comfy');
  assert.equal(await page.locator('.search-result').count(), 10);
  assert.match((await page.locator('.search-status').textContent()) ?? '', /^10\+ results$/);
  const more = page.getByRole('button', { name: 'Show more results' });
  // Two presses before the first batch arrives (a pointer's double click could land on the result
  // that takes the button's place, so the presses are dispatched directly).
  await more.evaluate((button: HTMLButtonElement) => {
    button.click();
    button.click();
  });
  await page.waitForFunction(() => document.querySelectorAll('.search-result').length > 10);
  while (await more.isVisible()) {
    const before = await page.locator('.search-result').count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('.search-result').length > n, before);
  }
  const hrefs = await page.locator('.search-result').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.length > 14, `every comfy tool and more, got ${hrefs.length}`);
  assert.equal(new Set(hrefs).size, hrefs.length, 'no result is listed twice');
  assert.equal(await page.locator('.search-status').textContent(), `${hrefs.length} results`);
  await page.close();
});
