/**
 * Browse pages, the servers table and search on a catalogue big enough to paginate: a synthetic
 * catalogue of a few hundred tools over a few dozen servers, plus a tool whose name has dots,
 * built into its own dist under tests/.tmp.
 */
import { toolUrl } from '#src/views/urls.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { buildSite } from '../helpers/build.ts';
import { ROOT, startSite, type RunningSite } from '../helpers/server.ts';
import { writeSyntheticCatalogue } from '#scripts/lib/synthetic.ts';
import { toToolEntry, type ToolEntry } from '#src/catalogue/index.ts';
import { CATEGORIES, RISK_LEVELS, slugOf } from '#src/model/taxonomy.ts';
import type { ToolRecord } from '#src/model/tool.ts';
import { GROUP_TOOLS } from '#src/views/search-documents.ts';
import { stateToQuery } from '#src/client/search-core.ts';
import { SERVER_ROW, type NameRow } from '#src/views/search-keys.ts';
import { tempDir } from '../helpers/temp.ts';

const TOOLS = 420;
const PAGE_SIZE = 100;
const DOTTED = 'files.read_text';
let site: RunningSite;
let browser: Browser;
let outDir: string;
/** A fresh folder per run, so two runs at once never rewrite each other's catalogue. */
let content: string;
/** Live tools, which the browse pages list. */
let tools: ToolEntry[];
/** Every tool page, removed tools included (their pages stay, for the record). */
let allTools: ToolEntry[];
const serverNames = new Map<string, string>();

before(async () => {
  mkdirSync(join(ROOT, 'tests/.tmp'), { recursive: true });
  content = join(tempDir(join(ROOT, 'tests/.tmp/browse-')), 'content');
  const catalogue = writeSyntheticCatalogue(content, TOOLS, { sampleDir: join(ROOT, 'content') });
  // A tool whose name has dots: the first tool of the first server, copied under a new name.
  const source = catalogue.tools[0]!;
  const dotted = { id: `${source.data.server}/${DOTTED}`, data: { ...source.data, name: DOTTED } as ToolRecord };
  const yaml = readFileSync(join(content, 'tools', `${source.id}.yaml`), 'utf8').replace(
    /^name: .*$/m,
    `name: ${DOTTED}`,
  );
  writeFileSync(join(content, 'tools', `${dotted.id}.yaml`), yaml);
  const entries = [...catalogue.tools, dotted].map((t) => toToolEntry(t.id, t.data));
  allTools = entries;
  tools = entries.filter((t) => !t.removed);
  for (const s of catalogue.servers) serverNames.set(s.id, s.data.name);

  const built = await buildSite(content);
  assert.equal(built.code, 0, built.output.slice(-3000));
  outDir = built.outDir;
  site = await startSite({}, outDir);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.stop();
});

/** Follows a browse list from its first page through rel=next, returning each page's tool links. */
async function walkPages(page: Page, first: string): Promise<{ url: string; tools: string[]; servers: string[] }[]> {
  const out = [];
  let next: string | null = first;
  while (next) {
    const res = await page.goto(`${site.url}${next}`);
    assert.equal(res?.status(), 200, `${next} answers 200`);
    const rows = page.locator('table.tool-list tbody tr');
    out.push({
      url: next,
      tools: await rows.locator('td:nth-child(1) a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')),
      servers: await rows.locator('td:nth-child(2) a').allTextContents(),
    });
    // The page has loaded: count the link rather than wait for it, so a slow machine cannot cut the walk short.
    const link = page.locator('.pager a[rel="next"]');
    next = (await link.count()) > 0 ? await link.getAttribute('href') : null;
  }
  return out;
}

const toolHref = (t: ToolEntry) => toolUrl(t.serverId, t.name);

