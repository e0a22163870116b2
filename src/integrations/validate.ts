import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { parseYaml } from '#src/catalogue/load.ts';
import { validateCatalogue } from '#src/catalogue/validate.ts';
import { contentDir } from '#src/catalogue/paths.ts';
import { formatProblem } from '#src/model/problems.ts';

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
    const hint = '`npm run validate` checks every record the same way.';
    if (problems.length > 0) throw new AstroError(problems.map(formatProblem).join('\n'), hint);
    if (data === null || typeof data !== 'object' || Array.isArray(data))
      throw new AstroError(
        `${file}: a record must be a YAML mapping of fields, not ${data === null ? 'empty' : typeof data}.`,
        hint,
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
          const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
          logger.error(
            [`The catalogue in ${dir} has ${count}:`, ...problems.map((p) => `  ${formatProblem(p)}`)].join('\n'),
          );
          // The report goes through the logger, not into the error: Astro replaces an error's hint
          // with advice about browser APIs whenever its text says "window" or "document", which
          // policy messages often do (a limit's window).
          throw new AstroError(
            `The catalogue has ${count}, listed above, so nothing was built.`,
            'Fix them and build again; `npm run validate` runs the same checks without building. The /problems/ page of the site explains every code.',
          );
        }
        logger.info(
          `${catalogue.servers.length} servers, ${catalogue.tools.length} tools and every embedded policy are valid (${Math.round(performance.now() - started)} ms).`,
        );
      },
    },
  };
}
