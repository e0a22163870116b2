/**
 * `npm run bench -- --tools N`: builds a synthetic catalogue of N tools and prints how long the
 * build took, how many pages it wrote, and how much memory it needed. A benchmark, not a test.
 *
 * Everything lives under .bench/ (git-ignored): catalogue-N/ holds the records (made once, reused
 * until --regenerate), dist-N/ and cache-N/ the build's output and Astro cache.
 */
import { execFileSync, spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, writeSyntheticCatalogue } from './lib/synthetic.ts';
import { watchMemory, type MemoryPeak } from './lib/process-memory.ts';
import { gzipSync } from 'node:zlib';
import { summariseProfiles } from './lib/cpuprofile.ts';
import { plural } from '#src/model/text.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BENCH = join(ROOT, '.bench');

const USAGE = `Usage: npm run bench -- [--tools N] [--seed S] [--regenerate] [--generate-only] [--review] [--warm] [--edit] [--profile] [--verbose]
       npm run bench -- --import

  --tools N        how many tools the synthetic catalogue has (default 1000)
  --seed S         seed of the generator (default ${DEFAULT_SEED}); a different seed is a different catalogue
  --regenerate     write the catalogue again even when .bench/catalogue-N/ exists
  --generate-only  write the catalogue to .bench/catalogue-N/ and stop, without building
  --edit           after the build, change one tool record and build again, as an editor would
  --warm           keep the previous output and Astro cache instead of building cold
  --concurrency N  an experiment: Astro's build.concurrency set to N (the project's config is untouched)
  --profile        run the build under --cpu-prof and print where the time went
  --verbose        stream the build's own output as it runs (it is always saved to .bench/build-N.log)
  --review         instead of a build: list the synthetic catalogue's review queue (npm run review), timed
  --import         instead of a build: re-import every server of the shipped manifest from its saved
                   answers (npm run import -- --all --offline --dry-run, which writes nothing), timed`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      tools: { type: 'string', default: '1000' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      regenerate: { type: 'boolean', default: false },
      'generate-only': { type: 'boolean', default: false },
      edit: { type: 'boolean', default: false },
      warm: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      concurrency: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      import: { type: 'boolean', default: false },
      review: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
} catch (err) {
  fail(`${(err as Error).message}.`);
}
const opts = parsed.values;
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}
const count = Number(opts.tools);
if (!Number.isInteger(count) || count < 1 || count > 1_000_000)
  fail(`--tools must be a whole number from 1 to 1000000, not "${opts.tools}".`);
const seed = Number(opts.seed);
if (!Number.isInteger(seed)) fail(`--seed must be a whole number, not "${opts.seed}".`);
const concurrency = opts.concurrency === undefined ? undefined : Number(opts.concurrency);
if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64))
  fail(`--concurrency must be a whole number from 1 to 64, not "${opts.concurrency}".`);

const suffix = seed === DEFAULT_SEED ? `${count}` : `${count}-s${seed}`;
const catalogueDir = join(BENCH, `catalogue-${suffix}`);
const outDir = join(BENCH, `dist-${suffix}`);
const cacheDir = join(BENCH, `cache-${suffix}`);
const profileDir = join(BENCH, `profile-${suffix}`);
const logFile = join(BENCH, `build-${suffix}.log`);
/** Written last, so a catalogue interrupted half-way is never reused. */
const stampFile = join(catalogueDir, '.complete.json');

/** Terminal colour codes, kept out of the saved log and the parsed output. */
// eslint-disable-next-line no-control-regex -- strips ANSI colour escapes, which start with ESC
const ANSI = /\x1b\[[0-9;]*m/g;
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

function walk(dir: string, visit: (path: string, size: number, name: string) => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path, visit);
    else if (e.isFile()) visit(path, statSync(path).size, e.name);
  }
}

function sizeOf(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  walk(dir, (_p, size) => {
    bytes += size;
    files++;
  });
  return { bytes, files };
}

/** The 1-minute load average: above the CPU count, other work is slowing the build down. */
function loadAverage(): string {
  return loadavg()[0]!.toFixed(2);
}

