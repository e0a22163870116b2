/**
 * `npm run build`: checks the catalogue once, renders it in slices of whole servers, each in a
 * fresh Astro process, and assembles the site in dist/ with one search index for all of it.
 *
 *   npm run build                                  everything, on this machine
 *   npm run build -- --shard K/N [--out DIR]       slices K, K+N, K+2N, … (1-based K) into DIR
 *   npm run build -- --merge DIR... [--out DIR]    assembles the site from the shards' folders
 *
 * Slices are a function of the catalogue alone (ATLAS_SLICE_TOOLS tools each, default 10,000), so
 * a site merged from any number of shards is byte for byte the site one machine builds. A slice
 * whose inputs have not changed since the last build (same code, same manifest, same records) is
 * reused from the work folder, so after an edit only the slice that holds it is rendered again.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { PlanSummary, SliceKeys } from '#scripts/lib/plan.ts';
import type { SlicePlan } from '#src/catalogue/source.ts';
import { linkProjectPackages } from '#src/integrations/outside-out-dir.ts';
import { availableParallelism, totalmem } from 'node:os';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const USAGE = `Usage: npm run build [-- --shard K/N | --merge DIR...] [--out DIR]`;

/** What a finished slice folder says about itself; written last, so a half-built slice is never used. */
interface SliceInfo {
  index: number;
  count: number;
  key: string;
  /** The plan it belongs to (PlanSummary.plan): the slices of one merge must share it. */
  plan?: string;
  /** What its pages were rendered from (scripts/lib/plan.ts); absent in a shard's copy. */
  keys?: SliceKeys;
}

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function log(line: string): void {
  console.log(`[build] ${line}`);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      shard: { type: 'string' },
      merge: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
const opts = args.values;
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!opts.merge && args.positionals.length > 0) fail(`Unexpected argument "${args.positionals[0]}".\n${USAGE}`);
if (opts.merge && opts.shard) fail(`--shard and --merge are separate steps.\n${USAGE}`);

const out = resolve(opts.out ?? process.env.ATLAS_OUT ?? 'dist');
const work = join(resolve(process.env.ATLAS_CACHE ?? 'node_modules/.astro'), 'atlas');

// eslint-disable-next-line no-control-regex -- strips ANSI colour escapes, which start with ESC
const ANSI = /\x1b\[[0-9;]*m/g;
const PAGE_LINE = /[├└]─ |^\s*\(\+\d+m?s\)\s*$/;
/**
 * A slice's pages read records from the catalogue its process checked, not from Astro's data store
 * (src/views/site-data.ts), so Astro finds those collections empty; that is by design, not news.
 */
const EXPECTED = /The collection "(tools|servers|catalogue)" does not exist or is empty/;

/** Catalogues up to this many tools are indexed for search beside the rendering slices. */
const INDEX_BESIDE_TOOLS = 100_000;

/** The benchmark reads Astro's per-page lines for its render times. */
const KEEP_PAGE_LINES = process.env.ATLAS_BUILD_PAGE_LINES === '1';
/** Another Astro config (the benchmark's experiments), passed to each slice's `astro build`. */
const CONFIG = process.env.ATLAS_ASTRO_CONFIG ? ['--config', process.env.ATLAS_ASTRO_CONFIG] : [];

function run(
  command: string[],
  env: Record<string, string>,
  label: string,
  onLine?: (line: string) => void,
): Promise<string> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, command, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    let pending = '';
    child.stdout.on('data', (d: Buffer) => {
      const text = d.toString();
      stdout = (stdout + text).slice(-4096);
      // Astro's page-by-page lines are noise at scale; its other lines are kept.
      const lines = (pending + text).split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        onLine?.(line.replace(ANSI, ''));
        if (EXPECTED.test(line)) continue;
        if (KEEP_PAGE_LINES || !PAGE_LINE.test(line.replace(ANSI, ''))) process.stdout.write(`${line}\n`);
      }
    });
    child.on('close', (code) =>
      code === 0 ? done(stdout) : reject(new Error(`${label} failed (exit code ${code}).`)),
    );
  });
}

/** Every file under dir, relative, sorted. */
function files(dir: string, prefix = '', outList: string[] = []): string[] {
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    // An accumulator, not a spread: a folder of 200,000 files would overflow the call stack.
    if (e.isDirectory()) files(dir, rel, outList);
    else outList.push(rel);
  }
  return outList;
}

/** A hard link when both sides share a file system (no copying), a copy otherwise. */
function place(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    copyFileSync(from, to);
  }
}

