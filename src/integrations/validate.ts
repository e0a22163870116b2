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
