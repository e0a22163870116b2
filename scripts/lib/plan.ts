/**
 * The first step of `npm run build`: reads and checks the whole catalogue once, then writes what
 * the rendering processes need into a work folder: the manifest (src/catalogue/manifest.ts), and
 * one plan per slice (src/catalogue/source.ts's SlicePlan) naming the files it renders, with a key
 * that changes whenever anything its pages depend on changes. Run as its own process, so the
 * memory of parsing every record is returned before Astro starts.
 *
 *   node scripts/lib/plan.ts <work dir>      (content from ATLAS_CONTENT or content/)
 *
 * Prints one JSON line, {"slices": N, "tools": T, "servers": S}, or the problem report on stderr
 * and exits 1.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import { serialize } from 'node:v8';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { contentDir } from '#src/catalogue/paths.ts';
import { manifestDigest, manifestOf, summariesOf, type Manifest } from '#src/catalogue/manifest.ts';
import { indexTools, relatedTools } from '#src/catalogue/index.ts';
import { PROBLEM_HINT, problemReport, type SlicePlan } from '#src/catalogue/source.ts';
import { listCatalogueFiles, loadFiles, type Catalogue, type CatalogueFiles } from '#src/catalogue/load.ts';
import { checkServer } from '#src/catalogue/validate.ts';
import type { Problem } from '#src/model/problems.ts';
import { serverSearch, type ServerSearch } from '#src/views/search-documents.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Tools a slice holds at most (whole servers, so a server larger than this is a slice of its own).
 * Each slice is one Astro process and one search index part or more: smaller slices use less memory
 * and rebuild faster after an edit; larger ones pay Astro's start-up fewer times.
 */
export function sliceTools(value = process.env.ATLAS_SLICE_TOOLS): number {
  if (value === undefined || value.trim() === '') return 10_000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(
      `ATLAS_SLICE_TOOLS is "${value}", but it must be a whole number of tools, 1 or more (default 10000).`,
    );
  return n;
}

/** Servers in id order, cut into runs of whole servers of at most `max` tools. */
export function sliceServers(serverIds: string[], toolsOf: Map<string, number>, max: number): string[][] {
  const slices: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const id of [...serverIds].sort()) {
    const n = toolsOf.get(id) ?? 0;
    if (current.length > 0 && size + n > max) {
      slices.push(current);
      current = [];
      size = 0;
    }
    current.push(id);
    size += n;
  }
  if (current.length > 0 || slices.length === 0) slices.push(current);
  return slices;
}

function hashFiles(hash: ReturnType<typeof createHash>, base: string, names: string[]): void {
  for (const name of names) {
    hash.update(name).update('\0');
    hash.update(readFileSync(join(base, name))).update('\0');
  }
}

