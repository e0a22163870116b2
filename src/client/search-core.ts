/**
 * The parts of search that do not touch the DOM or Pagefind: the URL form of a search, the
 * exact-name rule, excerpt parsing and the order of filter values. It imports only small pure
 * modules, so the browser bundle stays small and unit tests can reach every rule.
 */

import { CATEGORIES, RISK_LEVELS } from '#src/model/levels.ts';
import { SERVER_ROW, type NameRow } from '#src/views/search-keys.ts';

export { nameBucket, type NameRow } from '#src/views/search-keys.ts';

export const FILTER_KEYS = ['risk', 'category', 'server'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export interface SearchState {
  q: string;
  filters: Partial<Record<FilterKey, string>>;
}

/** Reads `?q=…&risk=…&category=…&server=…`; unknown parameters and empty values are ignored. */
export function parseState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const filters: SearchState['filters'] = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return { q: (params.get('q') ?? '').trim(), filters };
}

/** The query string for a search, in a fixed parameter order so equal searches share one URL. */
export function stateToQuery(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Pagefind's filter argument: only the filters that are set. */
export function activeFilters(state: SearchState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) if (state.filters[key]) out[key] = state.filters[key]!;
  return out;
}

/**
 * Pages whose title is exactly the query (ignoring case and surrounding space) move to the front,
 * keeping Pagefind's order otherwise. Tool names such as `comfy_get_status` share most of their
 * words with their siblings, so a typed name must win over pages that merely mention it.
 */
export function exactFirst<T>(items: readonly T[], query: string, titleOf: (item: T) => string | undefined): T[] {
  const wanted = query.trim().toLowerCase();
  if (!wanted) return [...items];
  const exact: T[] = [];
  const rest: T[] = [];
  for (const item of items) ((titleOf(item) ?? '').trim().toLowerCase() === wanted ? exact : rest).push(item);
  return [...exact, ...rest];
}

export interface Segment {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references Pagefind writes in excerpts; anything unknown stays as typed. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * Splits a Pagefind excerpt into plain text and highlighted runs. The excerpt is page text, which
 * may quote an MCP server's own words, so it is never parsed as HTML: only `<mark>` and `</mark>`
 * are recognised, and every other character ends up as text.
 */
export function excerptSegments(excerpt: string): Segment[] {
  const out: Segment[] = [];
  let mark = false;
  for (const part of excerpt.split(/(<\/?mark>)/i)) {
    if (/^<mark>$/i.test(part)) mark = true;
    else if (/^<\/mark>$/i.test(part)) mark = false;
    else if (part) out.push({ text: decodeEntities(part), mark });
  }
  return out;
}

/** Filter values in a meaningful order: the given order first (severity, category), then A–Z. */
export function orderValues(values: Iterable<string>, preferred: readonly string[] = []): string[] {
  const rank = (v: string) => {
    const i = preferred.indexOf(v);
    return i === -1 ? preferred.length : i;
  };
  return [...values].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Moves a highlighted result by `delta`, staying within the list (-1 means none highlighted). */
export function moveActive(current: number, delta: number, length: number): number {
  if (length === 0) return -1;
  return Math.max(0, Math.min(length - 1, current + delta));
}

/** Only site-relative result URLs are followed; anything else in an index is not ours. */
export function safeUrl(url: unknown): string | undefined {
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : undefined;
}

/** One line of the results list. */
export interface SearchItem {
  url: string;
  title: string;
  kind: string;
  risk?: string;
  server?: string;
  excerpt: string;
}

const byLower = (list: readonly string[], value: string) => list.find((v) => v.toLowerCase() === value);

/**
 * Which tool a section of a server's search document is: its anchor is `<risk>.<category>.<stem>`
 * (src/views/search-documents.ts), and the tool page is `tools/<stem>/` under the server's URL.
 */
export function sectionTool(url: string): { url: string; risk: string; category: string } | undefined {
  const hash = url.indexOf('#');
  if (hash === -1) return undefined;
  let anchor: string;
  try {
    anchor = decodeURIComponent(url.slice(hash + 1));
  } catch {
    return undefined;
  }
  const [risk, category] = anchor.split('.', 2);
  const stem = anchor.slice((risk?.length ?? 0) + (category?.length ?? 0) + 2);
  const base = url.slice(0, hash).replace(/\?.*$/, '');
  const r = byLower(RISK_LEVELS, risk ?? '');
  const c = byLower(CATEGORIES, category ?? '');
  if (!r || !c || !stem || !base.endsWith('/')) return undefined;
  return { url: `${base}tools/${stem}/`, risk: r, category: c };
}

/**
 * A section's excerpt without the tool name it starts with (the section's heading): the result
 * line shows the name already.
 */
export function withoutLeadingName(excerpt: string, name: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return excerpt.replace(new RegExp(`^\\s*(?:<mark>)?${escaped}\\.?(?:</mark>)?\\.?\\s*`), '');
}

/** What Pagefind gives for one indexed page (the fields this site reads). */
export interface ResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results?: { title: string; url: string; excerpt: string; locations?: number[] }[];
  /** The page's headings with ids, and the word each starts at in `content`. */
  anchors?: { id: string; text: string; location: number }[];
  content?: string;
}

/** Text as Pagefind writes excerpts (escaped, so excerptSegments reads it back as typed). */
const asExcerpt = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The tool sections of a server's document when there are no words to match (a search by filters
 * alone, where Pagefind gives no sub-results): every heading, with the start of its text.
 */