test("a risk level's page has no Risk column and a category's no Category column: every row would say the same", async () => {
  const page = await browser.newPage();
  for (const [url, headers] of [
    ['/risk/critical/', ['Tool', 'Server', 'Category']],
    ['/categories/read/', ['Tool', 'Server', 'Risk']],
  ] as const) {
    await page.goto(`${site.url}${url}`);
    assert.deepEqual(await page.locator('table.tool-list thead th').allTextContents(), headers, url);
    const cells = await page.locator('table.tool-list tbody tr').first().locator('td').count();
    assert.equal(cells, headers.length, url);
  }
  assert.match((await page.locator('main p.muted').first().textContent()) ?? '', /by risk and then by name/);
  await page.goto(`${site.url}/risk/critical/`);
  assert.match((await page.locator('main p.muted').first().textContent()) ?? '', /, by name\./);
  await page.close();
});

test('each risk level and each category lists exactly its live tools, at most 100 a page, with their servers', async () => {
  const page = await browser.newPage();
  const groups = [
    ...RISK_LEVELS.map((r) => ({ url: `/risk/${slugOf(r)}/`, expected: tools.filter((t) => t.risk === r) })),
    ...CATEGORIES.map((c) => ({ url: `/categories/${slugOf(c)}/`, expected: tools.filter((t) => t.category === c) })),
  ];
  assert.ok(
    groups.some((g) => g.expected.length > PAGE_SIZE),
    'at least one group needs a second page',
  );
  for (const group of groups) {
    const pages = await walkPages(page, group.url);
    assert.equal(
      pages.length,
      Math.max(1, Math.ceil(group.expected.length / PAGE_SIZE)),
      `${group.url} has the right number of pages`,
    );
    pages.forEach((p, i) => {
      assert.ok(p.tools.length <= PAGE_SIZE, `${p.url} lists at most ${PAGE_SIZE} tools`);
      if (i > 0) assert.equal(p.url, `${group.url}${i + 1}/`);
    });
    assert.deepEqual(
      pages.flatMap((p) => p.tools).sort(),
      group.expected.map(toolHref).sort(),
      `${group.url} lists every tool once`,
    );
    const byHref = new Map(group.expected.map((t) => [toolHref(t), t]));
    for (const p of pages)
      p.tools.forEach((href, i) => assert.equal(p.servers[i], serverNames.get(byHref.get(href)!.serverId)));
  }
  await page.close();
});

test('the pager marks the current page and links back to the first', async () => {
  const big = RISK_LEVELS.find((r) => tools.filter((t) => t.risk === r).length > PAGE_SIZE)!;
  const page = await browser.newPage();
  await page.goto(`${site.url}/risk/${slugOf(big)}/2/`);
  assert.equal(await page.locator('.pager [aria-current="page"]').textContent(), '2');
  assert.equal(await page.locator('.pager a[rel="prev"]').getAttribute('href'), `/risk/${slugOf(big)}/`);
  assert.equal(await page.locator('.pager a', { hasText: /^1$/ }).getAttribute('href'), `/risk/${slugOf(big)}/`);
  assert.match(await page.title(), /\(page 2\)/);
  await page.close();
});

