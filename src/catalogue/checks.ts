import type { Catalogue } from './load.ts';
import type { Problem } from '../utils/zod-errors.ts';

/** One named cross-record check; each feeds the single report that fails a build. */
export interface CatalogueCheck {
  name: string;
  run(catalogue: Catalogue): Problem[];
}

export const crossRecordChecks: CatalogueCheck[] = [];
