import results from '#src/classify/corpus/results.json' with { type: 'json' };
import { POISON_RULES } from '#src/classify/poisoning.ts';
import type { Miss, ModeScore, Ratio, ScoreReport, Split } from '#src/classify/score.ts';
import { CATEGORIES, CATEGORY_RISK, type Category } from '#src/model/taxonomy.ts';

/** What the /methodology/ page shows. Every figure comes from the results file, never typed in. */
export interface MethodologyModel {
  categories: { category: Category; risk: string; definition: string }[];
  poisonRules: { code: string; reason: string }[];
  halves: Record<Split, { servers: number; tools: number; kept: Ratio; stripped: Ratio; labellers: Ratio }>;
  test: {
    kept: ModeScore;
    stripped: ModeScore;
    poisonFlags: number;
  };
  confusionRows: { label: Category; counts: number[] }[];
  dangerousMisses: Miss[];
}

/** The category definitions the corpus was labelled by. */
export const CATEGORY_DEFINITIONS: Record<Category, string> = {
  Read: 'Retrieves and changes nothing.',
  Write: 'Creates or modifies, reversibly.',
  Execute:
    'Runs code, commands, queries or workflows, or sends messages and network actions whose effect depends on the arguments.',
  Destructive: 'Deletes or overwrites with no undo.',
  Financial:
    'Moves money or commits to spend: charges, refunds, payouts, invoices, subscriptions, credit notes, journal entries, orders, trades.',
};

export function methodologyModel(report: ScoreReport = results as ScoreReport): MethodologyModel {
  const test = report.test;
  const half = (split: Split) => ({
    servers: report[split].servers.length,
    tools: report[split].tools,
    kept: report[split].modes.kept.agreement,
    stripped: report[split].modes.stripped.agreement,
    labellers: report[split].labellers,
  });
  const dangerous = [...test.modes.kept.dangerousMisses, ...test.modes.stripped.dangerousMisses].filter(
    (m, i, all) => all.findIndex((o) => o.server === m.server && o.name === m.name) === i,
  );
  return {
    categories: CATEGORIES.map((category) => ({
      category,
      risk: CATEGORY_RISK[category],
      definition: CATEGORY_DEFINITIONS[category],
    })),
    poisonRules: POISON_RULES.map(({ code, reason }) => ({ code, reason })),
    halves: { tuning: half('tuning'), test: half('test') },
    test: { kept: test.modes.kept, stripped: test.modes.stripped, poisonFlags: test.poisonFlags.length },
    confusionRows: CATEGORIES.map((label) => ({
      label,
      counts: CATEGORIES.map((c) => test.modes.kept.confusion[label][c]),
    })),
    dangerousMisses: dangerous,
  };
}
