import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { SERVER_ROW, type NameRow } from '#src/views/search-keys.ts';
import type { ServerSearch } from '#src/views/search-documents.ts';
import { nameFiles } from '#src/views/search-names.ts';

/**
 * A rendered page is indexed when its layout says what kind of page it is (a guide, an attack
 * pattern) with `data-pagefind-meta="kind"` and it is not a server's page: servers and their tools
 * are indexed from their records (src/views/search-documents.ts), a document per server, not a page per
 * tool. Browse lists, the home page, the search page and contact pages carry no kind, so their
 * text never crowds out the pages people are looking for.
 */
const SEARCHABLE_MARKER = 'data-pagefind-meta="kind"';

/**
 * Left out of the rendered pages' text: hidden elements (they carry Pagefind's meta, which it still
 * reads), and a policy or a call to action should an editor's page embed one, which would read as
 * noise in excerpts. Tool and server pages are not rendered into the index at all.
 */
const EXCLUDE_SELECTORS = ['[hidden]', '.policy-block', '.cta'];

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

/** Pages read from disk at once. */
const BATCH = 64;

async function* htmlFiles(dir: string): AsyncGenerator<string> {
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === '_astro' || entry.name === 'pagefind' || entry.name === 'servers') continue;
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
 * Builds the site's one search index into `outputPath`: the rendered guides and attack patterns
 * under `root` (a static output folder, the first slice's), then the servers' search documents
 * from `searchFiles` (each a slice's `search.json`, in slice order), and the exact-name lookup in
 * `names/`. One index, however many slices or machines rendered the site, keeps what a
 * browser fetches before its first result small: Pagefind's per-page metadata is loaded whole,
 * and a server's document stands for all its tools. Run in its own process after rendering.
 */
export async function buildSearchIndex(
  root: string,
  searchFiles: string[],
  outputPath: string,
  log: (line: string) => void = () => {},
): Promise<{ pages: number; tools: number }> {
  const started = performance.now();
  const pagefind = await import('pagefind');
  await rm(outputPath, { recursive: true, force: true });
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: EXCLUDE_SELECTORS });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    let pages = 0;
    const add = async (page: { sourcePath: string } | { url: string }, content: string) => {
      const res = await index.addHTMLFile({ ...page, content });
      if (res.errors.length > 0)
        throw new Error(`Pagefind could not index ${Object.values(page)[0]}: ${res.errors.join('; ')}`);
      pages += 1;
    };
    // Files are read side by side but added in a fixed order, so the index is the same bytes on
    // every run (Pagefind's output depends on the order pages are added).
    let batch: Promise<{ sourcePath: string; content: string } | undefined>[] = [];
    const read = async (file: string) => {
      const content = await readFile(file, 'utf8');
      const sourcePath = relative(root, file).split(sep).join('/');
      return content.includes(SEARCHABLE_MARKER) ? { sourcePath, content } : undefined;
    };
    const flush = async () => {
      for (const page of await Promise.all(batch)) if (page) await add({ sourcePath: page.sourcePath }, page.content);
      batch = [];
    };
    for await (const file of htmlFiles(root)) {
      batch.push(read(file));
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    const names: NameRow[] = [];
    for (const file of searchFiles) {
      const servers = JSON.parse(await readFile(file, 'utf8')) as ServerSearch[];
      for (const server of servers) {
        for (const doc of server.docs) await add({ url: doc.url }, doc.html);
        names.push(...server.names);
      }
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    await index.deleteIndex();
    await Promise.all(UNUSED_FILES.map((f) => rm(join(outputPath, f), { force: true })));
    const tools = names.filter((row) => row[2] !== SERVER_ROW).length;
    await mkdir(join(outputPath, 'names'), { recursive: true });
    for (const [name, text] of nameFiles(names)) await writeFile(join(outputPath, 'names', name), text);
    const kb = Math.round((await dirSize(outputPath)) / 1024);
    log(
      `Search index: ${pages.toLocaleString('en-US')} pages for ${tools.toLocaleString('en-US')} tools, ${kb.toLocaleString('en-US')} KB (${Math.round(performance.now() - started)} ms).`,
    );
    return { pages, tools };
  } finally {
    await pagefind.close();
  }
}
