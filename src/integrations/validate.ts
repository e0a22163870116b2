import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { parseYaml } from '#src/catalogue/load.ts';
import { validateCatalogue } from '#src/catalogue/validate.ts';
import { contentDir } from '#src/catalogue/paths.ts';
import { formatProblem } from '#src/model/problems.ts';

/** Thrown so that Astro stops the build; its message is the whole report. */
export class CatalogueError extends Error {
  constructor(report: string) {
    super(report);
    this.name = 'CatalogueError';
    this.stack = report; // the report is the message; a stack trace would only hide it
  }
}

/**
 * YAML records as Astro's content layer reads them: through the project's own reader, so the
 * site sees exactly what the validator checked and the same limits apply (an alias bomb is
 * refused, not expanded; `__proto__` stays a key). Registered after Astro's built-in YAML type,
 * which it replaces for `.yaml` and `.yml`.
 */
export const yamlDataEntryType = {
  extensions: ['.yaml', '.yml'],
  getEntryInfo({ contents, fileUrl }: { contents: string; fileUrl: URL }): {
    data: Record<string, unknown>;
    rawData: string;
  } {
    const file = relative(process.cwd(), fileURLToPath(fileUrl)) || fileURLToPath(fileUrl);
    const { data, problems } = parseYaml(contents, file);
    if (problems.length > 0) throw new CatalogueError(problems.map(formatProblem).join('\n'));
    if (data === null || typeof data !== 'object' || Array.isArray(data))
      throw new CatalogueError(
        `${file}: a record must be a YAML mapping of fields, not ${data === null ? 'empty' : typeof data}.`,
      );
    return { data: data as Record<string, unknown>, rawData: contents };
  },
};

/** Astro passes this hook to integrations without declaring it in its public types. */
type DataEntryHook = { addDataEntryType?: (type: typeof yamlDataEntryType) => void };

/**
 * Runs every record schema and every policy check before Astro starts on the content, and
 * fails the build with one report listing each problem as file, path, code and message.
 */
export default function validateIntegration(): AstroIntegration {
  return {
    name: 'policy-atlas:validate',
    hooks: {
      'astro:config:setup': (params) => {
        (params as unknown as DataEntryHook).addDataEntryType?.(yamlDataEntryType);
        const { command, logger } = params;
        if (command !== 'build') return;
        const dir = contentDir();
        const started = performance.now();
        const { catalogue, problems } = validateCatalogue(dir);
        if (problems.length > 0) {
          const report = [
            `The catalogue in ${dir} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`,
            ...problems.map((p) => `  ${formatProblem(p)}`),
            'Fix them and build again; `npm run validate` runs the same checks without building.',
          ].join('\n');
          throw new CatalogueError(report);
        }
        logger.info(
          `${catalogue.servers.length} servers, ${catalogue.tools.length} tools and every embedded policy are valid (${Math.round(performance.now() - started)} ms).`,
        );
      },
    },
  };
}
