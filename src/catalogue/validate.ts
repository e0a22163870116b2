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
 * Every check on one server: `catalogue` holds that server's tools with every server record and
 * attack pattern beside them, and `server` is its record, if it has one; a check that looks at one
 * server at a time sees that record alone. What it finds is in the server's own files, so a catalogue
 * is checked server by server in linear time: the build does so, and so does an import, however many
 * servers it imports.
 */
export function checkServer(catalogue: Catalogue, server: Catalogue['servers'][number] | undefined): Problem[] {
  const alone: Catalogue = { ...catalogue, servers: server ? [server] : [] };
  return crossRecordChecks.flatMap((check) => check.run(check.perServer ? alone : catalogue));
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