function sectionsOf(data: ResultData): { title: string; url: string; excerpt: string; locations: number[] }[] {
  const words = (data.content ?? '').split(/\s+/);
  const anchors = data.anchors ?? [];
  return anchors.map((a, i) => {
    const from = a.location + a.text.split(/\s+/).length;
    const to = Math.min(anchors[i + 1]?.location ?? words.length, from + 24);
    return {
      title: a.text,
      url: `${data.url}#${a.id}`,
      excerpt: asExcerpt(words.slice(from, to).join(' ')),
      locations: [],
    };
  });
}

/**
 * The lines one Pagefind result gives. A guide or an attack pattern is one line. A server's
 * document gives one line per tool section that matched (every section for a search by filters
 * alone), most matches first, dropping tools the risk or category filter excludes; and the server
 * itself when its name or summary matched.
 */
export function resultItems(
  data: ResultData,
  hasQuery: boolean,
  filters: Partial<Record<FilterKey, string>>,
): SearchItem[] {
  const kind = data.meta.kind ?? 'page';
  const title = data.meta.title ?? data.url;
  if (kind !== 'server') return [{ url: data.url, title, kind, excerpt: data.excerpt ?? '' }];
  const items: (SearchItem & { hits: number; order: number })[] = [];
  (hasQuery ? (data.sub_results ?? []) : sectionsOf(data)).forEach((sub, order) => {
    const hits = sub.locations?.length ?? 0;
    if (hasQuery && hits === 0) return;
    const tool = sectionTool(sub.url);
    if (!tool) {
      // The server's own part: its name and summary, in the first of its documents only.
      if (hasQuery && !filters.risk && !filters.category && !data.url.includes('?'))
        items.push({ url: data.url, title, kind: 'server', excerpt: sub.excerpt, hits, order });
      return;
    }
    if (filters.risk && tool.risk !== filters.risk) return;
    if (filters.category && tool.category !== filters.category) return;
    items.push({
      url: tool.url,
      title: sub.title,
      kind: 'tool',
      risk: tool.risk,
      server: title,
      excerpt: withoutLeadingName(sub.excerpt, sub.title),
      hits,
      order,
    });
  });
  items.sort((a, b) => b.hits - a.hits || a.order - b.order);
  return items.map(({ hits: _h, order: _o, ...item }) => item);
}

/**
 * The lookup's rows for exactly this name that pass the filters, as result lines: a server named
 * (or whose id is) the query, then tools of that name. A server's line has no risk or category, so
 * a risk or category filter leaves it out.
 */
export function exactItems(
  rows: readonly NameRow[],
  query: string,
  filters: Partial<Record<FilterKey, string>>,
): SearchItem[] {
  const wanted = query.trim().toLowerCase();
  const matching = rows.filter(([name, , risk, category, server]) => {
    if (name.toLowerCase() !== wanted) return false;
    if (filters.server && server !== filters.server) return false;
    if (risk === SERVER_ROW) return !filters.risk && !filters.category;
    if (filters.risk && RISK_LEVELS[risk] !== filters.risk) return false;
    return !filters.category || CATEGORIES[category] === filters.category;
  });
  const servers = matching.filter((row) => row[2] === SERVER_ROW);
  const tools = matching.filter((row) => row[2] !== SERVER_ROW);
  return [
    ...servers.map(([, url, , , server, text]) => ({ url, title: server, kind: 'server', excerpt: asExcerpt(text) })),
    ...tools.map(([name, url, risk, , server, text]) => ({
      url,
      title: name,
      kind: 'tool',
      risk: RISK_LEVELS[risk],
      server,
      excerpt: asExcerpt(text),
    })),
  ];
}

/**
 * The server a `server=` filter means. The filter's values are server names, but a shared link may
 * carry the server's id or another case: `known` are the names in the index, `rows` the exact-name
 * lookup's rows for the value. Undefined when no server answers to it.
 */
export function resolveServer(value: string, known: readonly string[], rows: readonly NameRow[]): string | undefined {
  if (known.includes(value)) return value;
  const wanted = value.trim().toLowerCase();
  const byCase = known.find((name) => name.toLowerCase() === wanted);
  if (byCase) return byCase;
  const row = rows.find(([name, , risk]) => risk === SERVER_ROW && name.toLowerCase() === wanted);
  return row && known.includes(row[4]) ? row[4] : undefined;
}

export { isTypingTarget } from './typing.ts';
