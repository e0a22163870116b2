import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sitemapFiles, sitePaths, robotsTxt, SITEMAP_MAX_URLS, type SitemapSource } from '#src/views/sitemap.ts';
import { toolUrl, serverUrl, sitemapUrl } from '#src/views/urls.ts';

const BASE = 'https://atlas.example.net';

/** A manifest of `servers` servers with `perServer` tools each, as a sharded build's merge step holds it. */
function manifest(servers: number, perServer: number): SitemapSource {
  return {
    servers: Array.from({ length: servers }, (_, s) => ({
      id: `server-${s}`,
      tools: Array.from({ length: perServer }, (_, t) => `tool_${t}`),
    })),
    byRisk: { Low: servers * perServer, Critical: 250 },
    byCategory: { Read: servers * perServer },
    patterns: ['rug-pull'],
    guides: ['policy-language'],
  };
}

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!);

test('224,000 tools: files of at most 50,000 URLs, every tool and server page in exactly one, listed by the index', () => {
  const src = manifest(2240, 100);
  const { index, files } = sitemapFiles(sitePaths(src), BASE);
  const all = files.flatMap(locs);
  for (const f of files) assert.ok(locs(f).length <= SITEMAP_MAX_URLS);
  assert.equal(files.length, Math.ceil(all.length / SITEMAP_MAX_URLS));
  assert.ok(files.length >= 5);
  assert.deepEqual(
    locs(index),
    files.map((_, i) => new URL(sitemapUrl(i + 1), BASE).href),
  );
  const set = new Set(all);
  assert.equal(set.size, all.length, 'no URL twice');
  for (const s of src.servers) {
    assert.ok(set.has(new URL(serverUrl(s.id), BASE).href), s.id);
    for (const t of s.tools) assert.ok(set.has(new URL(toolUrl(s.id, t), BASE).href), `${s.id}/${t}`);
  }
  // Paginated listings: 224,000 Low tools make 2,240 pages of 100.
  assert.ok(set.has(`${BASE}/risk/low/2240/`));
  assert.ok(!set.has(`${BASE}/risk/low/2241/`));
  assert.ok(set.has(`${BASE}/risk/critical/3/`));
});

test('the split is by count: a small limit makes several files, and URLs are escaped for XML', () => {
  const src = manifest(1, 5);
  src.servers[0]!.tools.push("a&b<'c'>");
  const { index, files } = sitemapFiles(sitePaths(src), BASE, 4);
  assert.ok(files.length > 1);
  assert.ok(files.every((f) => locs(f).length <= 4));
  assert.equal(locs(index).length, files.length);
  assert.ok(files.join('').includes('a&amp;b%3C&apos;c&apos;%3E'));
  assert.ok(!/<loc>[^<]*[<>'"][^<]*<\/loc>/.test(files.join('')));
});

test('robots.txt names the sitemap index only when there is one', () => {
  assert.match(robotsTxt(`${BASE}/sitemap-index.xml`), /^Sitemap: https:\/\/atlas\.example\.net\/sitemap-index\.xml$/m);
  assert.doesNotMatch(robotsTxt(undefined), /Sitemap/);
});

test('the pages that explain the site are listed too: methodology, method, applying a policy, contact', () => {
  const paths = [...sitePaths(manifest(1, 1))];
  for (const page of ['/methodology/', '/method/', '/apply/', '/contact/', '/problems/', '/policy-language/'])
    assert.ok(paths.includes(page), page);
  assert.ok(!paths.includes('/search/'), 'search is no page to index');
});
