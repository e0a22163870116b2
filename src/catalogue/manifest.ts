import { createHash } from 'node:crypto';
import { CATEGORIES, RISK_LEVELS, type Category, type RiskLevel } from '#src/model/taxonomy.ts';
import type { Catalogue } from './load.ts';
import { toolFileStem } from '#src/model/tool.ts';
import { toToolEntry, type ToolSummary } from './index.ts';

/**
 * One tool in the manifest: `[server id, tool name, category index, risk index, flags]`, with
 * flag 1 for an editor's classification and 2 for a removed tool. Tuples keep the manifest of a
 * 224,000-tool catalogue near 10 MB, so every build process can hold all of it.
 */
export type ManifestTool = [serverId: string, name: string, category: number, risk: number, flags: number];

/**
 * The small manifest of a checked catalogue: what pages that list everything (home, servers table,
 * browse pages, related tools, counts) need of every tool. Pages of a tool or a server also need
 * its record; those come from the build's slice.
 */
/**
 * One change to one tool's definition, from its record's `history`:
 * `[date, server id, tool name, kind (0 added, 1 changed, 2 removed), what changed]`. The change
 * feed is built from these, so it never needs every record.
 */
export type ManifestChange = [date: string, serverId: string, name: string, kind: number, summary: string[]];

export interface Manifest {
  tools: ManifestTool[];
  changes: ManifestChange[];
}

export function manifestOf(catalogue: Catalogue): Manifest {
  const changes: ManifestChange[] = [];
  const tools = catalogue.tools.map((t): ManifestTool => {
    const e = toToolEntry(t.id, t.data);
    const history = t.data.history;
    if (history) {
      changes.push([history.first_seen, e.serverId, e.name, 0, []]);
      for (const c of history.changes ?? []) changes.push([c.date, e.serverId, e.name, 1, c.summary]);
      if (history.removed) changes.push([history.removed, e.serverId, e.name, 2, []]);
    }
    return [
      e.serverId,
      e.name,
      CATEGORIES.indexOf(e.category),
      RISK_LEVELS.indexOf(e.risk),
      (e.overridden ? 1 : 0) | (e.removed ? 2 : 0),
    ];
  });
  return { tools, changes };
}

export function summariesOf(manifest: Manifest): ToolSummary[] {
  return manifest.tools.map(([serverId, name, category, risk, flags]) => ({
    // The record's id: its server folder and file stem (a leading `_` or `.` gets a `~`).
    id: `${serverId}/${toolFileStem(name)}`,
    name,
    serverId,
    category: CATEGORIES[category] as Category,
    risk: RISK_LEVELS[risk] as RiskLevel,
    overridden: (flags & 1) !== 0,
    removed: (flags & 2) !== 0,
  }));
}

/** A digest of the manifest: when it is unchanged, no list page, count or related link changed. */
export function manifestDigest(manifest: Manifest): string {
  return createHash('sha256').update(JSON.stringify(manifest)).digest('hex');
}
