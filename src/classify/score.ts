import { CATEGORIES, CATEGORY_RISK, riskRank, type Category, type RiskLevel } from '#src/model/taxonomy.ts';
import type { Classification, ToolDefinition } from '#src/model/tool.ts';
import { classify } from './engine.ts';
import { detectPoisoning } from './poisoning.ts';
import { reviewOf } from './review.ts';

/**
 * Scoring the classifier against the hand-labelled corpus (src/classify/corpus/). Pure: the caller
 * loads the labels and the definitions; this module classifies every tool twice (annotations kept,
 * annotations stripped) and counts.
 */

export const SPLITS = ['tuning', 'test'] as const;
export type Split = (typeof SPLITS)[number];
export const MODES = ['kept', 'stripped'] as const;
export type Mode = (typeof MODES)[number];
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
type Confidence = Classification['confidence'];

/** One labelled tool with the definition its server lists. */
export interface LabelledTool {
  server: string;
  split: Split;
  name: string;
  label: Category;
  note?: string;
  /** How many labellers labelled the tool blind: 1, or 2 with a third settling any difference. */
  labellers: 1 | 2;
  /** Where two blind labels differed: the first and the second; `label` is the settled one. */
  blind?: readonly [Category, Category];
  definition: ToolDefinition;
  /** Every tool name of the same server, this one included. */
  siblings: readonly string[];
}

export interface Ratio {
  agree: number;
  total: number;
  /** Percent with one decimal, 0 when total is 0. */
  percent: number;
}

export interface Miss {
  server: string;
  name: string;
  label: Category;
  category: Category;
  risk: RiskLevel;
  confidence: Confidence;
}

/**
 * Why a verdict differs from its label, in the order checked, each tool counted once: the two blind
 * labellers split between the label and the verdict; the label's note names the verdict's category
 * (the labeller weighed it and chose the other); the text gave the classifier nothing to go on; the
 * annotations moved the verdict off what the text said; or none of these.
 */
export const DISAGREEMENT_KINDS = ['labellersSplit', 'noteNamesVerdict', 'noEvidence', 'annotations', 'other'] as const;
export type DisagreementKind = (typeof DISAGREEMENT_KINDS)[number];

export interface ModeScore {
  agreement: Ratio;
  /** Agreement with the first labeller's label alone, before any difference was settled. */
  firstLabels: Ratio;
  /** Agreement on the tools labelled twice where both labellers chose the same label. */
  whereLabellersAgree: Ratio;
  /** confusion[label][predicted] = number of tools. */
  confusion: Record<Category, Record<Category, number>>;
  perServer: Record<string, Ratio>;
  perConfidence: Record<Confidence, Ratio>;
  /** Tools labelled Destructive or Financial whose risk came out below Critical. */
  dangerousMisses: Miss[];
  /** Tools labelled Read that came out High or Critical. */
  readRatedHigh: Miss[];
  /** Every disagreement, in corpus order. */
  disagreements: Miss[];
  /** The disagreements by kind (DISAGREEMENT_KINDS). */
  disagreementKinds: Record<DisagreementKind, number>;
  /**
   * The review queue (`reviewOf`, what `npm run review` lists) on this split: how many tools it
   * holds and how many of the disagreements and dangerous misses are among them; `afterReview` is
   * the agreement once an editor has settled every queued tool as its label says.
   */
  reviewQueue: { tools: number; disagreements: number; dangerousMisses: number; afterReview: Ratio };
}

export interface SplitScore {
  servers: string[];
  tools: number;
  modes: Record<Mode, ModeScore>;
  /** How often two labellers, blind to each other, chose the same category, over the tools labelled twice. */
  labellers: Ratio;
  /** Real tools with a poisoning flag: every one is a false flag, since no real tool here is poisoned. */
  poisonFlags: { server: string; name: string; codes: string[]; fields: string[] }[];
}

export type ScoreReport = Record<Split, SplitScore>;

export function ratio(agree: number, total: number): Ratio {
  return { agree, total, percent: total === 0 ? 0 : Math.round((agree / total) * 1000) / 10 };
}

/** A tool labelled Destructive or Financial (Critical by category) whose verdict's risk is lower. */
export function isDangerousMiss(label: Category, risk: RiskLevel): boolean {
  return riskRank(CATEGORY_RISK[label]) === riskRank('Critical') && riskRank(risk) < riskRank('Critical');
}

function emptyConfusion(): Record<Category, Record<Category, number>> {
  return Object.fromEntries(CATEGORIES.map((l) => [l, Object.fromEntries(CATEGORIES.map((p) => [p, 0]))])) as Record<
    Category,
    Record<Category, number>
  >;
}

/** The definition as if its server declared no annotations. */
export function stripAnnotations(definition: ToolDefinition): ToolDefinition {
  const copy = { ...definition };
  delete copy.annotations;
  return copy;
}

