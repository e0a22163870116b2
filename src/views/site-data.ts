import { getCollection } from 'astro:content';
import { buildIndex, type CatalogueIndex } from '#src/catalogue/index.ts';
import { restoreTool } from '#src/model/tool.ts';

let index: Promise<CatalogueIndex> | undefined;

async function load(): Promise<CatalogueIndex> {
  const [servers, tools, patterns] = await Promise.all([
    getCollection('servers'),
    getCollection('tools'),
    getCollection('attackPatterns'),
  ]);
  return buildIndex(
    servers,
    tools.map((t) => ({ ...t, data: restoreTool(t.data) })),
    patterns,
  );
}

/**
 * The catalogue index, built once per build and shared by every page. The dev server rebuilds it
 * on each request, so an edited record shows on the next reload.
 */
export function getIndex(): Promise<CatalogueIndex> {
  if (import.meta.env.DEV) return load();
  index ??= load();
  return index;
}
