import { getCollection } from 'astro:content';
import { buildIndex, type CatalogueIndex } from '#src/catalogue/index.ts';

let index: Promise<CatalogueIndex> | undefined;

async function load(): Promise<CatalogueIndex> {
  const [servers, tools, patterns] = await Promise.all([
    getCollection('servers'),
    getCollection('tools'),
    getCollection('attackPatterns'),
  ]);
  return buildIndex(servers, tools, patterns);
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

/**
 * The day this build ran (UTC, YYYY-MM-DD), shown in the footer. ATLAS_BUILD_DATE pins it, for
 * builds that must come out byte for byte the same.
 */
export const buildDate: string = process.env.ATLAS_BUILD_DATE ?? new Date().toISOString().slice(0, 10);
