import type { ServerRecord } from '#src/model/server.ts';
import type { ToolRecord } from '#src/model/tool.ts';
import type { AttackPatternRecord } from '#src/model/attack-pattern.ts';
import {
  CATEGORIES,
  RISK_LEVELS,
  CATEGORY_RISK,
  riskRank,
  type Category,
  type RiskLevel,
} from '#src/model/taxonomy.ts';

/**
 * What lists, counts and related links need of a tool: the category and risk in force. Every
 * tool of the catalogue has one, in the build's manifest; only the tools a build renders also
 * carry their record.
 */
export interface ToolSummary {
  /** `<server id>/<tool name>` */
  id: string;
  name: string;
  serverId: string;
  category: Category;
  risk: RiskLevel;
  /** True when an editor overrode the importer's classification. */
  overridden: boolean;
  removed: boolean;
}

/** A tool with its record and what the site derives from it. */
export interface ToolEntry extends ToolSummary {
  record: ToolRecord;
}

export interface ServerEntry<T extends ToolSummary = ToolEntry> {
  id: string;
  record: ServerRecord;
  tools: T[];
  counts: { byCategory: Record<Category, number>; byRisk: Record<RiskLevel, number> };
}

export interface PatternEntry {
  id: string;
  record: AttackPatternRecord;
}

export interface CatalogueIndex<T extends ToolSummary = ToolEntry> {
  servers: ServerEntry<T>[];
  serverById: Map<string, ServerEntry<T>>;
  tools: T[];
  byCategory: Map<Category, T[]>;
  byRisk: Map<RiskLevel, T[]>;
  patterns: PatternEntry[];
  patternById: Map<string, PatternEntry>;
}

export const zeroCounts = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * The order of names: `localeCompare`'s, through one shared collator, which gives the same order
 * many times faster (sorting a 224,000-tool manifest took seconds in every build process).
 */
export const compareText = new Intl.Collator().compare;

/** Tools sort by risk (most severe first), then by name. */
export function compareTools(a: ToolSummary, b: ToolSummary): number {
  return riskRank(b.risk) - riskRank(a.risk) || compareText(a.name, b.name) || compareText(a.serverId, b.serverId);
}

export function toToolEntry(id: string, record: ToolRecord): ToolEntry {
  const category = record.editorial?.category ?? record.classification.category;
  const risk =
    record.editorial?.risk ?? (record.editorial?.category ? CATEGORY_RISK[category] : record.classification.risk);
  return {
    id,
    name: record.name,
    serverId: record.server,
    record,
    category,
    risk,
    overridden: Boolean(record.editorial?.category || record.editorial?.risk),
    removed: Boolean(record.history?.removed),
  };
}

/** The index of a whole catalogue with every record: what the checks work on. */
export function buildIndex(
  servers: { id: string; data: ServerRecord }[],
  tools: { id: string; data: ToolRecord }[],
  patterns: { id: string; data: AttackPatternRecord }[],
): CatalogueIndex {
  return indexTools(
    servers,
    tools.map((t) => toToolEntry(t.id, t.data)),
    patterns,
  );
}

/**
 * Builds every lookup the pages need in one pass, so a page costs a map lookup rather than a scan
 * of the whole catalogue (which matters at 100,000 tools). `tools` may be summaries only.
 */
export function indexTools<T extends ToolSummary>(
  servers: { id: string; data: ServerRecord }[],
  tools: T[],
  patterns: { id: string; data: AttackPatternRecord }[],
): CatalogueIndex<T> {
  const serverById = new Map<string, ServerEntry<T>>();
  for (const s of [...servers].sort((a, b) => compareText(a.data.name, b.data.name) || compareText(a.id, b.id))) {
    serverById.set(s.id, {
      id: s.id,
      record: s.data,
      tools: [],
      counts: { byCategory: zeroCounts(CATEGORIES), byRisk: zeroCounts(RISK_LEVELS) },
    });
  }
  const byCategory = new Map<Category, T[]>(CATEGORIES.map((c) => [c, []]));
  const byRisk = new Map<RiskLevel, T[]>(RISK_LEVELS.map((r) => [r, []]));
  const entries: T[] = [];
  // One sort: every list below is filled in this order, so each comes out sorted too.
  for (const entry of [...tools].sort(compareTools)) {
    const server = serverById.get(entry.serverId);
    if (!server) continue; // reported by the unknown-server check; such a tool gets no page
    entries.push(entry);
    server.tools.push(entry);
    if (!entry.removed) {
      server.counts.byCategory[entry.category] += 1;
      server.counts.byRisk[entry.risk] += 1;
      byCategory.get(entry.category)!.push(entry);
      byRisk.get(entry.risk)!.push(entry);
    }
  }
  const patternList = [...patterns]
    .map((p) => ({ id: p.id, record: p.data }))
    .sort((a, b) => a.record.order - b.record.order || compareText(a.id, b.id));
  return {
    servers: [...serverById.values()],
    serverById,
    tools: entries,
    byCategory,
    byRisk,
    patterns: patternList,
    patternById: new Map(patternList.map((p) => [p.id, p])),
  };
}

/** Attack patterns for a tool: those threatening its category, plus any an editor added. */
export function patternsFor(tool: ToolEntry, index: { patterns: PatternEntry[] }): PatternEntry[] {
  const extra = new Set(tool.record.editorial?.attack_patterns ?? []);
  return index.patterns.filter((p) => p.record.categories.includes(tool.category) || extra.has(p.id));
}

/**
 * Related tools: first the same category on the same server, then the server's other tools by
 * risk, then the same category on other servers. At most `limit`.
 */
export function relatedTools<T extends ToolSummary>(tool: ToolSummary, index: CatalogueIndex<T>, limit = 6): T[] {
  const out: T[] = [];
  const seen = new Set([tool.id]);
  const add = (t: T) => {
    if (out.length < limit && !seen.has(t.id) && !t.removed) {
      seen.add(t.id);
      out.push(t);
    }
  };
  const siblings = index.serverById.get(tool.serverId)?.tools ?? [];
  for (const t of siblings) if (t.category === tool.category) add(t);
  for (const t of siblings) add(t);
  const sameCategory = index.byCategory.get(tool.category) ?? [];
  for (let i = 0; i < sameCategory.length && out.length < limit; i++) {
    const t = sameCategory[i]!;
    if (t.serverId !== tool.serverId) add(t);
  }
  return out;
}

/** Counts of live tools per risk level across the catalogue. */
export function riskCounts(index: CatalogueIndex<ToolSummary>): Record<RiskLevel, number> {
  const out = zeroCounts(RISK_LEVELS);
  for (const r of RISK_LEVELS) out[r] = index.byRisk.get(r)!.length;
  return out;
}

export function categoryCounts(index: CatalogueIndex<ToolSummary>): Record<Category, number> {
  const out = zeroCounts(CATEGORIES);
  for (const c of CATEGORIES) out[c] = index.byCategory.get(c)!.length;
  return out;
}