function scoreMode(tools: readonly LabelledTool[], mode: Mode): ModeScore {
  const confusion = emptyConfusion();
  const perServerCounts = new Map<string, [number, number]>();
  const perConfidenceCounts: Record<Confidence, [number, number]> = { high: [0, 0], medium: [0, 0], low: [0, 0] };
  const dangerousMisses: Miss[] = [];
  const readRatedHigh: Miss[] = [];
  const disagreements: Miss[] = [];
  const disagreementKinds = Object.fromEntries(DISAGREEMENT_KINDS.map((k) => [k, 0])) as Record<
    DisagreementKind,
    number
  >;
  const queue = { tools: 0, disagreements: 0, dangerousMisses: 0 };
  let agree = 0;
  let agreeFirst = 0;
  let agreeSettled = 0;
  let settled = 0;
  for (const tool of tools) {
    const definition = mode === 'kept' ? tool.definition : stripAnnotations(tool.definition);
    const result = classify({ name: tool.name, definition, siblings: tool.siblings });
    const ok = result.category === tool.label;
    if (ok) agree += 1;
    if (result.category === (tool.blind?.[0] ?? tool.label)) agreeFirst += 1;
    if (tool.labellers === 2 && !tool.blind) {
      settled += 1;
      if (ok) agreeSettled += 1;
    }
    confusion[tool.label][result.category] += 1;
    const server = perServerCounts.get(tool.server) ?? [0, 0];
    server[0] += ok ? 1 : 0;
    server[1] += 1;
    perServerCounts.set(tool.server, server);
    perConfidenceCounts[result.confidence][0] += ok ? 1 : 0;
    perConfidenceCounts[result.confidence][1] += 1;
    const miss: Miss = {
      server: tool.server,
      name: tool.name,
      label: tool.label,
      category: result.category,
      risk: result.risk,
      confidence: result.confidence,
    };
    const queued = reviewOf({ classification: result }) !== undefined;
    if (queued) queue.tools += 1;
    if (!ok) {
      disagreements.push(miss);
      disagreementKinds[disagreementKind(tool, result)] += 1;
      if (queued) queue.disagreements += 1;
    }
    if (isDangerousMiss(tool.label, result.risk)) {
      dangerousMisses.push(miss);
      if (queued) queue.dangerousMisses += 1;
    }
    if (tool.label === 'Read' && riskRank(result.risk) >= riskRank('High')) readRatedHigh.push(miss);
  }
  const perServer = Object.fromEntries(
    [...perServerCounts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([s, [a, t]]) => [s, ratio(a, t)]),
  );
  const perConfidence = Object.fromEntries(
    CONFIDENCES.map((c) => [c, ratio(perConfidenceCounts[c][0], perConfidenceCounts[c][1])]),
  ) as Record<Confidence, Ratio>;
  return {
    agreement: ratio(agree, tools.length),
    firstLabels: ratio(agreeFirst, tools.length),
    whereLabellersAgree: ratio(agreeSettled, settled),
    confusion,
    perServer,
    perConfidence,
    dangerousMisses,
    readRatedHigh,
    disagreements,
    disagreementKinds,
    reviewQueue: { ...queue, afterReview: ratio(agree + queue.disagreements, tools.length) },
  };
}

function disagreementKind(
  tool: LabelledTool,
  result: { category: Category; textCategory: Category | null },
): DisagreementKind {
  if (tool.blind?.includes(result.category)) return 'labellersSplit';
  if (tool.note !== undefined && new RegExp(`\\b${result.category}\\b`).test(tool.note)) return 'noteNamesVerdict';
  if (result.textCategory === null) return 'noEvidence';
  if (result.textCategory !== result.category) return 'annotations';
  return 'other';
}

/** Scores every split in both modes. Tools are taken in the order given. */
export function scoreCorpus(tools: readonly LabelledTool[]): ScoreReport {
  const report = {} as ScoreReport;
  for (const split of SPLITS) {
    const inSplit = tools.filter((t) => t.split === split);
    const poisonFlags = inSplit.flatMap((t) => {
      const flags = detectPoisoning(t.definition);
      return flags.length === 0
        ? []
        : [
            {
              server: t.server,
              name: t.name,
              codes: [...new Set(flags.map((f) => f.code))],
              fields: [...new Set(flags.map((f) => f.field))],
            },
          ];
    });
    const twice = inSplit.filter((t) => t.labellers === 2);
    report[split] = {
      servers: [...new Set(inSplit.map((t) => t.server))].sort(),
      tools: inSplit.length,
      modes: { kept: scoreMode(inSplit, 'kept'), stripped: scoreMode(inSplit, 'stripped') },
      labellers: ratio(twice.filter((t) => !t.blind).length, twice.length),
      poisonFlags,
    };
  }
  return report;
}
