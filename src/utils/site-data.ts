import { getCollection } from 'astro:content';
import { buildIndex, type CatalogueIndex } from './catalogue.ts';

let index: Promise<CatalogueIndex> | undefined;

/** The catalogue index, built once per build and shared by every page. */
export function getIndex(): Promise<CatalogueIndex> {
  index ??= (async () => {
    const [servers, tools, patterns] = await Promise.all([
      getCollection('servers'),
      getCollection('tools'),
      getCollection('attackPatterns'),
    ]);
    return buildIndex(servers, tools, patterns);
  })();
  return index;
}
