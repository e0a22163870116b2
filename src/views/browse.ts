import type { Page, PaginateFunction } from 'astro';
import { compareText, type CatalogueIndex, type ServerEntry, type ToolSummary } from '#src/catalogue/index.ts';
import { CATEGORIES, CATEGORY_RISK, RISK_LEVELS, slugOf, type Category, type RiskLevel } from '#src/model/taxonomy.ts';
import { categoryUrl, riskUrl } from './urls.ts';

/** About 100 rows keeps each browse page light even when a group holds tens of thousands of tools. */
export const BROWSE_PAGE_SIZE = 100;

/** One browse list: every live tool at a risk level, or in a category. */
export type BrowseGroup =
  | { kind: 'risk'; value: RiskLevel; first: string; title: string; others: { label: string; href: string }[] }
  | {
      kind: 'category';
      value: Category;
      first: string;
      title: string;
      /** The risk a tool of this category carries unless an editor judged otherwise. */
      risk: RiskLevel;
      others: { label: string; href: string }[];
    };

export function browseGroup(kind: 'risk', value: RiskLevel): BrowseGroup;
export function browseGroup(kind: 'category', value: Category): BrowseGroup;
export function browseGroup(kind: 'risk' | 'category', value: RiskLevel | Category): BrowseGroup {
  if (kind === 'risk') {
    const level = value as RiskLevel;
    return {
      kind,
      value: level,
      first: riskUrl(level),
      title: `${level} risk tools`,
      others: RISK_LEVELS.toReversed()
        .filter((r) => r !== level)
        .map((r) => ({ label: r, href: riskUrl(r) })),
    };
  }
  const category = value as Category;
  return {
    kind,
    value: category,
    first: categoryUrl(category),
    title: `${category} tools`,
    risk: CATEGORY_RISK[category],
    others: CATEGORIES.filter((c) => c !== category).map((c) => ({ label: c, href: categoryUrl(c) })),
  };
}

/** Props of one browse page: Astro's page of tools and the group it belongs to. */
export interface BrowseProps {
  page: Page<ToolSummary>;
  group: BrowseGroup;
}

/**
 * The static paths behind /risk/<level>/[n/] and /categories/<category>/[n/]: one paginated
 * list per group, under the route's parameter name.
 */
export function browsePaths(
  kind: 'risk' | 'category',
  index: CatalogueIndex<ToolSummary> & { ownsGlobals: boolean },
  paginate: PaginateFunction,
) {
  // Lists of the whole catalogue are rendered once, by the first slice of a sliced build.
  if (!index.ownsGlobals) return [];
  const values: readonly (RiskLevel | Category)[] = kind === 'risk' ? RISK_LEVELS : CATEGORIES;
  const param = kind === 'risk' ? 'level' : 'category';
  return values.flatMap((value) => {
    const tools = kind === 'risk' ? index.byRisk.get(value as RiskLevel) : index.byCategory.get(value as Category);
    const group =
      kind === 'risk' ? browseGroup('risk', value as RiskLevel) : browseGroup('category', value as Category);
    return paginate(tools ?? [], { params: { [param]: slugOf(value) }, props: { group }, pageSize: BROWSE_PAGE_SIZE });
  });
}

/** Page links of a pager: the first, the last and two either side of the current one. */
export function pagerNumbers(current: number, last: number): number[] {
  return Array.from({ length: last }, (_, i) => i + 1).filter(
    (n) => n === 1 || n === last || Math.abs(n - current) <= 2,
  );
}

/** Page n of a list whose first page is `first`; made here so it always ends in a slash. */
export const pageUrl = (first: string, n: number) => (n === 1 ? first : `${first}${n}/`);

/** The servers that hold most of a list of tools, largest share first, for a browse page's summary. */
export function serverBreakdown(
  tools: ToolSummary[],
  index: CatalogueIndex<ToolSummary>,
  limit = 8,
): { total: number; top: { server: ServerEntry<ToolSummary>; count: number }[]; servers: number } {
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
    .sort((a, b) => b.count - a.count || compareText(a.server.record.name, b.server.record.name));
  return { total, top: top.slice(0, limit), servers: counts.size };
}
