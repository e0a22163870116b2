/**
 * The parts of search that do not touch the DOM or Pagefind: the URL form of a search, the
 * exact-name rule, excerpt parsing and the order of filter values. Kept free of imports so the
 * browser bundle stays small and unit tests can reach every rule.
 */

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

export { isTypingTarget } from './typing.ts';
