import { hashDefinition } from '#src/model/canonical.ts';
import {
  CATEGORIES,
  CATEGORY_RISK,
  REVIEW_REASONS,
  type Category,
  type ReviewReason,
  type RiskLevel,
} from '#src/model/taxonomy.ts';
import type { Evidence, ToolRecord } from '#src/model/tool.ts';

/**
 * The review queue: the tools whose category an editor should check before the catalogue's
 * readers rely on it. Measured on the labelled sets, the classifier is wrong far more often on
 * these tools than on the rest, so an editor's hour spent here fixes the most pages.
 *
 * A tool leaves the queue when an editor writes `editorial.category` (the classifier's own
 * category to confirm it, another to correct it), or when its server stops listing it. It comes
 * back when the server changes a definition an editor had checked (`editorial.checked`).
 */

export { REVIEW_REASONS, type ReviewReason };

export const REVIEW_REASON_TEXT: Record<ReviewReason, string> = {
  'dangerous-sign': 'may be Destructive or Financial',
  'definition-changed': 'changed since an editor checked it',
  'low-confidence': 'low confidence',
  'medium-confidence': 'medium confidence',
};

const DANGEROUS: readonly Category[] = ['Destructive', 'Financial'];

/** A category the evidence argued for besides the verdict, with the first signal that did. */
export interface ReviewAlternative {
  category: Category;
  evidence: Evidence;
}

export interface ReviewItem {
  reason: ReviewReason;
  /** The tool's category as the site shows it: the editor's for a changed definition, else the classifier's. */
  category: Category;
  risk: RiskLevel;
  confidence: ToolRecord['classification']['confidence'];
  /** Other categories the definition's signals argued for, in the order of CATEGORIES. */
  alternatives: ReviewAlternative[];
  /** For a dangerous sign: the category (Destructive or Financial) the tool's own text argued for. */
  sign?: Category;
}

/** The categories other than `category` that some evidence suggests, each with its first signal. */
export function alternativesOf(evidence: readonly Evidence[], category: Category): ReviewAlternative[] {
  const first = new Map<Category, Evidence>();
  for (const e of evidence) if (e.suggests !== category && !first.has(e.suggests)) first.set(e.suggests, e);
  return CATEGORIES.filter((c) => first.has(c)).map((c) => ({ category: c, evidence: first.get(c)! }));
}

/**
 * Whether an editor's category was decided on another definition than the current one (whose
 * hash `currentHash` gives, asked only when there is something to compare): only a decision that
 * recorded its definition (`editorial.checked`, written by `npm run review -- --set`) can be known
 * to be stale; a category set by hand without it stays.
 */
export function decisionIsStale(editorial: ToolRecord['editorial'], currentHash: () => string): boolean {
  return editorial?.category !== undefined && editorial.checked !== undefined && editorial.checked !== currentHash();
}

/**
 * Whether a tool waits for an editor, and why; undefined when its server no longer lists it, when
 * an editor has set its category (and the definition is still the one they checked), or when the
 * classifier was sure and nothing in the definition pointed to a more dangerous category.
 */
export function reviewOf(
  record: Pick<ToolRecord, 'classification'> & Partial<Pick<ToolRecord, 'editorial' | 'history' | 'definition'>>,
): ReviewItem | undefined {
  if (record.history?.removed !== undefined) return undefined;
  const { confidence, evidence } = record.classification;
  const decided = record.editorial?.category;
  if (decided !== undefined) {
    const { definition } = record;
    if (definition === undefined || !decisionIsStale(record.editorial, () => hashDefinition(definition)))
      return undefined;
    const risk = record.editorial?.risk ?? CATEGORY_RISK[decided];
    return {
      reason: 'definition-changed',
      category: decided,
      risk,
      confidence,
      alternatives: alternativesOf(evidence, decided),
    };
  }
  const { category } = record.classification;
  const risk = record.editorial?.risk ?? record.classification.risk;
  const alternatives = alternativesOf(evidence, category);
  // A policy made for a lower risk lets a destructive or money-moving call through: the costliest
  // mistake. Only the tool's own text counts here. A destructiveHint alone was seldom right on the
  // labelled sets (the MCP default is true), so such a tool waits with its confidence level.
  const sign =
    risk === 'Critical' ? undefined : evidence.find((e) => e.source !== 'annotation' && DANGEROUS.includes(e.suggests));
  if (sign) return { reason: 'dangerous-sign', category, risk, confidence, alternatives, sign: sign.suggests };
  if (confidence === 'high') return undefined;
  return { reason: `${confidence}-confidence`, category, risk, confidence, alternatives };
}

/** Queue order: by reason, then by id, so that an editor works through one server at a time. */
export function compareReview(a: { id: string; item: ReviewItem }, b: { id: string; item: ReviewItem }): number {
  return (
    REVIEW_REASONS.indexOf(a.item.reason) - REVIEW_REASONS.indexOf(b.item.reason) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
