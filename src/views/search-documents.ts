/**
 * What the search index holds of the catalogue, made from records rather than rendered pages.
 *
 * Pagefind keeps a little metadata for every page it indexes, and a browser downloads all of it
 * before its first query, so an index with one page per tool grows past a megabyte at 200,000
 * tools. Here a server's tools are indexed together: one search document per server (a server with
 * more than GROUP_TOOLS tools gets several), with one section per tool. Pagefind returns a matched
 * section as a sub-result; its anchor says which tool it is, with the tool's risk and category, so
 * the browser links to the tool page and can apply the risk and category filters tool by tool.
 *
 * Every string from a record is escaped: records quote MCP servers, which are untrusted.
 */
import type { ServerRecord } from '#src/model/server.ts';
import type { ToolRecord } from '#src/model/tool.ts';
import { CATEGORIES, RISK_LEVELS, type Category, type RiskLevel } from '#src/model/taxonomy.ts';
import { toToolEntry } from '#src/catalogue/index.ts';
import { serverUrl, toolSegment } from '#src/views/urls.ts';
import { SERVER_ROW, type NameRow } from '#src/views/search-keys.ts';

/** Tools in one search document at most. */
export const GROUP_TOOLS = 25;

/** One page for Pagefind: its URL and the HTML it indexes. */
export interface SearchDocument {
  url: string;
  html: string;
}

/** What one server contributes to search. */
export interface ServerSearch {
  docs: SearchDocument[];
  names: NameRow[];
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/**
 * A section anchor: `<risk>.<category>.<tool stem>`. Risk levels and categories are single words,
 * so the first two dots always end them, whatever the stem holds.
 */
export const sectionAnchor = (risk: RiskLevel, category: Category, stem: string) =>
  `${risk.toLowerCase()}.${category.toLowerCase()}.${stem}`;

/** The words of a tool's input that say what it acts on: its property names, nested ones included. */
function propertyNames(schema: unknown, out = new Set<string>(), depth = 0): Set<string> {
  if (depth > 4 || !schema || typeof schema !== 'object') return out;
  const props = (schema as { properties?: unknown }).properties;
  if (props && typeof props === 'object') {
    for (const [key, value] of Object.entries(props)) {
      out.add(key);
      propertyNames(value, out, depth + 1);
    }
  }
  const items = (schema as { items?: unknown }).items;
  if (items) propertyNames(items, out, depth + 1);
  return out;
}

/** The start of a description, as the exact-name lookup shows it: 24 words at most. */
export function excerptOf(text: string): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.length > 24 ? `${words.slice(0, 24).join(' ')} …` : words.join(' ');
}

interface ToolInput {
  id: string;
  data: ToolRecord;
}

/**
 * The search documents and exact-name rows of one server. Tools keep the order given (the
 * catalogue's file order), so equal records give equal documents.
 */
export function serverSearch(serverId: string, server: ServerRecord, tools: ToolInput[]): ServerSearch {
  const entries = tools.map((t) => toToolEntry(t.id, t.data));
  const names: NameRow[] = entries.map((e) => [
    e.name,
    `${serverUrl(serverId)}tools/${toolSegment(e.name)}/`,
    RISK_LEVELS.indexOf(e.risk),
    CATEGORIES.indexOf(e.category),
    server.name,
    excerptOf(e.record.definition.description ?? ''),
  ]);
  // The server under its name and its id, so a query naming the server lists it first.
  const summary = excerptOf(server.summary);
  for (const key of new Set([server.name, serverId].map((k) => k.trim().toLowerCase())))
    names.push([
      key === server.name.trim().toLowerCase() ? server.name : serverId,
      serverUrl(serverId),
      SERVER_ROW,
      SERVER_ROW,
      server.name,
      summary,
    ]);
  const docs: SearchDocument[] = [];
  const groups = Math.max(1, Math.ceil(entries.length / GROUP_TOOLS));
  for (let g = 0; g < groups; g++) {
    const part = entries.slice(g * GROUP_TOOLS, (g + 1) * GROUP_TOOLS);
    // Filters and meta go in hidden elements: Pagefind reads them there, and their text is not page text.
    const hidden = (attr: string, key: string, value: string) =>
      `<span hidden data-pagefind-${attr}="${key}">${escapeHtml(value)}</span>`;
    const filters = [
      hidden('meta', 'kind', 'server'),
      hidden('meta', 'title', server.name),
      hidden('filter', 'server', server.name),
      ...[...new Set(part.map((e) => e.risk))].map((r) => hidden('filter', 'risk', r)),
      ...[...new Set(part.map((e) => e.category))].map((c) => hidden('filter', 'category', c)),
    ];
    const sections = part.map((e) => {
      const def = e.record.definition;
      const title = def.annotations?.title;
      const props = [...propertyNames(def.inputSchema)];
      return [
        `<h2 id="${escapeHtml(sectionAnchor(e.risk, e.category, toolSegment(e.name)))}">${escapeHtml(e.name)}</h2>`,
        title && title !== e.name ? `<p>${escapeHtml(title)}</p>` : '',
        def.description ? `<p>${escapeHtml(def.description)}</p>` : '',
        props.length ? `<p>Arguments: ${escapeHtml(props.join(', '))}.</p>` : '',
      ].join('');
    });
    // The part before the first tool is the server itself: it matches on the server's name and
    // summary. Only the first document has it, so a big server's later documents do not each match
    // its name (and push the one result that lists the server far down).
    const head = g === 0 ? `<h1>${escapeHtml(server.name)}</h1><p>${escapeHtml(server.summary)}</p>` : '';
    docs.push({
      url: g === 0 ? serverUrl(serverId) : `${serverUrl(serverId)}?tools=${g + 1}`,
      html:
        `<html lang="en"><head><title>${escapeHtml(server.name)}</title></head><body><main data-pagefind-body>` +
        `${filters.join('')}${head}${sections.join('')}</main></body></html>`,
    });
  }
  return { docs, names };
}
