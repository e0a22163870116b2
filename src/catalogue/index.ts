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

/** A tool with what the site derives from its record: the category and risk in force. */
export interface ToolEntry {
  id: string;
  name: string;
  serverId: string;
  record: ToolRecord;
  category: Category;
  risk: RiskLevel;
  /** True when an editor overrode the importer's classification. */
  overridden: boolean;
  removed: boolean;
}

export interface ServerEntry {
  id: string;
  record: ServerRecord;
  tools: ToolEntry[];
  counts: { byCategory: Record<Category, number>; byRisk: Record<RiskLevel, number> };
}

export interface PatternEntry {
  id: string;
  record: AttackPatternRecord;
}

export interface CatalogueIndex {
  servers: ServerEntry[];
  serverById: Map<string, ServerEntry>;
  tools: ToolEntry[];
  byCategory: Map<Category, ToolEntry[]>;
  byRisk: Map<RiskLevel, ToolEntry[]>;
  patterns: PatternEntry[];
  patternById: Map<string, PatternEntry>;
}

export const zeroCounts = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Tools sort by risk (most severe first), then by name. */
export function compareTools(a: ToolEntry, b: ToolEntry): number {
  return riskRank(b.risk) - riskRank(a.risk) || a.name.localeCompare(b.name) || a.serverId.localeCompare(b.serverId);
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

/**
 * Builds every lookup the pages need in one pass, so a page costs a map lookup rather than a scan
 * of the whole catalogue (which matters at 100,000 tools).
 */
export function buildIndex(
  servers: { id: string; data: ServerRecord }[],
  tools: { id: string; data: ToolRecord }[],
  patterns: { id: string; data: AttackPatternRecord }[],
): CatalogueIndex {
  const serverById = new Map<string, ServerEntry>();
  for (const s of [...servers].sort((a, b) => a.data.name.localeCompare(b.data.name) || a.id.localeCompare(b.id))) {
    serverById.set(s.id, {
      id: s.id,
      record: s.data,
      tools: [],
      counts: { byCategory: zeroCounts(CATEGORIES), byRisk: zeroCounts(RISK_LEVELS) },
    });
  }
  const byCategory = new Map<Category, ToolEntry[]>(CATEGORIES.map((c) => [c, []]));
  const byRisk = new Map<RiskLevel, ToolEntry[]>(RISK_LEVELS.map((r) => [r, []]));
  const entries: ToolEntry[] = [];
  for (const t of tools) {
    const entry = toToolEntry(t.id, t.data);
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
  entries.sort(compareTools);
  for (const s of serverById.values()) s.tools.sort(compareTools);
  for (const list of [...byCategory.values(), ...byRisk.values()]) list.sort(compareTools);
  const patternList = [...patterns]
    .map((p) => ({ id: p.id, record: p.data }))
    .sort((a, b) => a.record.order - b.record.order || a.id.localeCompare(b.id));
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
export function patternsFor(tool: ToolEntry, index: CatalogueIndex): PatternEntry[] {
  const extra = new Set(tool.record.editorial?.attack_patterns ?? []);
  return index.patterns.filter((p) => p.record.categories.includes(tool.category) || extra.has(p.id));
}

/**
 * Related tools: first the same category on the same server, then the server's other tools by
 * risk, then the same category on other servers. At most `limit`.
 */
export function relatedTools(tool: ToolEntry, index: CatalogueIndex, limit = 6): ToolEntry[] {
  const out: ToolEntry[] = [];
  const seen = new Set([tool.id]);
  const add = (t: ToolEntry) => {
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
export function riskCounts(index: CatalogueIndex): Record<RiskLevel, number> {
  const out = zeroCounts(RISK_LEVELS);
  for (const r of RISK_LEVELS) out[r] = index.byRisk.get(r)!.length;
  return out;
}

export function categoryCounts(index: CatalogueIndex): Record<Category, number> {
  const out = zeroCounts(CATEGORIES);
  for (const c of CATEGORIES) out[c] = index.byCategory.get(c)!.length;
  return out;
}