/** The commit measured, marked when src/ or the config have uncommitted changes. */
function commitOf(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'astro.config.mjs', 'site.config.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head} with uncommitted changes in src/` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Process ids of Astro builds that are not ours, from /proc (empty elsewhere). */
function otherBuilds(): number[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return [];
  }
  return pids
    .filter((p) => {
      try {
        const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
        return cmd.some((a) => a.endsWith('astro.mjs')) && cmd.includes('build');
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** A page's route shape, so that 10,000 tool pages count as one line. */
function routeOf(path: string): string {
  const parts = path
    .replace(/index\.html$/, '')
    .split('/')
    .filter(Boolean);
  if (parts[0] === 'servers' && parts.length === 3)
    return parts[2]!.includes('.') ? `/servers/[server]/${parts[2]}` : '/servers/[server]/[tool]/';
  if (parts[0] === 'servers' && parts.length === 2) return '/servers/[server]/';
  if (parts.length >= 2) return `/${parts[0]}/[${parts.length - 1 === 1 ? 'id' : 'id/page'}]/`;
  return path;
}

/**
 * Runs one of the project's scripts, watching its process tree, and prints a line of its output
 * (`pick`) with the wall time, the CPU time and the peak memory; then exits with its status.
 */
async function timeScript(
  heading: string,
  script: string,
  args: string[],
  env: Record<string, string>,
  pick: (lines: string[]) => string | undefined,
): Promise<never> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'scripts', script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const memory = watchMemory(child.pid!, 250);
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? 1)));
  const peak = memory.stop();
  const cpu = peak.perProcess.reduce((sum, p) => sum + p.cpuSeconds, 0);
  console.log(
    [
      `${heading} (${commitOf()}):`,
      `  ${pick(output.trim().split('\n'))}`,
      `  ${seconds(performance.now() - started)} s wall, ${cpu.toFixed(1)} s CPU, peak ${mib(peak.processBytes)}; load ${loadAverage()} on ${availableParallelism()} CPUs`,
    ].join('\n'),
  );
  process.exit(code);
}

// The importer instead of the build: every server of the shipped manifest, from its saved answers.
if (opts.import)
  await timeScript(
    'Import of the shipped manifest, offline and dry',
    'import.ts',
    ['--all', '--offline', '--dry-run'],
    {},
    (lines) => lines.at(-1),
  );

// 1. The catalogue.
mkdirSync(BENCH, { recursive: true });
let servers: number;
const stamp = existsSync(stampFile)
  ? (JSON.parse(readFileSync(stampFile, 'utf8')) as { tools: number; servers: number; seed: number })
  : undefined;
if (stamp && !opts.regenerate) {
  servers = stamp.servers;
  console.log(`Reusing the catalogue in ${catalogueDir} (pass --regenerate to write it again).`);
} else {
  const started = performance.now();
  const written = writeSyntheticCatalogue(catalogueDir, count, { seed, sampleDir: join(ROOT, 'content') });
  servers = written.servers.length;
  writeFileSync(stampFile, `${JSON.stringify({ tools: count, servers, seed })}\n`);
  console.log(
    `Wrote ${plural(count, 'tool')} on ${plural(servers, 'server')} to ${catalogueDir} in ${seconds(performance.now() - started)} s.`,
  );
}
if (opts['generate-only']) process.exit(0);

// The review queue instead of the build: every record read, one server's folder at a time.
if (opts.review)
  await timeScript(
    `Review queue of ${count} synthetic tools`,
    'review.ts',
    ['--limit', '1'],
    { ATLAS_CONTENT: catalogueDir },
    (lines) => lines[0],
  );