function walk(dir: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** What every page depends on besides records: the site's code, config, static files and packages. */
function codeDigest(): string {
  const hash = createHash('sha256');
  const files = [
    ...walk(join(ROOT, 'src')),
    ...walk(join(ROOT, 'public')),
    // The build's own steps: how records are checked, kept and handed to the slices.
    join(ROOT, 'scripts', 'build.ts'),
    ...walk(join(ROOT, 'scripts', 'lib')),
    join(ROOT, 'astro.config.mjs'),
    join(ROOT, 'site.config.ts'),
    join(ROOT, 'package-lock.json'),
  ];
  hashFiles(hash, '/', files);
  return hash.digest('hex');
}

/**
 * What a slice's pages depend on: `shared` (the code, the manifest, every server record, pattern
 * and page, the slice count) and each of its servers' tool records.
 */
export interface SliceKeys {
  shared: string;
  servers: Record<string, string>;
}

export interface PlanSummary {
  slices: number;
  tools: number;
  servers: number;
  /** One key per slice: equal keys, equal output. */
  keys: string[];
  /**
   * What the whole plan was made from (the code, every server record, pattern and guide, and the
   * manifest of every tool): every slice of one build carries it, so a merge can tell shards of
   * one catalogue from a mixed set.
   */
  plan: string;
}

/** What checking one server gives: kept in the work folder under a key of its inputs. */
interface Checked {
  problems: Problem[];
  tools: Manifest['tools'];
  changes: Manifest['changes'];
  search?: ServerSearch;
}

interface Group {
  group: string;
  own: string[];
  /** The cache file of its result. */
  name: string;
}

/** Checks one server (its record, its tools) with every server record and pattern beside it. */
function checkGroup(
  dir: string,
  base: Catalogue,
  serverById: Map<string, Catalogue['servers'][number]>,
  g: Group,
): Checked & { records: Catalogue['tools'] } {
  const loaded = loadFiles(dir, { servers: [], tools: g.own, patterns: [], pages: [] });
  const mini: Catalogue = { ...base, tools: loaded.catalogue.tools };
  const record = serverById.get(g.group);
  return {
    // What search holds of the server: its documents and tool names (src/views/search-documents.ts).
    search: record ? serverSearch(g.group, record.data, loaded.catalogue.tools) : undefined,
    problems: [...loaded.problems, ...checkServer(mini, record)],
    ...(({ tools, changes }) => ({ tools, changes }))(manifestOf(mini)),
    records: loaded.catalogue.tools,
  };
}

/** Where the checked tool records of a group are kept for the slices: see recordsFile in source.ts. */
export const recordsName = (name: string) => name.replace(/\.json$/, '.records');

/**
 * Checks `groups` and writes each result into `cacheDir`, and beside it the group's tool records as
 * checked, in V8's serialisation (which keeps every value YAML can give, unlike JSON), so a slice
 * reads them back instead of parsing and validating the YAML again.
 */
function checkGroups(
  dir: string,
  files: CatalogueFiles,
  groups: Group[],
  cacheDir: string,
  base = loadFiles(dir, { ...files, tools: [] }).catalogue,
): void {
  const serverById = new Map(base.servers.map((s) => [s.id, s]));
  for (const g of groups) {
    const { records, ...checked } = checkGroup(dir, base, serverById, g);
    writeFileSync(join(cacheDir, recordsName(g.name)), serialize(records));
    writeFileSync(join(cacheDir, g.name), JSON.stringify(checked));
  }
}

/** Processes that check servers at once on a cold build: one per core, for 2,000 tools each at least. */
function checkers(tools: number): number {
  const env = process.env.ATLAS_JOBS;
  const cores = env && Number.isInteger(Number(env)) && Number(env) > 0 ? Number(env) : availableParallelism();
  return Math.max(1, Math.min(cores, Math.ceil(tools / 2000)));
}

/** Checks `groups` in `n` worker threads, each a run of whole servers of about equal tool count. */
async function checkInWorkers(dir: string, files: CatalogueFiles, groups: Group[], cacheDir: string, n: number) {
  const total = groups.reduce((sum, g) => sum + g.own.length + 1, 0);
  const runs: Group[][] = [[]];
  let size = 0;
  for (const g of groups) {
    if (size >= (total / n) * runs.length && runs.length < n) runs.push([]);
    runs.at(-1)!.push(g);
    size += g.own.length + 1;
  }
  await Promise.all(
    runs.map(
      (run) =>
        new Promise<void>((done, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: { dir, files, groups: run, cacheDir } });
          worker.on('error', reject);
          worker.on('exit', (code) =>
            code === 0 ? done() : reject(new Error(`A checking thread ended with code ${code}.`)),
          );
        }),
    ),
  );
}

/** The catalogue's tool files by server: each server's tools live in a folder named by its id. */
const toolsByServer = (files: CatalogueFiles) => Map.groupBy(files.tools, (f) => basename(dirname(f)));

/**
 * What the pages of each server read of the manifest beyond the server's own tool records (which
 * its key already covers): each tool's related tools, some of them on other servers
 * (src/catalogue/index.ts). Equal strings, equal pages; pages about no single server read it all.
 */
export function manifestReads(servers: Catalogue['servers'], manifest: Manifest): (serverId: string) => string {
  const index = indexTools(servers, summariesOf(manifest), []);
  return (id) => JSON.stringify(index.serverById.get(id)?.tools.map((t) => relatedTools(t, index)) ?? []);
}

