import {
  categoryCounts,
  compareText,
  riskCounts,
  type CatalogueIndex,
  type ServerEntry,
  type ToolSummary,
} from '#src/catalogue/index.ts';
import type { Category, RiskLevel } from '#src/model/taxonomy.ts';

export interface HomeModel {
  liveTools: number;
  serverCount: number;
  risks: Record<RiskLevel, number>;
  categories: Record<Category, number>;
  /** The servers with the most Critical tools, then by name; at most 12. */
  topServers: { server: ServerEntry<ToolSummary>; live: number; critical: number }[];
}

export function homeModel(index: CatalogueIndex<ToolSummary>): HomeModel {
  const topServers = [...index.servers]
    .sort((a, b) => b.counts.byRisk.Critical - a.counts.byRisk.Critical || compareText(a.record.name, b.record.name))
    .slice(0, 12)
    .map((server) => ({
      server,
      live: server.tools.filter((t) => !t.removed).length,
      critical: server.counts.byRisk.Critical,
    }));
  return {
    liveTools: index.tools.filter((t) => !t.removed).length,
    serverCount: index.servers.length,
    risks: riskCounts(index),
    categories: categoryCounts(index),
    topServers,
  };
}
