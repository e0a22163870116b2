import { getCollection, getEntry } from 'astro:content';
import {
  indexTools,
  toToolEntry,
  type CatalogueIndex,
  type ServerEntry,
  type ToolEntry,
  type ToolSummary,
} from '#src/catalogue/index.ts';
import { restoreTool } from '#src/model/tool.ts';
import { summariesOf, type ManifestChange } from '#src/catalogue/manifest.ts';

/**
 * What pages see: the index of the whole catalogue built from its manifest (summaries only, enough
 * for lists, counts and related links), and the records of the tools whose pages this build renders
 * (all of them, or one slice's in a sliced build).
 */
export interface SiteIndex extends CatalogueIndex<ToolSummary> {
  /** Tools with their records, by id: the tools this build renders pages for. */
  toolById: Map<string, ToolEntry>;
  /** Tools and servers whose pages this build renders. */
  rendered: { tools: ToolEntry[]; servers: ServerEntry<ToolSummary>[] };
  /** True in the build (or slice) that renders the pages about no one server: lists, guides, patterns. */
  ownsGlobals: boolean;
  /** Every definition change of the catalogue, from the manifest: what the change feed lists. */
  changes: ManifestChange[];
}

let index: Promise<SiteIndex> | undefined;

async function load(): Promise<SiteIndex> {
  const [servers, tools, patterns, manifest] = await Promise.all([
    getCollection('servers'),
    getCollection('tools'),
    getCollection('attackPatterns'),
    getEntry('catalogue', 'manifest'),
  ]);
  if (!manifest) throw new Error('The catalogue manifest is missing from the content layer.');
  const whole = indexTools(servers, summariesOf(manifest.data), patterns);
  const toolById = new Map(tools.map((t) => [t.id, toToolEntry(t.id, restoreTool(t.data))]));
  const only = manifest.data.slice.servers ? new Set(manifest.data.slice.servers) : undefined;
  const renderedServers = only ? whole.servers.filter((s) => only.has(s.id)) : whole.servers;
  // Same order as the whole index, so pages come out the same in a sliced build.
  const renderedTools = whole.tools.filter((t) => toolById.has(t.id)).map((t) => toolById.get(t.id)!);
  return {
    ...whole,
    toolById,
    rendered: { tools: renderedTools, servers: renderedServers },
    ownsGlobals: manifest.data.slice.index === 0,
    changes: manifest.data.changes,
  };
}

/**
 * The catalogue index, built once per build and shared by every page. The dev server rebuilds it
 * on each request, so an edited record shows on the next reload.
 */
export function getIndex(): Promise<SiteIndex> {
  if (import.meta.env.DEV) return load();
  index ??= load();
  return index;
}

/**
 * The day this build ran (UTC, YYYY-MM-DD), shown in the footer. ATLAS_BUILD_DATE pins it, for
 * builds that must come out byte for byte the same.
 */
export const buildDate: string = process.env.ATLAS_BUILD_DATE ?? new Date().toISOString().slice(0, 10);