/**
 * The build's checks, server by server: every check runs on one server's tools at a time, with
 * every server record and attack pattern beside them, which finds what checking the whole catalogue
 * at once finds. A server whose records, and the list of servers and patterns, are unchanged since
 * the last build is not read or checked again: its problems and manifest rows are kept in the work
 * folder under a key of those inputs and the code. Servers not checked before are checked in
 * parallel threads when there are many.
 */
async function checkByServer(
  dir: string,
  work: string,
  code: string,
): Promise<{
  problems: Problem[];
  manifest: Manifest;
  files: CatalogueFiles;
  search: Map<string, ServerSearch>;
  servers: Catalogue['servers'];
  recordFiles: Map<string, string>;
  toolDigests: Map<string, string>;
}> {
  const files = listCatalogueFiles(dir);
  const base = loadFiles(dir, { ...files, tools: [] });
  const problems = [...base.problems];
  const byFolder = toolsByServer(files);
  const serverFile = new Map(files.servers.map((f) => [basename(f, extname(f)), f]));
  const baseKey = createHash('sha256')
    .update(code)
    .update([...serverFile.keys()].sort().join('\0'))
    .update('\0\0')
    .update(base.catalogue.patterns.map((p) => p.id).join('\0'))
    .digest('hex');
  // Each tool file is read once: its server's digest of them is both part of the server's check
  // key and the server's key for rendering (planBuild).
  const toolDigests = new Map<string, string>();
  const groups: Group[] = [...new Set([...serverFile.keys(), ...byFolder.keys()])].sort().map((group) => {
    const own = byFolder.get(group) ?? [];
    const tools = createHash('sha256');
    hashFiles(tools, dir, own);
    const toolDigest = tools.digest('hex');
    toolDigests.set(group, toolDigest);
    const key = createHash('sha256').update(baseKey).update(group).update('\0');
    const server = serverFile.get(group);
    if (server) hashFiles(key, dir, [server]);
    key.update(toolDigest);
    return { group, own, name: `${key.digest('hex')}.json` };
  });
  const cacheDir = join(work, 'checked');
  mkdirSync(cacheDir, { recursive: true });
  const missing = groups.filter(
    (g) => !existsSync(join(cacheDir, g.name)) || !existsSync(join(cacheDir, recordsName(g.name))),
  );
  const n = checkers(missing.reduce((sum, g) => sum + g.own.length, 0));
  if (n > 1) await checkInWorkers(dir, files, missing, cacheDir, n);
  else checkGroups(dir, files, missing, cacheDir, base.catalogue);

  const tools: Manifest['tools'] = [];
  const changes: Manifest['changes'] = [];
  const search = new Map<string, ServerSearch>();
  for (const g of groups) {
    const result = JSON.parse(readFileSync(join(cacheDir, g.name), 'utf8')) as Checked;
    problems.push(...result.problems);
    tools.push(...result.tools);
    changes.push(...(result.changes ?? []));
    if (result.search) search.set(g.group, result.search);
  }
  const used = new Set(groups.flatMap((g) => [g.name, recordsName(g.name)]));
  for (const old of readdirSync(cacheDir)) if (!used.has(old)) rmSync(join(cacheDir, old), { force: true });
  const recordFiles = new Map(groups.map((g) => [g.group, join(cacheDir, recordsName(g.name))]));
  return {
    problems,
    manifest: { tools, changes },
    files,
    search,
    servers: base.catalogue.servers,
    recordFiles,
    toolDigests,
  };
}

