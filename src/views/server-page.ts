import { printPolicy } from '#src/policy/index.ts';
import type { CatalogueIndex, ServerEntry, ToolEntry, ToolSummary } from '#src/catalogue/index.ts';
import type { SiteIndex } from './site-data.ts';
import { serverPolicyFor } from '#src/catalogue/policies.ts';
import { highlightJson } from './highlight.ts';
import { definitionText } from './tool-view.ts';
import { estimateTokens, plural } from '#src/model/text.ts';
import { riskRank } from '#src/model/taxonomy.ts';
import { REVIEW_REASONS, reviewOf, type ReviewReason } from '#src/classify/review.ts';

export interface ServerPageModel {
  server: ServerEntry<ToolSummary>;
  live: ToolEntry[];
  removed: ToolEntry[];
  riskiest: ToolEntry[];
  /** Live tools of the review queue (`reviewOf`): the verdicts no editor has checked yet, most urgent first. */
  unchecked: { tool: ToolEntry; reason: ReviewReason }[];
  tokens: { total: number; largest?: { tool: ToolEntry; tokens: number } };
  policy: { json: string; html: string };
  serverCount: number;
}

/** The canonical text of a server's full policy: the page, the download and the checks share it. */
/** A rendered server with its tools' records: what its JSON, Markdown and Cedar documents read. */
export function serverWithRecords(
  server: ServerEntry<ToolSummary>,
  index: Pick<SiteIndex, 'toolById'>,
): ServerEntry<ToolEntry> {
  return { ...server, tools: toolsWithRecords(server, index) };
}

/** A rendered server's tools with their records, in the index's order. */
export function toolsWithRecords(server: ServerEntry<ToolSummary>, index: Pick<SiteIndex, 'toolById'>): ToolEntry[] {
  return server.tools.map((t) => {
    const full = index.toolById.get(t.id);
    if (!full) throw new Error(`The record of ${t.id} is not in this build's slice.`);
    return full;
  });
}

export function serverPolicyJson(tools: ToolEntry[]): string {
  return printPolicy(serverPolicyFor(tools));
}

/** What the server page says of its unchecked verdicts (`ServerPageModel.unchecked`, not empty). */
export function uncheckedNote(unchecked: readonly { reason: ReviewReason }[]): string {
  const count = (reason: ReviewReason) => unchecked.filter((u) => u.reason === reason).length;
  const dangerous = count('dangerous-sign');
  const changed = count('definition-changed');
  const unsure = unchecked.length - dangerous - changed;
  const parts: string[] = [];
  if (dangerous > 0)
    parts.push(`the text of ${dangerous} reads like a Destructive or Financial tool under a lower verdict`);
  if (changed > 0)
    parts.push(
      `the server changed ${changed === 1 ? 'the definition of 1' : `the definitions of ${changed}`} after an editor set ${changed === 1 ? 'its' : 'their'} category`,
    );
  if (unsure > 0)
    parts.push(
      `the classifier was unsure of ${parts.length > 0 ? `${unsure} other${unsure === 1 ? '' : 's'}` : unsure === 1 ? 'it' : 'them'}`,
    );
  const listed = new Intl.ListFormat('en').format(parts);
  const verb = unchecked.length === 1 ? 'carries' : 'carry';
  const checked =
    changed > 0 ? "no editor has checked against the server's current definition" : 'no editor has checked';
  return `${plural(unchecked.length, 'tool')} here ${verb} a category that ${checked} and that may be wrong: ${listed}. The policy for the whole server follows these categories: look at their signals before you adopt it.`;
}

export async function serverPageModel(server: ServerEntry<ToolSummary>, index: SiteIndex): Promise<ServerPageModel> {
  const tools = toolsWithRecords(server, index);
  const live = tools.filter((t) => !t.removed);
  const top = live.length ? riskRank(live[0]!.risk) : -1;
  // The riskiest tools: every tool at the highest level present, or the High ones too when Critical ones exist.
  const riskiest = live.filter((t) => riskRank(t.risk) >= Math.max(top - 1, riskRank('High')));
  let total = 0;
  let largest: ServerPageModel['tokens']['largest'];
  for (const t of live) {
    const n = estimateTokens(definitionText(t));
    total += n;
    if (!largest || n > largest.tokens) largest = { tool: t, tokens: n };
  }
  const json = serverPolicyJson(tools);
  return {
    server,
    live,
    removed: tools.filter((t) => t.removed),
    riskiest,
    unchecked: live
      .flatMap((tool) => {
        const item = reviewOf(tool.record);
        return item ? [{ tool, reason: item.reason }] : [];
      })
      .sort((a, b) => REVIEW_REASONS.indexOf(a.reason) - REVIEW_REASONS.indexOf(b.reason)),
    tokens: { total, ...(largest ? { largest } : {}) },
    policy: { json, html: await highlightJson(json) },
    serverCount: index.servers.length,
  };
}

/** One row of the servers table: a server, its live tool count and its Critical tool count. */
export interface ServerRow {
  server: ServerEntry<ToolSummary>;
  live: number;
  critical: number;
}

/** The servers table's rows, in the index's name order, which is the order without JavaScript. */
export function serverRows(index: CatalogueIndex<ToolSummary>): ServerRow[] {
  return index.servers.map((server) => ({
    server,
    live: server.tools.filter((t) => !t.removed).length,
    critical: server.counts.byRisk.Critical,
  }));
}
