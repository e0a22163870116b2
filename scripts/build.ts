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
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const USAGE = `Usage: npm run build [-- --shard K/N | --merge DIR...] [--out DIR]`;

/** What a finished slice folder says about itself; written last, so a half-built slice is never used. */
interface SliceInfo {
  index: number;
  count: number;
  key: string;
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

/** The benchmark reads Astro's per-page lines for its render times. */
const KEEP_PAGE_LINES = process.env.ATLAS_BUILD_PAGE_LINES === '1';
/** Another Astro config (the benchmark's experiments), passed to each slice's `astro build`. */
const CONFIG = process.env.ATLAS_ASTRO_CONFIG ? ['--config', process.env.ATLAS_ASTRO_CONFIG] : [];

function run(command: string[], env: Record<string, string>, label: string): Promise<string> {
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
      for (const line of lines)
        if (KEEP_PAGE_LINES || !PAGE_LINE.test(line.replace(ANSI, ''))) process.stdout.write(`${line}\n`);
    });
    child.on('close', (code) =>
      code === 0 ? done(stdout) : reject(new Error(`${label} failed (exit code ${code}).`)),
    );
  });
}

/** Every file under dir, relative, sorted. */
function files(dir: string, prefix = ''): string[] {
  const outList: string[] = [];
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) outList.push(...files(dir, rel));
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
 * Astro keeps some of a build's content state in the project's `.astro/` folder, whatever the
 * cache folder, so two builds of different catalogues in one checkout at once break each other's
 * MDX pages. Slices of one build run one after another anyway; this makes concurrent builds (tests,
 * a benchmark) wait for each other too.
 */
async function withAstroLock<T>(run: () => Promise<T>): Promise<T> {
  const lock = join(ROOT, '.astro', 'atlas-build.lock');
  mkdirSync(join(ROOT, '.astro'), { recursive: true });
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      const owner = Number(readFileSync(lock, 'utf8') || 0);
      let alive: boolean;
      try {
        if (owner > 0) process.kill(owner, 0);
        alive = owner > 0;
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

async function buildSlice(index: number, key: string): Promise<string> {
  const dir = join(work, 'slices', `slice-${index}`);
  const info = readInfo(dir);
  if (info && info.key === key) {
    log(`slice ${index}: unchanged, reused.`);
    return dir;
  }
  // A slice is rendered from scratch, Astro's cache included, so nothing of an earlier build leaks in.
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  await withAstroLock(() =>
    run(
      [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', ...CONFIG],
      {
        ATLAS_SLICE: join(work, 'plan', `slice-${index}.json`),
        ATLAS_OUT: join(dir, 'site'),
        ATLAS_CACHE: join(dir, 'cache'),
      },
      `Rendering slice ${index}`,
    ),
  );
  // The slice's search documents travel with it; the merge indexes every slice's at once.
  copyFileSync(join(work, 'plan', `search-${index}.json`), join(dir, 'search.json'));
  const count = JSON.parse(readFileSync(join(work, 'plan', 'summary.json'), 'utf8')).slices as number;
  const written: SliceInfo = { index, count, key };
  writeFileSync(join(dir, 'slice.json'), `${JSON.stringify(written)}\n`);
  log(`slice ${index}: rendered in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
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
 * Assembles the site from finished slices. The first slice brings the pages about no single server
 * and the server code; the others bring their server and tool pages and their index parts. A page
 * every slice renders (the home page, say) comes from the first; the copies must agree in size.
 */
async function merge(dirs: string[], target: string): Promise<void> {
  const slices = dirs.map((d) => ({ dir: d, info: readInfo(d)! })).sort((a, b) => a.info.index - b.info.index);
  if (slices.length === 0) fail('No built slices found to merge.', 1);
  const count = slices[0]!.info.count;
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !slices.some((s) => s.info.index === i));
  if (slices.some((s) => s.info.count !== count))
    fail('These slices come from different plans (their slice counts differ); build them from one catalogue.', 1);
  if (missing.length) fail(`Slices ${missing.join(', ')} of ${count} are missing; build every shard first.`, 1);
  rmSync(target, { recursive: true, force: true });
  const seen = new Set<string>();
  for (const { dir, info } of slices) {
    const site = join(dir, 'site');
    for (const part of info.index === 0 ? ['client', 'server'] : ['client']) {
      for (const rel of files(site, part)) {
        const to = join(target, rel);
        if (seen.has(rel)) {
          if (statSync(join(site, rel)).size !== statSync(to).size)
            fail(`Slices disagree on ${rel}; were they built from the same catalogue and code?`, 1);
          continue;
        }
        seen.add(rel);
        mkdirSync(join(to, '..'), { recursive: true });
        place(join(site, rel), to);
      }
    }
  }
  // One search index for the whole site, from every slice's documents (src/integrations/pagefind.ts).
  await run(
    [join(ROOT, 'scripts/lib/index-site.ts'), join(target, 'client'), ...slices.map((s) => join(s.dir, 'search.json'))],
    {},
    'Indexing the site for search',
  );
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
    const summary = JSON.parse(planned.stdout.trim().split('\n').at(-1)!) as {
      slices: number;
      tools: number;
      servers: number;
      keys: string[];
    };
    writeFileSync(join(work, 'plan', 'summary.json'), JSON.stringify(summary));
    log(
      `${summary.servers} servers, ${summary.tools} tools and every embedded policy are valid; ${summary.slices} slice${summary.slices === 1 ? '' : 's'} (${((performance.now() - started) / 1000).toFixed(1)} s).`,
    );
    const mine = Array.from({ length: summary.slices }, (_, i) => i).filter(
      (i) => !shard || i % shard.n === shard.k - 1,
    );
    const dirs: string[] = [];
    for (const i of mine) dirs.push(await buildSlice(i, summary.keys[i]!));
    if (shard) {
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
      await merge(dirs, out);
    }
  }
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s; the site is in ${out}.`);
} catch (err) {
  fail((err as Error).message, 1);
}