export async function planBuild(work: string): Promise<PlanSummary | { report: string }> {
  const dir = contentDir();
  const code = codeDigest();
  const { problems, manifest, files, search, servers, recordFiles, toolDigests } = await checkByServer(dir, work, code);
  if (problems.length > 0) return { report: `${problemReport(dir, problems)}\nHint: ${PROBLEM_HINT}` };

  rmSync(join(work, 'plan'), { recursive: true, force: true });
  mkdirSync(join(work, 'plan'), { recursive: true });
  const manifestFile = join(work, 'plan', 'manifest.json');
  writeFileSync(manifestFile, JSON.stringify(manifest));
  // Every slice needs every server record; they are checked here, so slices read them as JSON
  // instead of parsing and validating 16,000 YAML files each.
  const serversFile = join(work, 'plan', 'servers.json');
  writeFileSync(serversFile, JSON.stringify(servers));

  const toolFiles = toolsByServer(files);
  const serverIds = files.servers.map((f) => basename(f, extname(f)));
  const sizes = new Map([...toolFiles].map(([k, v]) => [k, v.length]));
  // Slice 0 renders the pages about no single server (lists, guides, the home page) and the server
  // code, and no server: an edit that leaves the manifest as it was (a description, a schema, an
  // editor's note) never renders it again, and its server bundle (which carries the records a
  // slice renders) is the same whatever the tools say.
  const slices = [[], ...sliceServers(serverIds, sizes, sliceTools())];

  // Every slice depends on the code, every server record (lists name them all) and the editors'
  // MDX; then on its own servers' tool records and what their pages read of the manifest
  // (manifestReads), so an edit to one tool's name, category or risk renders its server again and
  // the servers whose related tools it is among, not every slice. Slice 0 lists everything and
  // depends on the whole manifest.
  const readsOfManifest = manifestReads(servers, manifest);
  const shared = createHash('sha256');
  shared.update(code).update(`${slices.length}\0`);
  hashFiles(shared, dir, [...files.servers, ...files.patterns, ...files.pages]);
  const sharedDigest = shared.digest('hex');
  const globalDigest = createHash('sha256').update(sharedDigest).update(manifestDigest(manifest)).digest('hex');

  const keys: string[] = [];
  slices.forEach((servers, index) => {
    const sliceFiles: CatalogueFiles = { ...files, tools: servers.flatMap((s) => toolFiles.get(s) ?? []) };
    const plan: SlicePlan = {
      contentDir: dir,
      index,
      count: slices.length,
      files: sliceFiles,
      servers,
      manifestFile,
      serversFile,
      recordFiles: Object.fromEntries(servers.map((s) => [s, recordFiles.get(s)!])),
    };
    // A key per server of its tool records: when only some change, the build renders those servers
    // again and keeps the slice's other pages (scripts/build.ts).
    const serverKeys: Record<string, string> = Object.fromEntries(
      servers.map((s) => [
        s,
        createHash('sha256').update(toolDigests.get(s)!).update(readsOfManifest(s)).digest('hex'),
      ]),
    );
    const sliceKeys: SliceKeys = { shared: index === 0 ? globalDigest : sharedDigest, servers: serverKeys };
    keys.push(createHash('sha256').update(`${index}\0`).update(JSON.stringify(sliceKeys)).digest('hex'));
    writeFileSync(join(work, 'plan', `slice-${index}.json`), JSON.stringify(plan));
    writeFileSync(join(work, 'plan', `keys-${index}.json`), JSON.stringify(sliceKeys));
    // The slice's part of the search index: its servers' documents, in server order.
    writeFileSync(
      join(work, 'plan', `search-${index}.json`),
      JSON.stringify(servers.flatMap((s) => search.get(s) ?? [])),
    );
  });
  return {
    slices: slices.length,
    tools: manifest.tools.length,
    servers: files.servers.length,
    keys,
    plan: globalDigest,
  };
}

if (!isMainThread) {
  const { dir, files, groups, cacheDir } = workerData as {
    dir: string;
    files: CatalogueFiles;
    groups: Group[];
    cacheDir: string;
  };
  checkGroups(dir, files, groups, cacheDir);
} else if (import.meta.main) {
  const work = process.argv[2];
  if (!work) {
    console.error('Usage: node scripts/lib/plan.ts <work dir>');
    process.exit(2);
  }
  const result = await planBuild(resolve(work));
  if ('report' in result) {
    console.error(result.report);
    process.exit(1);
  }
  console.log(JSON.stringify(result));
}
