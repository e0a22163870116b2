import { join } from 'node:path';
import { glob, type Loader } from 'astro/loaders';
import { catalogueSource, slicedBuild } from './source.ts';

/**
 * The content layer's loaders. Every one of them reads through `catalogueSource()`: the catalogue
 * read and checked once, from the one list of files the checks saw. A file the checks skip (a
 * `_draft.yaml`, a dotfile) can therefore never become a page.
 */

/** Server and tool records, exactly as the checks parsed them (the collection schema is for types). */
export function recordLoader(kind: 'servers' | 'tools'): Loader {
  return {
    name: `policy-atlas:${kind}`,
    load: async ({ store }) => {
      store.clear();
      // A slice's pages read the records from catalogueSource() itself (src/views/site-data.ts).
      if (slicedBuild()) return;
      const { catalogue } = catalogueSource();
      for (const r of catalogue[kind]) {
        // The store serialises with devalue, which refuses a `__proto__` key, so a tool's definition
        // travels as its JSON text (see storedToolSchema; site-data restores it).
        const data =
          kind === 'tools'
            ? { ...r.data, definition: JSON.stringify((r.data as { definition: unknown }).definition) }
            : r.data;
        store.set({ id: r.id, data: data as Record<string, unknown> });
      }
    },
  };
}

/** One entry, `manifest`: every tool's summary and which slice of the catalogue this build renders. */
export function manifestLoader(): Loader {
  return {
    name: 'policy-atlas:manifest',
    load: async ({ store }) => {
      store.clear();
      if (slicedBuild()) return;
      const { manifest, slice } = catalogueSource();
      store.set({
        id: 'manifest',
        data: {
          tools: manifest.tools,
          changes: manifest.changes,
          slice: {
            index: slice.index,
            count: slice.count,
            servers: slice.servers === 'all' ? null : [...slice.servers],
          },
        },
      });
    },
  };
}

const GLOB_SPECIAL = /[*?[\]{}()!+@\\]/g;

/** Editors' MDX: Astro's glob loader compiles it, given exactly the files the checks saw. */
export function mdxLoader(
  kind: 'patterns' | 'pages',
  folder: string,
  generateId: (o: { entry: string }) => string,
): Loader {
  return {
    name: `policy-atlas:${kind}`,
    load: async (context) => {
      const source = catalogueSource();
      // Every slice knows every guide and pattern (llms.txt and the sitemaps list them, and must be
      // the same in each slice); their pages are rendered by the first slice only (ownsGlobals).
      const names = source.files[kind];
      if (names.length === 0) {
        context.store.clear();
        return;
      }
      const pattern = names.map((n) => n.slice(folder.length + 1).replace(GLOB_SPECIAL, '\\$&'));
      await glob({ pattern, base: join(source.contentDir, folder), generateId }).load(context);
    },
  };
}