// 2. The build. Two runs on the same folders would delete each other's output mid-build.
const lockFile = join(BENCH, `run-${suffix}.lock`);
try {
  writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
} catch {
  const owner = Number(readFileSync(lockFile, 'utf8'));
  if (alive(owner)) {
    console.error(
      `Another benchmark (process ${owner}) is building into ${outDir}. Wait for it to finish, or pick another --tools or --seed.`,
    );
    process.exit(1);
  }
  writeFileSync(lockFile, String(process.pid));
}
process.on('exit', () => rmSync(lockFile, { force: true }));
const others = otherBuilds();
if (others.length) {
  console.warn(
    `Warning: ${others.length} other Astro build${others.length === 1 ? ' is' : 's are'} running (process ${others.join(', ')}); they share the CPU, so these figures will be slower than usual.`,
  );
}
if (!opts.warm) {
  rmSync(outDir, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
}
rmSync(profileDir, { recursive: true, force: true });
// The experiment's config wraps the project's own, so that only build.concurrency differs.
const extraEnv: Record<string, string> = {};
if (concurrency !== undefined) {
  const wrapper = join(BENCH, `astro.concurrency-${concurrency}.config.mjs`);
  writeFileSync(
    wrapper,
    `import base from '../astro.config.mjs';\nexport default { ...base, build: { ...base.build, concurrency: ${concurrency} } };\n`,
  );
  extraEnv.ATLAS_ASTRO_CONFIG = relative(ROOT, wrapper);
}
// Every process of the build (plan, each slice's Astro and indexer) writes its own profile.
if (opts.profile) extraEnv.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${profileDir}`;

/**
 * CPU seconds used by this process's finished children and all their descendants (cutime and
 * cstime in /proc/self/stat): exact for the whole build, and fairer than wall time on a busy machine.
 */
function childrenCpu(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

interface Run {
  /** CPU seconds of the whole build's process tree. */
  cpuS: number;
  code: number | null;
  wallMs: number;
  peak: MemoryPeak;
  loadBefore: string;
  loadAfter: string;
  /** Astro's and the build's own progress lines (not the one-per-page ones), with when they arrived. */
  marks: { ms: number; line: string }[];
  /** Render time by route, from the "(+N ms)" Astro prints after each page. */
  routes: Map<string, { pages: number; ms: number }>;
  /** The last lines, for a failure's report; the whole log is in the log file. */
  tail: string[];
  validation?: string;
}

/**
 * Runs `npm run build` (scripts/build.ts) on the synthetic catalogue and watches its process tree.
 * The output is parsed as it streams and never held whole (at 50,000 tools it is over 100 MB),
 * and memory is sampled once a second from /proc: the kernel's own high-water mark (VmHWM) catches
 * each process's peak between samples, so a low rate costs no accuracy there.
 */
async function runBuild(label: string): Promise<Run> {
  const log = createWriteStream(logFile, { flags: label === 'cold' ? 'w' : 'a' });
  log.write(`\n=== ${label} build ===\n`);
  const loadBefore = loadAverage();
  const cpuBefore = childrenCpu();
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'scripts/build.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...extraEnv,
      ATLAS_CONTENT: catalogueDir,
      ATLAS_OUT: outDir,
      ATLAS_CACHE: cacheDir,
      ATLAS_BUILD_PAGE_LINES: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const memory = watchMemory(child.pid!, 1000);
  const marks: Run['marks'] = [];
  const routes: Run['routes'] = new Map();
  const tail: string[] = [];
  let validation: string | undefined;
  const PAGE_LINE = /[├└]─ (\S+) \(\+(\d+)ms\)/;
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream.on('data', (chunk: Buffer) => {
      const ms = performance.now() - started;
      const text = chunk.toString().replace(ANSI, '');
      log.write(text);
      if (opts.verbose) process.stdout.write(chunk);
      const lines = (pending + text).split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const page = PAGE_LINE.exec(line);
        if (page) {
          const route = routeOf(page[1]!);
          const r = routes.get(route) ?? { pages: 0, ms: 0 };
          r.pages++;
          r.ms += Number(page[2]);
          routes.set(route, r);
          continue;
        }
        tail.push(line);
        if (tail.length > 40) tail.shift();
        if (/^\d\d:\d\d:\d\d /.test(line) && !line.includes('[WARN]')) marks.push({ ms, line: line.slice(9).trim() });
        else if (line.startsWith('[build] ')) marks.push({ ms, line: line.trim() });
        const valid = /^\[build\] .*are valid; .*\(([\d.]+) s\)/.exec(line);
        if (valid) validation = valid[1];
      }
    });
  }
  const code: number | null = await new Promise((done) => child.on('close', done));
  const wallMs = performance.now() - started;
  const peak = memory.stop();
  await new Promise((done) => log.end(done));
  // The children's rusage misses processes no one waited for (Pagefind's service); the samples
  // miss each process's last second. The larger of the two is the closer figure.
  const sampled = peak.perProcess.reduce((sum, p) => sum + p.cpuSeconds, 0);
  const cpuS = Math.max(childrenCpu() - cpuBefore, sampled);
  return { cpuS, code, wallMs, peak, loadBefore, loadAfter: loadAverage(), marks, routes, tail, validation };
}

function report(run: Run, label: string): void {
  if (run.code !== 0) {
    console.error(
      `The ${label} build failed with exit code ${run.code}. Its last lines (the whole log is in ${logFile}):`,
    );
    console.error(run.tail.join('\n'));
    process.exit(1);
  }
  const pages = countPages();
  const rows: [string, string][] = [
    ['build', label],
    ['commit', commitOf()],
    ['load average before/after', `${run.loadBefore} / ${run.loadAfter} on ${availableParallelism()} CPUs`],
    ['tools', String(count)],
    ['servers', String(servers)],
    ['pages built (index.html)', String(pages)],
    ['build wall time', `${seconds(run.wallMs)} s`],
    ['CPU time, process tree', `${run.cpuS.toFixed(1)} s`],
    ['pages per second', (pages / (run.wallMs / 1000)).toFixed(1)],
    ['peak RSS, largest process', mib(run.peak.processBytes)],
    [
      'peak RSS, process tree',
      `${mib(run.peak.treeBytes)} (${run.peak.processes} process${run.peak.processes === 1 ? '' : 'es'} seen)`,
    ],
    ['checks (plan step)', run.validation ? `${run.validation} s` : 'not found in the log'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('');
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);

  // Where the wall time went: the gaps between progress lines, with the CPU every process of the
  // build used meanwhile and the largest RSS of the whole tree.
  const phaseRows: string[] = [];
  let from = { ms: 0, line: '(start)' };
  for (const mark of [...run.marks, { ms: run.wallMs, line: '(exit)' }]) {
    const window = run.peak.timeline.filter((t) => t.ms >= from.ms && t.ms <= mark.ms);
    const duration = mark.ms - from.ms;
    if (duration >= 2000 && window.length) {
      const cpu = window.at(-1)!.cpuSeconds - window[0]!.cpuSeconds;
      const rss = Math.max(...window.map((t) => t.treeBytes));
      phaseRows.push(
        `  ${seconds(duration).padStart(6)} s  cpu ${cpu.toFixed(1).padStart(6)} s  tree rss ≤ ${mib(rss).padStart(9)}  until: ${mark.line.slice(0, 100)}`,
      );
    }
    from = mark;
  }
  if (phaseRows.length)
    console.log(
      `\nPhases longer than 2 s (wall, CPU of the sampled processes, largest tree RSS):\n${phaseRows.join('\n')}`,
    );
  const heavy = [...run.peak.perProcess].sort((a, b) => b.peakBytes - a.peakBytes).slice(0, 8);
  console.log(
    `\nLargest processes:\n${heavy.map((p) => `  ${p.command.padEnd(16)} pid ${String(p.pid).padEnd(8)} cpu ${p.cpuSeconds.toFixed(1).padStart(6)} s  peak RSS ${mib(p.peakBytes)}`).join('\n')}`,
  );
  if (run.routes.size) {
    const list = [...run.routes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12);
    console.log(
      `\nRender time by route (Astro's per-page figures${concurrency && concurrency > 1 ? ', which overlap when pages render concurrently' : ''}):\n${list
        .map(
          ([route, r]) =>
            `  ${seconds(r.ms).padStart(6)} s  ${String(r.pages).padStart(7)} pages  ${(r.ms / r.pages).toFixed(2).padStart(6)} ms/page  ${route}`,
        )
        .join('\n')}`,
    );
  }
}

function countPages(): number {
  let pages = 0;
  walk(outDir, (_p, _s, name) => {
    if (name === 'index.html') pages++;
  });
  return pages;
}

const gzipKb = (path: string) => gzipSync(readFileSync(path)).length / 1024;
const sizeKb = (path: string) => statSync(path).size / 1024;
const average = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/**
 * What a visitor's browser downloads for a search, as a static host sends it (gzip for JS and JSON;
 * Pagefind's own files are compressed already). A first query loads Pagefind's code and wasm, the
 * index's entry and metadata, one index chunk, the exact-name lookup's bucket count and one bucket,
 * and one fragment per result read (counted as 10; a server's document usually gives several
 * lines, so fewer are read). A later query loads one chunk, one bucket and its fragments. Filters
 * load only when one is used (a browser test checks a plain query fetches none); they are
 * reported beside. Chunks and fragments are averages; the largest chunk is reported too.
 */
function searchTransfer(): { first: number; next: number; largestChunk: number; filters: number } | undefined {
  const root = join(outDir, 'client', 'pagefind');
  if (!existsSync(join(root, 'pagefind.js'))) return undefined;
  let first = gzipKb(join(root, 'pagefind.js')) + gzipKb(join(root, 'pagefind-worker.js'));
  first += sizeKb(join(root, 'wasm.en.pagefind')) + gzipKb(join(root, 'pagefind-entry.json'));
  for (const name of readdirSync(root)) if (name.endsWith('.pf_meta')) first += sizeKb(join(root, name));
  const chunkSizes = readdirSync(join(root, 'index')).map((n) => sizeKb(join(root, 'index', n)));
  const chunk = average(chunkSizes);
  const buckets = readdirSync(join(root, 'names')).filter((n) => n !== 'index.json');
  // A sample is enough for an average; reading 200,000 sizes is not needed.
  const bucket = average(buckets.slice(0, 200).map((n) => gzipKb(join(root, 'names', n))));
  const fragment = average(
    readdirSync(join(root, 'fragment'))
      .slice(0, 200)
      .map((n) => sizeKb(join(root, 'fragment', n))),
  );
  const filters = readdirSync(join(root, 'filter')).reduce((sum, n) => sum + sizeKb(join(root, 'filter', n)), 0);
  const next = chunk + bucket + 10 * fragment;
  return {
    first: first + gzipKb(join(root, 'names', 'index.json')) + next,
    next,
    largestChunk: Math.max(0, ...chunkSizes),
    filters,
  };
}

console.log(
  `Building ${opts.warm ? 'warm' : 'cold'} into ${outDir}${opts.profile ? ' with the CPU profiler on' : ''}${concurrency ? ` with build.concurrency ${concurrency}` : ''}; the log goes to ${logFile}.`,
);
const cold = await runBuild(opts.warm ? 'warm' : 'cold');
report(cold, opts.warm ? 'warm' : 'cold');
const output_ = sizeOf(outDir);
const pagefindDir = join(outDir, 'client', 'pagefind');
const pagefind = existsSync(pagefindDir) ? sizeOf(pagefindDir) : undefined;
const search = searchTransfer();
console.log(`output size                ${mib(output_.bytes)} in ${output_.files} files`);
console.log(
  `search index               ${pagefind ? `${mib(pagefind.bytes)} in ${pagefind.files} files` : 'none'}; a first query fetches ${search ? search.first.toFixed(0) : '?'} KB, a later one ${search ? search.next.toFixed(0) : '?'} KB (largest index chunk ${search ? search.largestChunk.toFixed(0) : '?'} KB; filters, when used, ${search ? search.filters.toFixed(0) : '?'} KB)`,
);

if (opts.profile) {
  console.log(`\n${summariseProfiles(profileDir, ROOT)}`);
}

const result: Record<string, number | string> = {
  tools: count,
  pages: countPages(),
  wall_s: Number(seconds(cold.wallMs)),
  cpu_s: Math.round(cold.cpuS),
  peak_rss_mib: Math.round(cold.peak.treeBytes / 1024 / 1024),
  files: output_.files,
  search_first_query_kb: search ? Math.round(search.first) : -1,
  search_next_query_kb: search ? Math.round(search.next) : -1,
  load_avg: `${cold.loadBefore}/${cold.loadAfter}`,
};

if (opts.edit) {
  // One record changes as an editor would change it: a tool's description, the first tool file.
  const folder = readdirSync(join(catalogueDir, 'tools')).sort()[0]!;
  const file = join(catalogueDir, 'tools', folder, readdirSync(join(catalogueDir, 'tools', folder)).sort()[0]!);
  const original = readFileSync(file, 'utf8');
  writeFileSync(
    file,
    original.replace(/description: .*/, `description: Edited by the benchmark at ${new Date().toISOString()}.`),
  );
  try {
    console.log(`\nEdited ${relative(ROOT, file)}; building again with the previous output and cache.`);
    const edit = await runBuild('after one edit');
    report(edit, 'after one edit');
    result.edit_wall_s = Number(seconds(edit.wallMs));
    result.edit_cpu_s = Math.round(edit.cpuS);
    result.edit_peak_rss_mib = Math.round(edit.peak.treeBytes / 1024 / 1024);
    result.edit_load_avg = `${edit.loadBefore}/${edit.loadAfter}`;
  } finally {
    writeFileSync(file, original);
  }
}
console.log(`\n${JSON.stringify(result)}`);
