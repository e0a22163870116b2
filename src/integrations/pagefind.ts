import type { AstroIntegration } from 'astro';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A page is searchable when its layout says what kind of page it is (tool, server, guide, attack
 * pattern) with `data-pagefind-meta="kind"`. Browse lists, the home page, the search page and
 * contact pages carry no kind, so their text never crowds out the pages people are looking for.
 */
export const SEARCHABLE_MARKER = 'data-pagefind-meta="kind"';

/**
 * Left out of the index: hidden elements, badges, and parts of a page that repeat what it already
 * says or say the same on every page (the policy JSON and its steps, the FAQ, the classifier's
 * evidence, which quotes the description, the history, the category's attack patterns, the server
 * page's tool table, counts and calls to action). Leaving them out keeps results about what a tool does, and halves both the
 * index and the memory Pagefind needs to build it (it holds the whole index in memory).
 */
export const EXCLUDE_SELECTORS = [
  // Hidden spans carry filters and meta (Pagefind still reads those) but are not page text.
  '[hidden]',
  // The risk and category badges: the filters cover them, and in excerpts they read as noise.
  '.badges',
  '.policy-block',
  '.steps',
  '.faq',
  '.evidence',
  '.history',
  'section[aria-labelledby="attacks"]',
  'table.tools-table',
  '.counts',
  '.cta',
];

/** Pagefind's own UI bundles, which this site does not use (its search panel calls the JS API). */
const UNUSED_FILES = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-highlight.js',
];

/** Pages sent to Pagefind at once; enough to keep its indexer busy without holding the site in memory. */
const BATCH = 64;

async function* htmlFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === '_astro' || entry.name === 'pagefind') continue;
      yield* htmlFiles(path);
    } else if (entry.name.endsWith('.html')) {
      yield path;
    }
  }
}

async function dirSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? await dirSize(path) : (await stat(path)).size;
  }
  return total;
}

/**
 * Builds the Pagefind index with its Node API once Astro has written every page, into
 * `<static output>/pagefind/`, so the index always matches the pages it points to and never
 * lives in `public/` or in git.
 */
export default function pagefindIntegration(): AstroIntegration {
  return {
    name: 'policy-atlas:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        // For a static build with the Node adapter, `dir` is the client (static files) folder.
        const root = fileURLToPath(dir);
        const started = performance.now();
        const pagefind = await import('pagefind');
        const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: EXCLUDE_SELECTORS });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        try {
          let pages = 0;
          let batch: Promise<void>[] = [];
          const add = async (file: string) => {
            const content = await readFile(file, 'utf8');
            if (!content.includes(SEARCHABLE_MARKER)) return;
            const res = await index.addHTMLFile({ sourcePath: relative(root, file).split(sep).join('/'), content });
            if (res.errors.length > 0) throw new Error(`Pagefind could not index ${file}: ${res.errors.join('; ')}`);
            pages += 1;
          };
          for await (const file of htmlFiles(root)) {
            batch.push(add(file));
            if (batch.length >= BATCH) {
              await Promise.all(batch);
              batch = [];
            }
          }
          await Promise.all(batch);
          const outputPath = join(root, 'pagefind');
          await rm(outputPath, { recursive: true, force: true });
          const written = await index.writeFiles({ outputPath });
          if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
          await Promise.all(UNUSED_FILES.map((f) => rm(join(outputPath, f), { force: true })));
          const kb = Math.round((await dirSize(outputPath)) / 1024);
          logger.info(`Search index: ${pages} pages, ${kb.toLocaleString('en-US')} KB in ${outputPath} (${Math.round(performance.now() - started)} ms).`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
