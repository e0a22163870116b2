import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { validateCatalogue } from '#src/catalogue/validate.ts';
import { contentDir } from '#src/catalogue/paths.ts';
import { formatProblem } from '#src/model/problems.ts';

/**
 * Runs every record schema and every policy check before Astro starts on the content, and
 * fails the build with one report listing each problem as file, path, code and message.
 */
export default function validateIntegration(): AstroIntegration {
  return {
    name: 'policy-atlas:validate',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        if (command !== 'build') return;
        const dir = contentDir();
        const started = performance.now();
        const { catalogue, problems } = validateCatalogue(dir);
        if (problems.length > 0) {
          // Astro prints an AstroError as its message, then the hint, then a short stack.
          const report = [
            `The catalogue in ${dir} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`,
            ...problems.map((p) => `  ${formatProblem(p)}`),
          ].join('\n');
          throw new AstroError(
            report,
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
