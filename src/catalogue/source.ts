import { readFileSync } from 'node:fs';
import { deserialize } from 'node:v8';
import { AstroError } from 'astro/errors';
import { formatProblem, type Problem } from '#src/model/problems.ts';
import { loadFiles, type Catalogue, type CatalogueFiles } from './load.ts';
import { validateCatalogue } from './validate.ts';
import { manifestOf, type Manifest } from './manifest.ts';
import { contentDir } from './paths.ts';

/**
 * What one build process renders. `npm run build` checks the whole catalogue once, then renders
 * it in slices of whole servers, each in a fresh Astro process that reads only its slice's tool
 * records (plus every server record and the manifest). Written by scripts/lib/plan.ts; the
 * process finds it through `ATLAS_SLICE`.
 */
export interface SlicePlan {
  contentDir: string;
  /** 0-based; slice 0 also renders the pages that are not about one server (lists, guides). */
  index: number;
  count: number;
  /** The files the checks saw: every server, attack pattern and page, and this slice's tools. */
  files: CatalogueFiles;
  /** The servers whose pages this slice renders. */
  servers: string[];
  manifestFile: string;
  /** Every server record, as the plan step checked them (JSON). */
  serversFile?: string;
  /** Each server's tool records as the plan step checked them (V8 serialisation), by server id. */
  recordFiles?: Record<string, string>;
}

export interface CatalogueSource {
  contentDir: string;
  /** The records this process renders from, read once and checked. */
  catalogue: Catalogue;
  files: CatalogueFiles;
  manifest: Manifest;
  slice: { index: number; count: number; servers: Set<string> | 'all' };
}

export const PROBLEM_HINT =
  'Fix what the report lists and build again; `npm run validate` runs the same checks without building. The /problems/ page of the site explains every code.';

/**
 * Thrown so that the build stops. The report itself is printed before, not put in the error:
 * Astro replaces an error's hint with advice about browser APIs whenever its text says "window" or
 * "document", which policy messages often do (a limit's window).
 */
export class CatalogueError extends AstroError {
  readonly report: string;
  constructor(report: string, count: number) {
    super(
      `The catalogue has ${count} problem${count === 1 ? '' : 's'}, listed above, so nothing was built.`,
      PROBLEM_HINT,
    );
    this.name = 'CatalogueError';
    this.report = report;
  }
}

export function problemReport(dir: string, problems: Problem[]): string {
  return [
    `The catalogue in ${dir} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`,
    ...problems.map((p) => `  ${formatProblem(p)}`),
  ].join('\n');
}

function fail(report: string, count: number): never {
  console.error(report);
  throw new CatalogueError(report, count);
}

function load(): CatalogueSource {
  const planFile = process.env.ATLAS_SLICE;
  if (planFile) {
    const plan = JSON.parse(readFileSync(planFile, 'utf8')) as SlicePlan;
    // The plan step wrote the records it checked; the slice reads them rather than parse and
    // validate the YAML again. Patterns and pages (a few files) are read here.
    const { catalogue, problems } = loadFiles(
      plan.contentDir,
      plan.serversFile && plan.recordFiles ? { ...plan.files, servers: [], tools: [] } : plan.files,
    );
    if (plan.serversFile && plan.recordFiles) {
      catalogue.servers = JSON.parse(readFileSync(plan.serversFile, 'utf8')) as Catalogue['servers'];
      catalogue.tools = plan.servers.flatMap((s) =>
        plan.recordFiles![s] ? (deserialize(readFileSync(plan.recordFiles![s])) as Catalogue['tools']) : [],
      );
    }
    // The plan step checked these very files; a problem now means they changed since.
    if (problems.length > 0)
      fail(
        `${problemReport(plan.contentDir, problems)}\nThe files changed after the build checked them; build again.`,
        problems.length,
      );
    return {
      contentDir: plan.contentDir,
      catalogue,
      files: plan.files,
      manifest: JSON.parse(readFileSync(plan.manifestFile, 'utf8')) as Manifest,
      slice: { index: plan.index, count: plan.count, servers: new Set(plan.servers) },
    };
  }
  const dir = contentDir();
  const { catalogue, files, problems } = validateCatalogue(dir);
  if (problems.length > 0) fail(problemReport(dir, problems), problems.length);
  return {
    contentDir: dir,
    catalogue,
    files,
    manifest: manifestOf(catalogue),
    slice: { index: 0, count: 1, servers: 'all' },
  };
}

/** True in a slice of `npm run build` (scripts/build.ts), which names its plan in ATLAS_SLICE. */
export const slicedBuild = () => Boolean(process.env.ATLAS_SLICE);

/**
 * The catalogue, read and checked once per process. Astro evaluates the content config in its own
 * module graph, so the one copy is kept on `globalThis` rather than in this module.
 */
const KEY = Symbol.for('policy-atlas.catalogue-source');
export function catalogueSource(): CatalogueSource {
  const holder = globalThis as { [KEY]?: CatalogueSource };
  holder[KEY] ??= load();
  return holder[KEY];
}
