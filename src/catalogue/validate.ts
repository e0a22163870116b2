import { listCatalogueFiles, loadFiles, type Catalogue, type CatalogueFiles } from './load.ts';
import type { Problem } from '#src/model/problems.ts';
import { crossRecordChecks } from './checks.ts';

/**
 * Every check that needs more than one record: servers and tools that refer to each other,
 * duplicates, attack pattern references, and every embedded policy run through the policy engine.
 */
export function checkCatalogue(catalogue: Catalogue): Problem[] {
  return crossRecordChecks.flatMap((check) => check.run(catalogue));
}

/**
 * Loads a content folder and runs every check on it: what `npm run build` and `npm run validate`
 * do. `files` is the list the checks saw, which is the list the site is built from.
 */
export function validateCatalogue(dir: string): { catalogue: Catalogue; files: CatalogueFiles; problems: Problem[] } {
  const files = listCatalogueFiles(dir);
  const { catalogue, problems } = loadFiles(dir, files);
  return { catalogue, files, problems: [...problems, ...checkCatalogue(catalogue)] };
}
