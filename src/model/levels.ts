/**
 * The category and risk-level names as plain constants, with no schema library: browser code
 * (src/client/search-core.ts) imports them from here so its bundle does not carry zod.
 * src/model/taxonomy.ts re-exports them next to the schemas built from them.
 */

/** The five things a tool can do, from least to most dangerous. */
export const CATEGORIES = ['Read', 'Write', 'Execute', 'Destructive', 'Financial'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Risk levels, from least to most severe. */
export const RISK_LEVELS = ['Low', 'Medium', 'High', 'Critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
