import { loadCatalogue, type Catalogue } from './load.ts';
import type { Problem } from '#src/model/problems.ts';
import { crossRecordChecks } from './checks.ts';

/**
 * Every check that needs more than one record: servers and tools that refer to each other,
 * duplicates, attack pattern references, and every embedded policy run through the policy engine.
 */
export function checkCatalogue(catalogue: Catalogue): Problem[] {
  return crossRecordChecks.flatMap((check) => check.run(catalogue));
}

/** Loads a content folder and runs every check on it: what `npm run build` and `npm run validate` do. */
export function validateCatalogue(dir: string): { catalogue: Catalogue; problems: Problem[] } {
  const { catalogue, problems } = loadCatalogue(dir);
  return { catalogue, problems: [...problems, ...checkCatalogue(catalogue)] };
}