function readInfo(dir: string): SliceInfo | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'slice.json'), 'utf8')) as SliceInfo;
  } catch {
    return undefined;
  }
}

/**
 * How many slices render at once: ATLAS_JOBS, or one per core while each has 2 GiB of memory (a
 * slice of 10,000 tools peaks near 1.6 GB), so a 2-core machine renders two slices at a time.
 */
function jobs(value = process.env.ATLAS_JOBS): number {
  if (value !== undefined && value.trim() !== '') {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      fail(`ATLAS_JOBS is "${value}", but it must be a whole number, 1 or more (slices rendered at once).`);
    return n;
  }
  return Math.max(1, Math.min(availableParallelism(), Math.floor(totalmem() / 2 ** 31)));
}

/** Runs `work` on every item, at most `limit` at a time, and returns the results in item order. */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Astro keeps some of a build's content state in the project's `.astro/` folder, whatever the
 * cache folder, so two builds of different catalogues in one checkout at once break each other's
 * MDX pages. Slices of one build share that state (the same MDX pages, written only when it
 * changes), so they render side by side once the first has synced it (see render); other builds
 * (tests, a benchmark) wait.
 */
async function withAstroLock<T>(run: () => Promise<T>): Promise<T> {
  const lock = join(ROOT, '.astro', 'atlas-build.lock');
  mkdirSync(join(ROOT, '.astro'), { recursive: true });
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      let owner: number;
      let age: number;
      try {
        owner = Number(readFileSync(lock, 'utf8') || 0);
        age = Date.now() - statSync(lock).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      let alive: boolean;
      try {
        if (owner > 0) process.kill(owner, 0);
        // A lock just created has no pid in it yet: its owner is alive, not gone.
        alive = owner > 0 || age < 10_000;
      } catch {
        alive = false;
      }
      if (!alive) rmSync(lock, { force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await run();
  } finally {
    rmSync(lock, { force: true });
  }
}

/**
 * Astro writes its content state into the project's `.astro/` folder during its content sync, each
 * file through one fixed temporary name, and only when it changed. Slices of one build write the
 * same state, but two processes writing it for the first time at once collide on the temporary
 * file. So the first render of a build runs alone until its content is synced; the others wait.
 */
const SYNCED = /\[build\]\s+output:/;
let openGate: () => void = () => {};
const gate = new Promise<void>((resolve) => (openGate = resolve));
let rendering = false;

/** Renders a slice plan with Astro into `site` (its cache in `cache`), from scratch. */
async function render(planFile: string, site: string, cache: string, label: string): Promise<void> {
  const first = !rendering;
  rendering = true;
  if (!first) await gate;
  rmSync(site, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
  try {
    await run(
      [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', ...CONFIG],
      { ATLAS_SLICE: planFile, ATLAS_OUT: site, ATLAS_CACHE: cache },
      label,
      first ? (line) => SYNCED.test(line) && openGate() : undefined,
    );
  } finally {
    if (first) openGate();
  }
}

/**
 * The servers of a finished slice whose tool records changed, when nothing else its pages depend
 * on did (code, manifest, server records, patterns, pages): those servers' pages can be rendered
 * alone and put in place of theirs. Undefined when the slice must be rendered whole.
 */
function changedServers(info: SliceInfo | undefined, keys: SliceKeys): string[] | undefined {
  if (!info?.keys || info.keys.shared !== keys.shared) return undefined;
  const before = Object.keys(info.keys.servers);
  const now = Object.keys(keys.servers);
  if (before.length !== now.length || now.some((s) => !(s in info.keys!.servers))) return undefined;
  const changed = now.filter((s) => info.keys!.servers[s] !== keys.servers[s]);
  // Rendering most of a slice again costs as much as rendering it whole.
  return changed.length > 0 && changed.length * 2 <= now.length ? changed : undefined;
}

async function buildSlice(index: number, key: string): Promise<string> {
  const dir = join(work, 'slices', `slice-${index}`);
  const info = readInfo(dir);
  const summary = JSON.parse(readFileSync(join(work, 'plan', 'summary.json'), 'utf8')) as PlanSummary;
  if (info && info.key === key) {
    // Its pages are the same, but the plan it now belongs to may not be (a tool of another slice changed).
    if (info.plan !== summary.plan)
      writeFileSync(join(dir, 'slice.json'), `${JSON.stringify({ ...info, plan: summary.plan })}\n`);
    log(`slice ${index}: unchanged, reused.`);
    return dir;
  }
  const started = performance.now();
  const planFile = join(work, 'plan', `slice-${index}.json`);
  const keys = JSON.parse(readFileSync(join(work, 'plan', `keys-${index}.json`), 'utf8')) as SliceKeys;
  const changed = changedServers(info, keys);
  const count = summary.slices;
  // The slice is not finished until slice.json is written again.
  rmSync(join(dir, 'slice.json'), { force: true });
  if (changed) {
    // Only some servers' tool records changed: their pages are rendered by a plan of those servers
    // alone and written over the slice's. Every other page of the slice depends on nothing that
    // changed; pages about no single server are the same in every slice and are left as they are.
    const plan = JSON.parse(readFileSync(planFile, 'utf8')) as SlicePlan;
    const wanted = new Set(changed);
    const patchPlan: SlicePlan = {
      ...plan,
      servers: changed,
      files: { ...plan.files, tools: plan.files.tools.filter((f) => wanted.has(basename(dirname(f)))) },
    };
    const patchFile = join(work, 'plan', `patch-${index}.json`);
    writeFileSync(patchFile, JSON.stringify(patchPlan));
    const patch = join(dir, 'patch');
    await render(patchFile, join(patch, 'site'), join(patch, 'cache'), `Rendering servers ${changed.join(', ')}`);
    const site = join(dir, 'site');
    const ofChanged = (rel: string) =>
      changed.some(
        (s) =>
          rel.startsWith(`client/servers/${s}/`) ||
          rel.startsWith(`client/servers/${s}.`) ||
          rel === `client/catalogue/servers/${s}.json`,
      );
    // The changed servers' old files go first: a tool whose record was deleted has no page now.
    for (const rel of files(site, 'client')) if (ofChanged(rel)) rmSync(join(site, rel));
    for (const rel of files(join(patch, 'site'), 'client')) {
      if (!ofChanged(rel)) continue;
      mkdirSync(join(site, rel, '..'), { recursive: true });
      place(join(patch, 'site', rel), join(site, rel));
    }
    rmSync(patch, { recursive: true, force: true });
  } else {
    // A slice is rendered from scratch, Astro's cache included, so nothing of an earlier build leaks in.
    rmSync(dir, { recursive: true, force: true });
    await render(planFile, join(dir, 'site'), join(dir, 'cache'), `Rendering slice ${index}`);
  }
  // The slice's search documents travel with it; the merge indexes every slice's at once.
  copyFileSync(join(work, 'plan', `search-${index}.json`), join(dir, 'search.json'));
  const written: SliceInfo = { index, count, key, keys, plan: summary.plan };
  writeFileSync(join(dir, 'slice.json'), `${JSON.stringify(written)}\n`);
  log(
    changed
      ? `slice ${index}: ${changed.length} server${changed.length === 1 ? '' : 's'} rendered again in ${((performance.now() - started) / 1000).toFixed(1)} s.`
      : `slice ${index}: rendered in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
  return dir;
}

/** A shard's or a slice's folder: one slice (it has slice.json) or a folder of slice-* folders. */
function slicesIn(dir: string): string[] {
  if (existsSync(join(dir, 'slice.json'))) return [dir];
  if (!existsSync(dir)) fail(`${dir} does not exist.`, 1);
  return readdirSync(dir)
    .filter((n) => n.startsWith('slice-'))
    .map((n) => join(dir, n))
    .filter((d) => existsSync(join(d, 'slice.json')));
}

/**
 * The site's one search index, from the first slice's guides and every slice's search documents
 * (src/integrations/pagefind.ts), built in its own process into the work folder and kept under a
 * key of those inputs, so a build whose documents did not change does not index again.
 */
async function searchIndex(guides: string, guidesKey: string, searchFiles: string[]): Promise<string> {
  const dir = join(work, 'search-index');
  const key = createHash('sha256').update(guidesKey);
  for (const f of searchFiles) key.update(readFileSync(f));
  const digest = key.digest('hex');
  if (existsSync(join(dir, 'key.txt')) && readFileSync(join(dir, 'key.txt'), 'utf8') === digest) {
    log('search index: unchanged, reused.');
    return dir;
  }
  rmSync(dir, { recursive: true, force: true });
  await run(
    [join(ROOT, 'scripts/lib/index-site.ts'), join(guides, 'site', 'client'), dir, ...searchFiles],
    {},
    'Indexing the site for search',
  );
  writeFileSync(join(dir, 'key.txt'), digest);
  return dir;
}

/**
 * Assembles the site from finished slices. The first slice brings the pages about no single server
 * and the server code; the others bring their server and tool pages and their index parts. A page
 * every slice renders (the home page, say) comes from the first; the copies must agree in size.
 */
async function merge(dirs: string[], target: string, index?: Promise<string>): Promise<void> {
  const began = performance.now();
  const slices = dirs.map((d) => ({ dir: d, info: readInfo(d)! })).sort((a, b) => a.info.index - b.info.index);
  if (slices.length === 0) fail('No built slices found to merge.', 1);
  // A shard made by a build from before search documents existed has none to give the index.
  for (const { dir } of slices)
    if (!existsSync(join(dir, 'search.json')))
      fail(
        `${join(dir, 'search.json')} is missing, so the site's search index cannot be built. Build that shard again with this version (npm run build -- --shard K/N).`,
        1,
      );
  const count = slices[0]!.info.count;
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !slices.some((s) => s.info.index === i));
  if (slices.some((s) => s.info.count !== count))
    fail('These slices come from different plans (their slice counts differ); build them from one catalogue.', 1);
  // Shards of one catalogue share one plan: the same code, server records, guides and manifest.
  const plans = new Map<string, string[]>();
  for (const { dir, info } of slices)
    plans.set(info.plan ?? '(none)', [...(plans.get(info.plan ?? '(none)') ?? []), dir]);
  if (plans.size > 1)
    fail(
      `These shards were built from different catalogues or code, so together they would make a mixed site:\n${[...plans.values()].map((dirs, i) => `  plan ${i + 1}: ${dirs.join(', ')}`).join('\n')}\nBuild every shard from one checkout of the code and one content folder (npm run build -- --shard K/N), then merge.`,
      1,
    );
  const twice = slices.filter((s, i) => slices.some((t, j) => j < i && t.info.index === s.info.index));
  if (twice.length)
    fail(
      `Slice ${twice.map((s) => s.info.index).join(', ')} was given more than once (${twice.map((s) => s.dir).join(', ')}); name each shard's folder once.`,
      1,
    );
  if (missing.length) fail(`Slices ${missing.join(', ')} of ${count} are missing; build every shard first.`, 1);
  // One search index for the whole site (searchIndex): built beside the slices, or started here.
  // Either way it is awaited only once the pages are placed, which happens while it is built.
  const indexed =
    index ??
    searchIndex(
      slices[0]!.dir,
      slices[0]!.info.key,
      slices.map((s) => join(s.dir, 'search.json')),
    );
  indexed.catch(() => {}); // its failure is reported where it is awaited, below
  // A folder merged before keeps every file that is still the same file (the same hard link to a
  // slice's unchanged output); only new and changed files are placed, and files no slice has are
  // removed, so after an edit the merge touches what changed. The search index is placed last.
  rmSync(join(target, 'client', 'pagefind'), { recursive: true, force: true });
  // The server code placed here imports packages by name: outside the project, the folder gets the
  // `node_modules` link each slice's folder has (src/integrations/outside-out-dir.ts), so that
  // `npm start` can load it. The link is no file of the site, so it is never stale.
  const linked = linkProjectPackages(ROOT, target);
  const stale = new Set(existsSync(target) ? files(target) : []);
  if (linked) stale.delete('node_modules');
  const seen = new Set<string>();
  let placed = 0;
  for (const { dir, info } of slices) {
    const site = join(dir, 'site');
    for (const part of info.index === 0 ? ['client', 'server'] : ['client']) {
      for (const rel of files(site, part)) {
        const from = join(site, rel);
        const to = join(target, rel);
        if (seen.has(rel)) {
          if (statSync(from).size !== statSync(to).size)
            fail(`Slices disagree on ${rel}; were they built from the same catalogue and code?`, 1);
          continue;
        }
        seen.add(rel);
        if (stale.delete(rel)) {
          if (statSync(from).ino === statSync(to).ino) continue;
          rmSync(to);
        } else {
          mkdirSync(join(to, '..'), { recursive: true });
        }
        place(from, to);
        placed++;
      }
    }
  }
  for (const rel of stale) rmSync(join(target, rel));
  // Folders those files leave empty go too (a deleted tool's folder), deepest first.
  const emptied = new Set<string>();
  for (const rel of stale) for (let d = dirname(rel); d !== '.'; d = dirname(d)) emptied.add(d);
  for (const d of [...emptied].sort((a, b) => b.length - a.length))
    if (readdirSync(join(target, d)).length === 0) rmSync(join(target, d), { recursive: true });
  log(
    `merged ${seen.size.toLocaleString('en')} files (${placed.toLocaleString('en')} placed, ${stale.size.toLocaleString('en')} removed) in ${((performance.now() - began) / 1000).toFixed(1)} s.`,
  );
  const built = await indexed;
  for (const rel of files(built)) {
    if (rel === 'key.txt') continue;
    const to = join(target, 'client', 'pagefind', rel);
    mkdirSync(join(to, '..'), { recursive: true });
    place(join(built, rel), to);
  }
}

const started = performance.now();
try {
  if (opts.merge) {
    if (args.positionals.length === 0) fail(`--merge needs the shards' folders.\n${USAGE}`);
    await merge(
      args.positionals.flatMap((d) => slicesIn(resolve(d))),
      out,
    );
  } else {
    let shard: { k: number; n: number } | undefined;
    if (opts.shard !== undefined) {
      const m = /^(\d+)\/(\d+)$/.exec(opts.shard);
      const k = Number(m?.[1]);
      const n = Number(m?.[2]);
      if (!m || n < 1 || k < 1 || k > n)
        fail(`--shard must be K/N with 1 ≤ K ≤ N, for example 2/4, not "${opts.shard}".`);
      shard = { k, n };
    }
    mkdirSync(work, { recursive: true });
    const planned = spawnSync(process.execPath, [join(ROOT, 'scripts/lib/plan.ts'), work], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
    if (planned.status !== 0) fail(planned.stderr.trim(), 1);
    const summary = JSON.parse(planned.stdout.trim().split('\n').at(-1)!) as PlanSummary;
    writeFileSync(join(work, 'plan', 'summary.json'), JSON.stringify(summary));
    log(
      `${summary.servers} servers, ${summary.tools} tools and every embedded policy are valid; ${summary.slices} slice${summary.slices === 1 ? '' : 's'} (${((performance.now() - started) / 1000).toFixed(1)} s).`,
    );
    const mine = Array.from({ length: summary.slices }, (_, i) => i).filter(
      (i) => !shard || i % shard.n === shard.k - 1,
    );
    // Slices render side by side, `jobs()` at a time; the lock keeps other builds in this checkout
    // out. A whole build also indexes the site for search as one of those jobs, once the first slice
    // (the guides) is done and while the others render; shards leave that to the merge.
    let first: Promise<string> | undefined;
    const INDEX = -1;
    // Pagefind holds the whole index in memory, about 9 KB a tool (2.1 GB at 224,000 tools), so in a
    // larger catalogue it runs after the slices, alone, and the build stays within 4 GB.
    const beside = !shard && mine.length > 0 && summary.tools <= INDEX_BESIDE_TOOLS;
    const tasks = beside ? [mine[0]!, ...mine.slice(1, 2), INDEX, ...mine.slice(2)] : mine;
    let index: string | undefined;
    // The merge places the slices' files as soon as every slice is done, while the index may still
    // be built: after an edit that index is the longest job.
    const dirs: string[] = new Array(mine.length);
    let left = mine.length;
    let slicesDone: () => void = () => {};
    const allSlices = new Promise<void>((resolve) => (slicesDone = resolve));
    if (left === 0) slicesDone();
    const building = withAstroLock(() =>
      pool(tasks, jobs(), async (i) => {
        if (i !== INDEX) {
          const done = buildSlice(i, summary.keys[i]!);
          if (i === 0) first = done;
          dirs[mine.indexOf(i)] = await done;
          if (--left === 0) slicesDone();
          return;
        }
        // The plan's copies of the slices' documents: the slices may still be rendering.
        index = await searchIndex(
          await first!,
          summary.keys[0]!,
          mine.map((n) => join(work, 'plan', `search-${n}.json`)),
        );
      }),
    );
    // A failed job ends the build at once, even while other slices are still to finish.
    await Promise.race([allSlices, building]);
    if (shard) {
      await building;
      // The shard's artifact: its finished slices, as they are.
      rmSync(out, { recursive: true, force: true });
      for (const dir of dirs) {
        const to = join(out, `slice-${readInfo(dir)!.index}`);
        for (const rel of ['slice.json', 'search.json', ...files(dir, 'site')]) {
          mkdirSync(join(to, rel, '..'), { recursive: true });
          place(join(dir, rel), join(to, rel));
        }
      }
      log(`shard ${shard.k}/${shard.n}: slices ${mine.join(', ') || '(none)'} in ${out}.`);
    } else {
      await merge(dirs, out, beside ? building.then(() => index!) : undefined);
      await building;
    }
  }
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s; the site is in ${out}.`);
} catch (err) {
  fail((err as Error).message, 1);
}
