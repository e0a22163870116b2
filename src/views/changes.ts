import { createHash } from 'node:crypto';
import { compareText, type CatalogueIndex, type ServerEntry, type ToolSummary } from '#src/catalogue/index.ts';
import type { ManifestChange } from '#src/catalogue/manifest.ts';
import { toolFileStem } from '#src/model/tool.ts';
import { RISK_LEVELS, riskRank, type RiskLevel } from '#src/model/taxonomy.ts';
import type { PaginateFunction } from 'astro';

/** One change to one tool's definition, from its record's `history`. */
export interface ToolChange {
  tool: ToolSummary;
  kind: 'added' | 'changed' | 'removed';
  /** What changed, for `changed` (the importer's summary lines; `code` spans allowed). */
  summary: string[];
}

/** The changes one import of one server made on one day: one entry on the page and in the feed. */
export interface ChangeEntry {
  date: string;
  server: ServerEntry<ToolSummary>;
  added: ToolChange[];
  changed: ToolChange[];
  removed: ToolChange[];
}

/**
 * Every definition change across the catalogue, newest first, grouped by day and server: the day a
 * tool was first seen (added), each dated change in its history (changed, with what changed), and
 * the day it disappeared (removed). A tool listed again after a removal appears as changed, since
 * the importer records that in its history.
 */
