import type { CatalogueIndex, ServerEntry, ToolEntry } from '#src/catalogue/index.ts';

/** The servers that hold most of a list of tools, largest share first, for a browse page's summary. */
export function serverBreakdown(
  tools: ToolEntry[],
  index: CatalogueIndex,
  limit = 8,
): { total: number; top: { server: ServerEntry; count: number }[]; servers: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const t of tools) {
    if (t.removed) continue;
    total++;
    counts.set(t.serverId, (counts.get(t.serverId) ?? 0) + 1);
  }
  const top = [...counts]
    .map(([id, count]) => ({ server: index.serverById.get(id)!, count }))
    .filter((e) => e.server)
    .sort((a, b) => b.count - a.count || a.server.record.name.localeCompare(b.server.record.name));
  return { total, top: top.slice(0, limit), servers: counts.size };
}
