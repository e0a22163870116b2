import { z } from 'astro/zod';
import { CATEGORIES, RISK_LEVELS, type Category, type RiskLevel } from './levels.ts';

// The names themselves live in a module without zod, so browser code can import them alone.
export { CATEGORIES, RISK_LEVELS, type Category, type RiskLevel } from './levels.ts';

export const categorySchema = z.enum(CATEGORIES);
export const riskSchema = z.enum(RISK_LEVELS);

/** The risk level each category carries by default (POLICY-LANGUAGE.md, last table). */
export const CATEGORY_RISK: Record<Category, RiskLevel> = {
  Read: 'Low',
  Write: 'Medium',
  Execute: 'High',
  Destructive: 'Critical',
  Financial: 'Critical',
};

export function riskRank(risk: RiskLevel): number {
  return RISK_LEVELS.indexOf(risk);
}

export function categoryRank(category: Category): number {
  return CATEGORIES.indexOf(category);
}

/** URL slugs: lower-case forms used in /risk/<level>/ and /categories/<category>/. */
export const slugOf = (value: Category | RiskLevel): string => value.toLowerCase();

/** "a Read tool", "an Execute tool": the indefinite article a category or risk level takes. */
export const withArticle = (value: Category | RiskLevel): string => `${/^[AEIOU]/.test(value) ? 'an' : 'a'} ${value}`;

/**
 * Why an editor should check a tool's category, most urgent first (`reviewOf` in
 * src/classify/review.ts decides; `npm run review` lists them).
 */
export const REVIEW_REASONS = ['dangerous-sign', 'definition-changed', 'low-confidence', 'medium-confidence'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];
