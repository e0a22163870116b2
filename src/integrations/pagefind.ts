import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * A page is searchable when its layout says what kind of page it is (tool, server, guide, attack
 * pattern) with `data-pagefind-meta="kind"`. Browse lists, the home page, the search page and
 * contact pages carry no kind, so their text never crowds out the pages people are looking for.
 */
const SEARCHABLE_MARKER = 'data-pagefind-meta="kind"';

/**
 * Left out of the index: hidden elements, badges, and parts of a page that repeat what it already
 * says or say the same on every page (the policy JSON and its steps, the FAQ, the classifier's
 * evidence, which quotes the description, the history, the category's attack patterns, the server
 * page's tool table, counts and calls to action). Leaving them out keeps results about what a tool does, and halves both the
 * index and the memory Pagefind needs to build it (it holds the whole index in memory).
 */
const EXCLUDE_SELECTORS = [
  // Hidden spans carry filters and meta (Pagefind still reads those) but are not page text.
  '[hidden]',
  // The risk and category badges: the filters cover them, and in excerpts they read as noise.
  '.badges',
  '.policy-block',
  // The tool page's verdict box (its policy, steps and call to action) and small labels.
  '.verdict',
  '.eyebrow',
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

/**
 * Pagefind holds a whole index in memory while it builds it (about 1.4 GB for 10,000 tool pages),
 * so a large catalogue is indexed in shards of at most this many pages, one after another, each
 * written and dropped before the next starts. The browser merges them (`mergeIndex`) using the
 * list in `pagefind/shards.json`. `ATLAS_SEARCH_SHARD_PAGES` changes the size (tests use a small one).
 */
export function shardPages(value = process.env.ATLAS_SEARCH_SHARD_PAGES): number {
  if (value === undefined || value.trim() === '') return 20_000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(
      `ATLAS_SEARCH_SHARD_PAGES is "${value}", but it must be a whole number of pages, 1 or more (for example 20000); unset it for the default of 20000.`,
    );
  }
  return n;
}

/**
 * Where part n (0, 1, …) of slice s lives, relative to the primary bundle in `pagefind/`, which
 * is part 0 of slice 0 (the path '').
 */
export const partPath = (slice: number, n: number) => (slice === 0 && n === 0 ? '' : `shard-${slice}-${n}/`);

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
 * Builds the Pagefind index of the searchable pages under `root` (a static output folder) with
 * Pagefind's Node API, into `root/pagefind/`. A build renders its catalogue in slices; each slice
 * indexes the pages it rendered, in parts of at most `ATLAS_SEARCH_SHARD_PAGES` pages, and the
 * merge lists every part in `pagefind/shards.json` for the browser to merge. It runs in its own
 * process, after Astro's has ended, so Astro's memory is not held while Pagefind works.
 * Returns the part folders written (relative to `pagefind/`) and the pages indexed.
 */
export async function buildSearchIndex(
  root: string,
  slice = 0,
  log: (line: string) => void = () => {},
): Promise<{ parts: string[]; pages: number }> {
  const SHARD_PAGES = shardPages();
  const started = performance.now();
  const pagefind = await import('pagefind');
  const outputPath = join(root, 'pagefind');
  await rm(outputPath, { recursive: true, force: true });
  const parts: string[] = [];
  let total = 0;
  const open = async () => {
    const { index, errors } = await pagefind.createIndex({
      forceLanguage: 'en',
      excludeSelectors: EXCLUDE_SELECTORS,
    });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    return index;
  };
  type Index = Awaited<ReturnType<typeof open>>;
  /** Writes part n and frees it in Pagefind's process. */
  const finish = async (index: Index, n: number) => {
    const part = partPath(slice, n);
    const path = join(outputPath, part);
    const written = await index.writeFiles({ outputPath: path });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    await index.deleteIndex();
    await Promise.all(UNUSED_FILES.map((f) => rm(join(path, f), { force: true })));
    parts.push(part);
  };

  try {
    let index = await open();
    let shard = 0;
    let inShard = 0;
    let batch: Promise<{ sourcePath: string; content: string } | undefined>[] = [];
    const read = async (file: string) => {
      const sourcePath = relative(root, file).split(sep).join('/');
      // Pages about no one server (the site's own guides) are rendered by every slice but belong to
      // the first: the merged site takes them from there, and so does the search index.
      if (slice > 0 && !sourcePath.startsWith('servers/')) return undefined;
      const content = await readFile(file, 'utf8');
      return content.includes(SEARCHABLE_MARKER) ? { sourcePath, content } : undefined;
    };
    // Files are read side by side but added in the order they were found, so the index is the same
    // bytes on every run (Pagefind's output depends on the order pages are added).
    const flush = async () => {
      const pages = await Promise.all(batch);
      batch = [];
      for (const page of pages) {
        if (!page) continue;
        const res = await index.addHTMLFile(page);
        if (res.errors.length > 0)
          throw new Error(`Pagefind could not index ${page.sourcePath}: ${res.errors.join('; ')}`);
        inShard += 1;
        total += 1;
      }
    };
    for await (const file of htmlFiles(root)) {
      batch.push(read(file));
      // A batch never holds more files than the part has room for, so no part overfills.
      if (batch.length >= Math.min(BATCH, SHARD_PAGES - inShard)) {
        await flush();
        if (inShard >= SHARD_PAGES) {
          await finish(index, shard);
          index = await open();
          shard += 1;
          inShard = 0;
        }
      }
    }
    await flush();
    // Slice 0 always writes the primary bundle, which the browser loads first.
    if (inShard > 0 || (slice === 0 && shard === 0)) await finish(index, shard);
    else await index.deleteIndex();
    const kb = Math.round((await dirSize(outputPath).catch(() => 0)) / 1024);
    log(
      `Search index of slice ${slice}: ${total} pages in ${parts.length} part${parts.length === 1 ? '' : 's'}, ${kb.toLocaleString('en-US')} KB (${Math.round(performance.now() - started)} ms).`,
    );
    return { parts, pages: total };
  } finally {
    await pagefind.close();
  }
}

/** The list of index parts besides the primary one, which the browser merges (src/client/search-ui.ts). */
export async function writeShardList(root: string, parts: string[]): Promise<void> {
  await writeFile(
    join(root, 'pagefind', 'shards.json'),
    `${JSON.stringify({ shards: parts.filter((p) => p !== '') })}\n`,
  );
}