test('the home page shows the true count per risk level and links each to its browse page', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.url}/`);
  for (const level of RISK_LEVELS) {
    const tile = page.locator(`.tiles a[href="/risk/${slugOf(level)}/"]`);
    assert.equal(await tile.count(), 1, `a tile links to /risk/${slugOf(level)}/`);
    const count = Number((await tile.locator('.tile-count').textContent())!.replace(/,/g, ''));
    assert.equal(count, tools.filter((t) => t.risk === level).length, `${level} count`);
  }
  await page.close();
});

test('a tool page risk badge links to the browse page of its level', async () => {
  const tool = tools.find((t) => t.risk === 'High')!;
  const page = await browser.newPage();
  await page.goto(`${site.url}${toolHref(tool)}`);
  assert.equal(await page.locator('.badges .risk').getAttribute('href'), '/risk/high/');
  await page.close();
});

/** The servers table's rows as [name, tools, critical]. */
const tableRows = (page: Page) =>
  page.locator('table.servers-table tbody tr').evaluateAll((rows) =>
    rows.map((r) => {
      const cells = (r as HTMLTableRowElement).cells;
      return [cells[0]!.textContent ?? '', Number(cells[1]!.dataset.value), Number(cells[2]!.dataset.value)] as [
        string,
        number,
        number,
      ];
    }),
  );

test('the servers table sorts by name, tool count and Critical count from accessible header buttons', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.url}/servers/`);
  const initial = await tableRows(page);
  assert.equal(initial.length, serverNames.size);
  assert.deepEqual(
    initial.map((r) => r[0]),
    [...initial.map((r) => r[0])].sort((a, b) => a.localeCompare(b)),
    'name order first',
  );
  const critical = page.getByRole('button', { name: 'Critical' });
  const th = page.locator('th', { has: critical });

  await critical.click();
  assert.equal(await th.getAttribute('aria-sort'), 'descending');
  let rows = await tableRows(page);
  assert.deepEqual(
    rows.map((r) => r[2]),
    [...rows.map((r) => r[2])].sort((a, b) => b - a),
  );
  assert.ok(rows[0]![2] > rows.at(-1)![2], 'the catalogue has servers with different Critical counts');
  const expectedTop = Math.max(
    ...[...serverNames.keys()].map((id) => tools.filter((t) => t.serverId === id && t.risk === 'Critical').length),
  );
  assert.equal(rows[0]![2], expectedTop);

  await critical.click();
  assert.equal(await th.getAttribute('aria-sort'), 'ascending');
  rows = await tableRows(page);
  assert.deepEqual(
    rows.map((r) => r[2]),
    [...rows.map((r) => r[2])].sort((a, b) => a - b),
  );

  await page.getByRole('button', { name: 'Tools' }).click();
  rows = await tableRows(page);
  assert.deepEqual(
    rows.map((r) => r[1]),
    [...rows.map((r) => r[1])].sort((a, b) => b - a),
  );
  assert.equal(await th.getAttribute('aria-sort'), null, 'only the sorted column says how it is sorted');

  await page.getByRole('button', { name: 'Server' }).click();
  assert.deepEqual(
    (await tableRows(page)).map((r) => r[0]),
    initial.map((r) => r[0]),
  );
  await page.close();
});