export function changeEntries(index: CatalogueIndex<ToolSummary>, changes: readonly ManifestChange[]): ChangeEntry[] {
  const groups = new Map<string, ChangeEntry>();
  const toolById = new Map(index.tools.map((t) => [t.id, t]));
  const kinds = ['added', 'changed', 'removed'] as const;
  for (const [date, serverId, name, kindIndex, summary] of changes) {
    const server = index.serverById.get(serverId);
    const tool = toolById.get(`${serverId}/${toolFileStem(name)}`);
    const kind = kinds[kindIndex];
    if (!server || !tool || !kind) continue;
    const key = `${date}\u0000${server.id}`;
    let e = groups.get(key);
    if (!e) {
      e = { date, server, added: [], changed: [], removed: [] };
      groups.set(key, e);
    }
    e[kind].push({ tool, kind, summary });
  }
  const byName = (a: ToolChange, b: ToolChange) => compareText(a.tool.name, b.tool.name);
  for (const e of groups.values()) {
    e.added.sort(byName);
    e.changed.sort(byName);
    e.removed.sort(byName);
  }
  return [...groups.values()].sort(
    (a, b) =>
      (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || compareText(a.server.record.name, b.server.record.name),
  );
}

/** "12 tools added, 1 changed" */
export function changeHeadline(e: ChangeEntry): string {
  const parts: string[] = [];
  const n = (count: number, what: string) => `${count} ${count === 1 ? 'tool' : 'tools'} ${what}`;
  if (e.added.length) parts.push(n(e.added.length, 'added'));
  if (e.changed.length) parts.push(parts.length ? `${e.changed.length} changed` : n(e.changed.length, 'changed'));
  if (e.removed.length) parts.push(parts.length ? `${e.removed.length} removed` : n(e.removed.length, 'removed'));
  return parts.join(', ');
}

/** An entry names every tool it added when it added at most this many. */
export const ADDED_WHOLE = 10;
/** A longer list (a server's first import, say) names only this many, the riskiest. */
export const ADDED_PREVIEW = 8;

/** What the change page says of an entry's added tools. */
export interface AddedList {
  /** The tools named: every one in name order, or the `ADDED_PREVIEW` riskiest, riskiest first. */
  shown: ToolChange[];
  /** How many added tools are not named (0 when `shown` is the whole list). */
  more: number;
  /** For a shortened list: how many of all the added tools are at each level, highest first, none at 0. */
  risks: { risk: RiskLevel; count: number }[];
}

/**
 * The added tools of an entry as the change page lists them. A first import adds every tool of a
 * server at once (hundreds for some), and naming them all made the page megabytes long; past
 * `ADDED_WHOLE`, the page names the riskiest few, counts the rest by risk level and links to the
 * server's tool list, so its size grows with the number of entries, not of tools.
 */
export function addedList(added: readonly ToolChange[]): AddedList {
  if (added.length <= ADDED_WHOLE) return { shown: [...added], more: 0, risks: [] };
  const shown = added
    .toSorted((a, b) => riskRank(b.tool.risk) - riskRank(a.tool.risk) || compareText(a.tool.name, b.tool.name))
    .slice(0, ADDED_PREVIEW);
  const risks = RISK_LEVELS.toReversed()
    .map((risk) => ({ risk, count: added.filter((c) => c.tool.risk === risk).length }))
    .filter((r) => r.count > 0);
  return { shown, more: added.length - shown.length, risks };
}

/** Entries on one page of /changes/: a catalogue of 50,000 servers has at least as many entries. */
export const CHANGES_PAGE_SIZE = 50;

/**
 * The static paths of /changes/[n/]: the entries newest first, `CHANGES_PAGE_SIZE` to a page.
 * Rendered once, by the slice that renders the pages about no one server.
 */
export function changePaths(
  index: CatalogueIndex<ToolSummary> & { ownsGlobals: boolean; changes: readonly ManifestChange[] },
  paginate: PaginateFunction,
) {
  if (!index.ownsGlobals) return [];
  return paginate(changeEntries(index, index.changes), { pageSize: CHANGES_PAGE_SIZE });
}

const xml = (text: string) =>
  text
    // XML 1.0 cannot carry these characters at all, escaped or not.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/**
 * A name-based UUID (RFC 9562, version 5: SHA-1 over a namespace and the name) as a URN. The
 * namespace is the URL namespace, since the names are paths of the site.
 */
export function nameUuid(name: string): string {
  const namespace = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** How many entries the feed carries; the pages of /changes/ list them all. */
export const FEED_ENTRIES = 50;

/**
 * The Atom feed of the catalogue's changes. Each entry is one server's changes on one day, its
 * content a plain-text list (no HTML from records: tool names and summaries are escaped text).
 */
export function changesAtom(
  entries: ChangeEntry[],
  site: { name: string; url?: string },
  urls: { changes: string; feed: string; server: (id: string) => string },
): string {
  // Without a configured site URL the links stay relative (a feed reader resolves them against the
  // feed's own address) rather than name a guessed host. An id must be absolute, though, so it is
  // then a name-based UUID of the site's name and the path: stable from build to build.
  const abs = (path: string) => (site.url ? new URL(path, site.url).href : path);
  const id = (path: string) => (site.url ? new URL(path, site.url).href : nameUuid(`${site.name}\n${path}`));
  const latest = entries[0]?.date ?? '1970-01-01';
  const lines: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${xml(`${site.name}: tool definition changes`)}</title>`,
    `  <id>${xml(id(urls.changes))}</id>`,
    `  <link rel="self" href="${xml(abs(urls.feed))}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(abs(urls.changes))}"/>`,
    `  <updated>${latest}T00:00:00Z</updated>`,
    `  <author><name>${xml(site.name)}</name></author>`,
  ];
  for (const e of entries.slice(0, FEED_ENTRIES)) {
    const text: string[] = [];
    // As on /changes/: a long list of added tools gives the riskiest by name and the count by risk.
    const added = addedList(e.added);
    for (const c of added.shown) text.push(`+ ${c.tool.name} added (${c.tool.risk} risk)`);
    if (added.more > 0)
      text.push(
        `+ ${added.more} more added; all ${e.added.length} by risk: ${added.risks.map((r) => `${r.count} ${r.risk}`).join(', ')}`,
      );
    for (const c of e.changed) text.push(`~ ${c.tool.name}: ${c.summary.join('; ')}`);
    for (const c of e.removed) text.push(`- ${c.tool.name} removed`);
    lines.push(
      '  <entry>',
      `    <title>${xml(`${e.server.record.name}: ${changeHeadline(e)}`)}</title>`,
      `    <id>${xml(id(`${urls.server(e.server.id)}#changes-${e.date}`))}</id>`,
      `    <link href="${xml(abs(urls.server(e.server.id)))}"/>`,
      `    <updated>${e.date}T00:00:00Z</updated>`,
      `    <content type="text">${xml(text.join('\n'))}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
