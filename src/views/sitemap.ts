/**
 * Sitemaps made from the catalogue's data, not by crawling pages: a pure function of the list of
 * servers and tool names (and the few other listings), so it runs the same in a full build, at
 * the merge step of a sharded build, or from a manifest. Files hold at most 50,000 URLs each (the
 * sitemaps.org limit), named by `sitemapUrl(n)`, and `sitemap-index.xml` lists them.
 */
import { RISK_LEVELS, CATEGORIES, type Category, type RiskLevel } from '#src/model/taxonomy.ts';
import type { CatalogueIndex, ToolSummary } from '#src/catalogue/index.ts';
import {
  homeUrl,
  serversUrl,
  serverUrl,
  toolUrl,
  riskUrl,
  categoryUrl,
  listPageUrl,
  attackPatternsUrl,
  attackPatternUrl,
  guidePageUrl,
  problemsUrl,
  methodologyUrl,
  methodUrl,
  applyUrl,
  contactUrl,
  sitemapUrl,
  LIST_PAGE_SIZE,
} from './urls.ts';

export const SITEMAP_MAX_URLS = 50_000;

/** What the sitemaps are made of: the catalogue's manifest, not its pages. */
export interface SitemapSource {
  /** Every server with the names of the tools that have a page (removed ones too). */
  servers: { id: string; tools: string[] }[];
  /** Live tools per risk level and per category (for the paginated listings). */
  byRisk: Partial<Record<RiskLevel, number>>;
  byCategory: Partial<Record<Category, number>>;
  patterns: string[];
  guides: string[];
}

export function sitemapSource(index: CatalogueIndex<ToolSummary>, guides: string[]): SitemapSource {
  return {
    servers: index.servers.map((s) => ({ id: s.id, tools: s.tools.map((t) => t.name) })),
    byRisk: Object.fromEntries(RISK_LEVELS.map((r) => [r, index.byRisk.get(r)!.length])),
    byCategory: Object.fromEntries(CATEGORIES.map((c) => [c, index.byCategory.get(c)!.length])),
    patterns: index.patterns.map((p) => p.id),
    guides,
  };
}

/** Every indexable page's path, in a stable order. */
export function* sitePaths(src: SitemapSource): Generator<string> {
  yield homeUrl();
  yield serversUrl();
  for (const g of src.guides) yield guidePageUrl(g);
  yield attackPatternsUrl();
  for (const p of src.patterns) yield attackPatternUrl(p);
  yield problemsUrl();
  yield methodologyUrl();
  yield methodUrl();
  yield applyUrl();
  yield contactUrl;
  const listing = function* (base: string, count: number) {
    const pages = Math.max(1, Math.ceil(count / LIST_PAGE_SIZE));
    for (let n = 1; n <= pages; n++) yield listPageUrl(base, n);
  };
  for (const r of RISK_LEVELS) yield* listing(riskUrl(r), src.byRisk[r] ?? 0);
  for (const c of CATEGORIES) yield* listing(categoryUrl(c), src.byCategory[c] ?? 0);
  for (const s of src.servers) {
    yield serverUrl(s.id);
    for (const t of s.tools) yield toolUrl(s.id, t);
  }
}

const xmlEscape = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/**
 * The sitemap files for `paths` on the site at `base` (absolute): `files[i]` is served at
 * `sitemapUrl(i + 1)`, and `index` lists them all.
 */
export function sitemapFiles(
  paths: Iterable<string>,
  base: string,
  max = SITEMAP_MAX_URLS,
): { index: string; files: string[] } {
  const files: string[] = [];
  let chunk: string[] = [];
  const flush = () => {
    files.push(`${HEAD}<urlset xmlns="${NS}">\n${chunk.join('')}</urlset>\n`);
    chunk = [];
  };
  for (const path of paths) {
    chunk.push(`<url><loc>${xmlEscape(new URL(path, base).href)}</loc></url>\n`);
    if (chunk.length === max) flush();
  }
  if (chunk.length || files.length === 0) flush();
  const index = `${HEAD}<sitemapindex xmlns="${NS}">\n${files
    .map((_, i) => `<sitemap><loc>${xmlEscape(new URL(sitemapUrl(i + 1), base).href)}</loc></sitemap>\n`)
    .join('')}</sitemapindex>\n`;
  return { index, files };
}

/** robots.txt: everything may be crawled; the sitemap index is named when the site URL is known. */
export function robotsTxt(sitemapIndex: string | undefined): string {
  return `User-agent: *\nAllow: /\n${sitemapIndex ? `\nSitemap: ${sitemapIndex}\n` : ''}`;
}