test('without JavaScript the servers table is a plain table in name order with no sort buttons', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${site.url}/servers/`);
  assert.equal(await page.locator('table.servers-table button').count(), 0);
  const names = (await tableRows(page)).map((r) => r[0]);
  assert.deepEqual(
    names,
    [...names].sort((a, b) => a.localeCompare(b)),
  );
  await context.close();
});

test('the search index holds a document per server (one per GROUP_TOOLS tools) and the long-form pages, and the name lookup every tool', () => {
  const entry = JSON.parse(readFileSync(join(outDir, 'client/pagefind/pagefind-entry.json'), 'utf8'));
  const longForm = ['pages', 'attack-patterns'].map((d) => readdirCount(join(content, d))).reduce((a, b) => a + b, 0);
  assert.ok(allTools.length > tools.length, 'the catalogue has removed tools, whose pages stay searchable');
  // The site's own guides (how to apply a policy, the method, the classifier's methodology) are
  // searchable too; they are Astro pages, not MDX.
  const guides = ['apply', 'method', 'methodology'].filter((g) =>
    readFileSync(join(outDir, 'client', g, 'index.html'), 'utf8').includes('data-pagefind-meta="kind"'),
  ).length;
  assert.equal(guides, 3);
  const documents = [...serverNames.keys()]
    .map((id) => Math.max(1, Math.ceil(allTools.filter((t) => t.serverId === id).length / GROUP_TOOLS)))
    .reduce((a, b) => a + b, 0);
  assert.equal(entry.languages.en.page_count, documents + longForm + guides);
  const names = join(outDir, 'client/pagefind/names');
  const rows = readdirSync(names)
    .filter((f) => f !== 'index.json')
    .flatMap((f) => JSON.parse(readFileSync(join(names, f), 'utf8')) as NameRow[]);
  const toolRows = rows.filter((r) => r[2] !== SERVER_ROW);
  assert.equal(toolRows.length, allTools.length, 'removed tools stay findable by name too');
  // And each server under its name, and under its id when that is another word.
  const serverRows = new Set(rows.filter((r) => r[2] === SERVER_ROW).map((r) => r[1]));
  assert.equal(serverRows.size, serverNames.size);
});

const readdirCount = (dir: string) => readdirSync(dir).filter((f) => /\.mdx?$/.test(f)).length;

async function search(page: Page, q: string, filters = {}): Promise<{ titles: string[]; servers: string[] }> {
  await page.goto(`${site.url}/search/${stateToQuery({ q, filters })}`);
  await page.locator(`.search-ui[data-settled="${stateToQuery({ q, filters })}"]`).waitFor();
  return {
    titles: await page.locator('.search-result .search-result-title').allTextContents(),
    servers: await page.locator('.search-result .search-result-server').allTextContents(),
  };
}

test('a tool name with dots is found as typed and comes first', async () => {
  const page = await browser.newPage();
  const { titles } = await search(page, DOTTED);
  assert.equal(titles[0], DOTTED);
  await page.close();
});

test('a name that several servers share brings those tools first, ahead of tools that only share its words', async () => {
  const counts = new Map<string, number>();
  for (const t of tools) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
  const [name, n] = [...counts]
    .filter(([, c]) => c >= 2 && c <= 8)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
  const page = await browser.newPage();
  const { titles } = await search(page, name);
  assert.deepEqual(titles.slice(0, n), Array(n).fill(name), `the first ${n} results for ${name}: ${titles.join(', ')}`);
  await page.close();
});

test('a tool name comes first even when a plural or singular sibling shares its stem', async () => {
  // Pagefind stems words, so on its own it may rank list_build above list_builds; the panel's
  // exact-name rule must put every page titled exactly as typed first.
  const counts = new Map<string, number>();
  for (const t of allTools) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
  const names = [...counts.keys()]
    .filter((n) => counts.has(`${n}s`) || (n.endsWith('s') && counts.has(n.slice(0, -1))))
    .sort();
  assert.ok(names.length >= 4, `the catalogue has names with a plural or singular sibling, got ${names.join(', ')}`);
  const page = await browser.newPage();
  await page.goto(`${site.url}/search/`);
  for (const name of names) {
    await page.getByRole('combobox', { name: 'Search tools, servers and guides' }).fill(name);
    await page.locator(`.search-ui[data-settled="${stateToQuery({ q: name, filters: {} })}"]`).waitFor();
    const titles = await page.locator('.search-result .search-result-title').allTextContents();
    const n = counts.get(name)!;
    assert.deepEqual(
      titles.slice(0, n),
      Array(n).fill(name),
      `the first ${n} results for ${name}: ${titles.join(', ')}`,
    );
  }
  await page.close();
});

test('a browse page links to search with its level or category already filtered', async () => {
  const page = await browser.newPage();
  for (const [url, filters] of [
    ['/risk/critical/', { risk: 'Critical' }],
    ['/categories/financial/', { category: 'Financial' }],
  ] as const) {
    await page.goto(`${site.url}${url}`);
    await page.getByRole('link', { name: /^search with the .* filter$/ }).click();
    await page.locator(`.search-ui[data-settled="${stateToQuery({ q: '', filters })}"]`).waitFor();
    const [key, value] = Object.entries(filters)[0]!;
    assert.equal(await page.locator(`select[name="${key}"]`).inputValue(), value);
    assert.ok((await page.locator('.search-result').count()) > 0, `${url}: the filtered search lists tools`);
  }
  await page.close();
});
