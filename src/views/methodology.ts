import results from '#src/classify/corpus/results.json' with { type: 'json' };
import { POISON_RULES } from '#src/classify/poisoning.ts';
import {
  DISAGREEMENT_KINDS,
  type DisagreementKind,
  type Miss,
  type ModeScore,
  type Ratio,
  type ScoreReport,
  type Split,
} from '#src/classify/score.ts';
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
  /** The test half's disagreements by kind, annotations kept and stripped. */
  disagreementRows: { kind: DisagreementKind; text: string; kept: number; stripped: number }[];
  dangerousMisses: Miss[];
}

/** What each kind of disagreement means, in the order the scoring checks them. */
export const DISAGREEMENT_TEXT: Record<DisagreementKind, string> = {
  labellersSplit: 'The two blind labellers split between the label and the verdict; a third chose the label.',
  noteNamesVerdict: 'The label’s note names the verdict’s category as the other choice the labeller weighed.',
  noEvidence: 'The text says nothing the classifier reads, so it fell back on Write or the annotations alone.',
  annotations: 'The annotations moved the verdict off what the text said.',
  other:
    'None of these: a word the classifier lacks, a wrong verb or object, or a reading of the product it cannot know.',
};

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
    disagreementRows: DISAGREEMENT_KINDS.map((kind) => ({
      kind,
      text: DISAGREEMENT_TEXT[kind],
      kept: test.modes.kept.disagreementKinds[kind],
      stripped: test.modes.stripped.disagreementKinds[kind],
    })),
    dangerousMisses: dangerous,
  };
}
