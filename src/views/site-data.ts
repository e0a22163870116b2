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
import { summariesOf, type Manifest, type ManifestChange } from '#src/catalogue/manifest.ts';
import { catalogueSource, slicedBuild } from '#src/catalogue/source.ts';
import type { ServerRecord } from '#src/model/server.ts';
import type { ToolRecord } from '#src/model/tool.ts';

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

interface Inputs {
  servers: { id: string; data: ServerRecord }[];
  tools: { id: string; data: ToolRecord }[];
  manifest: Manifest;
  slice: { index: number; servers: string[] | null };
}

/**
 * A slice of `npm run build` takes its records straight from the catalogue its process read and
 * checked (src/catalogue/source.ts): they never pass through Astro's data store, which would
 * serialise them and bundle them into a JavaScript module, the costliest step of a large build.
 * The dev server and a plain `astro build` read them from the content collections.
 */
async function inputs(): Promise<Inputs> {
  if (slicedBuild()) {
    const source = catalogueSource();
    return {
      servers: source.catalogue.servers,
      tools: source.catalogue.tools,
      manifest: source.manifest,
      slice: { index: source.slice.index, servers: source.slice.servers === 'all' ? null : [...source.slice.servers] },
    };
  }
  const [servers, tools, manifest] = await Promise.all([
    getCollection('servers'),
    getCollection('tools'),
    getEntry('catalogue', 'manifest'),
  ]);
  if (!manifest) throw new Error('The catalogue manifest is missing from the content layer.');
  return {
    servers,
    tools: tools.map((t) => ({ id: t.id, data: restoreTool(t.data) })),
    manifest: manifest.data,
    slice: manifest.data.slice,
  };
}

async function load(): Promise<SiteIndex> {
  const [{ servers, tools, manifest, slice }, patterns] = await Promise.all([
    inputs(),
    getCollection('attackPatterns'),
  ]);
  const whole = indexTools(servers, summariesOf(manifest), patterns);
  const toolById = new Map(tools.map((t) => [t.id, toToolEntry(t.id, t.data)]));
  const only = slice.servers ? new Set(slice.servers) : undefined;
  const renderedServers = only ? whole.servers.filter((s) => only.has(s.id)) : whole.servers;
  // Same order as the whole index, so pages come out the same in a sliced build.
  const renderedTools = whole.tools.filter((t) => toolById.has(t.id)).map((t) => toolById.get(t.id)!);
  return {
    ...whole,
    toolById,
    rendered: { tools: renderedTools, servers: renderedServers },
    ownsGlobals: slice.index === 0,
    changes: manifest.changes,
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
