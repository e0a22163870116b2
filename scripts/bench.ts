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
import { watchMemory } from './lib/process-memory.ts';
import { summariseProfiles, summariseWindow } from './lib/cpuprofile.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BENCH = join(ROOT, '.bench');

const USAGE = `Usage: npm run bench -- [--tools N] [--seed S] [--regenerate] [--warm] [--profile] [--verbose]

  --tools N        how many tools the synthetic catalogue has (default 1000)
  --seed S         seed of the generator (default ${DEFAULT_SEED}); a different seed is a different catalogue
  --regenerate     write the catalogue again even when .bench/catalogue-N/ exists
  --warm           keep the previous output and Astro cache instead of building cold
  --concurrency N  an experiment: Astro's build.concurrency set to N (the project's config is untouched)
  --profile        run the build under --cpu-prof and print where the time went
  --verbose        stream the build's own output as it runs (it is always saved to .bench/build-N.log)`;

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
      warm: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      concurrency: { type: 'string' },
      verbose: { type: 'boolean', default: false },
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
    `Wrote ${count} tools on ${servers} servers to ${catalogueDir} in ${seconds(performance.now() - started)} s.`,
  );
}

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
const configArgs: string[] = [];
if (concurrency !== undefined) {
  const wrapper = join(BENCH, `astro.concurrency-${concurrency}.config.mjs`);
  writeFileSync(
    wrapper,
    `import base from '../astro.config.mjs';\nexport default { ...base, build: { ...base.build, concurrency: ${concurrency} } };\n`,
  );
  configArgs.push('--config', relative(ROOT, wrapper));
}
const nodeArgs = opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
console.log(
  `Building ${opts.warm ? 'warm' : 'cold'} into ${outDir}${opts.profile ? ' with the CPU profiler on' : ''}${concurrency ? ` with build.concurrency ${concurrency}` : ''}; the log goes to ${logFile}.`,
);

const loadBefore = loadAverage();
const log = createWriteStream(logFile);
const started = performance.now();
const child = spawn(
  process.execPath,
  [...nodeArgs, join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', ...configArgs],
  {
    cwd: ROOT,
    env: { ...process.env, ATLAS_CONTENT: catalogueDir, ATLAS_OUT: outDir, ATLAS_CACHE: cacheDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
const memory = watchMemory(child.pid!);
let output = '';
/** Astro's own progress lines (not the one-per-page ones), with when they arrived. */
const marks: { ms: number; line: string }[] = [];
const PAGE_LINE = /^\d\d:\d\d:\d\d\s+[├└]─ /;
for (const stream of [child.stdout, child.stderr]) {
  stream.on('data', (chunk: Buffer) => {
    const ms = performance.now() - started;
    for (const line of chunk.toString().replace(ANSI, '').split('\n')) {
      if (/^\d\d:\d\d:\d\d /.test(line) && !PAGE_LINE.test(line) && !line.includes('[WARN]'))
        marks.push({ ms, line: line.slice(9).trim() });
    }
    output += chunk;
    log.write(chunk.toString().replace(ANSI, ''));
    if (opts.verbose) process.stdout.write(chunk);
  });
}
const code: number | null = await new Promise((done) => child.on('close', done));
const wallMs = performance.now() - started;
const peak = memory.stop();
log.end();

if (code !== 0) {
  console.error(`The build failed with exit code ${code}. Its last lines (the whole log is in ${logFile}):`);
  console.error(output.trim().split('\n').slice(-30).join('\n'));
  process.exit(1);
}

// 3. The figures.
let pages = 0;
walk(outDir, (_p, _s, name) => {
  if (name === 'index.html') pages++;
});
const output_ = sizeOf(outDir);
const pagefindDir = join(outDir, 'client', 'pagefind');
const pagefind = existsSync(pagefindDir) ? sizeOf(pagefindDir) : undefined;
const plain = output.replace(ANSI, '');
const validation = /\[policy-atlas:validate\].*valid \((\d+) ms\)/.exec(plain);

const rows: [string, string][] = [
  ['commit', commitOf()],
  ['load average before/after', `${loadBefore} / ${loadAverage()} on ${availableParallelism()} CPUs`],
  ['tools', String(count)],
  ['servers', String(servers)],
  ['pages built (index.html)', String(pages)],
  ['build wall time', `${seconds(wallMs)} s`],
  ['pages per second', (pages / (wallMs / 1000)).toFixed(1)],
  ['peak RSS, largest process', mib(peak.processBytes)],
  ['peak RSS, process tree', `${mib(peak.treeBytes)} (${peak.processes} process${peak.processes === 1 ? '' : 'es'})`],
  ['validation step', validation ? `${(Number(validation[1]) / 1000).toFixed(1)} s` : 'not found in the log'],
  ['output size', `${mib(output_.bytes)} in ${output_.files} files`],
  ['Pagefind index', pagefind ? `${mib(pagefind.bytes)} in ${pagefind.files} files` : 'none (no dist/client/pagefind)'],
];
const width = Math.max(...rows.map(([k]) => k.length));
console.log('');
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);

// Astro's own phase timings, as a first idea of where the time went.
const phases = plain
  .split('\n')
  .filter((l) => /Completed in|built in|\d+ page\(s\) built/i.test(l))
  .map((l) => `  ${l.trim()}`);
if (phases.length) console.log(`\nAstro's phase timings:\n${phases.join('\n')}`);

// Where the wall time went: the gaps between Astro's progress lines, with the CPU every process
// of the build used meanwhile and the build process's largest RSS.
const phaseRows: string[] = [];
const longPhases: { fromMs: number; toMs: number; label: string }[] = [];
let from = { ms: 0, line: '(start: loading Node, Astro and the config)' };
for (const mark of [...marks, { ms: wallMs, line: '(exit)' }]) {
  const window = peak.timeline.filter((t) => t.ms >= from.ms && t.ms <= mark.ms);
  const duration = mark.ms - from.ms;
  if (duration >= 500 && window.length) {
    const cpu = window.at(-1)!.cpuSeconds - window[0]!.cpuSeconds;
    const rss = Math.max(...window.map((t) => t.rootBytes));
    if (duration >= 2000)
      longPhases.push({
        fromMs: from.ms,
        toMs: mark.ms,
        label: `${seconds(from.ms)}-${seconds(mark.ms)} s, until: ${mark.line.slice(0, 80)}`,
      });
    phaseRows.push(
      `  ${seconds(duration).padStart(6)} s  cpu ${cpu.toFixed(1).padStart(5)} s  rss ≤ ${mib(rss).padStart(9)}  until: ${mark.line.slice(0, 100)}`,
    );
  }
  from = mark;
}
console.log(
  `\nPhases longer than 0.5 s (wall, CPU of all build processes, largest RSS of the build process):\n${phaseRows.join('\n')}`,
);
console.log(
  `\nProcesses:\n${peak.perProcess.map((p) => `  ${p.command.padEnd(16)} pid ${String(p.pid).padEnd(8)} cpu ${p.cpuSeconds.toFixed(1).padStart(6)} s  peak RSS ${mib(p.peakBytes)}`).join('\n')}`,
);

// Render time by route, from the "(+N ms)" Astro prints after each page.
const routes = new Map<string, { pages: number; ms: number }>();
for (const m of plain.matchAll(/[├└]─ (\S+) \(\+(\d+)ms\)/g)) {
  const route = routeOf(m[1]!);
  const r = routes.get(route) ?? { pages: 0, ms: 0 };
  r.pages++;
  r.ms += Number(m[2]);
  routes.set(route, r);
}
if (routes.size) {
  const list = [...routes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12);
  console.log(
    `\nRender time by route (Astro's per-page figures${concurrency && concurrency > 1 ? ', which overlap when pages render concurrently' : ''}):\n${list
      .map(
        ([route, r]) =>
          `  ${seconds(r.ms).padStart(6)} s  ${String(r.pages).padStart(7)} pages  ${(r.ms / r.pages).toFixed(2).padStart(6)} ms/page  ${route}`,
      )
      .join('\n')}`,
  );
}

if (opts.profile) {
  console.log(`\n${summariseProfiles(profileDir, ROOT)}`);
  for (const phase of longPhases) {
    console.log(
      `\nThe build process during ${phase.label}:\n${summariseWindow(profileDir, ROOT, { ...phase, exitMs: wallMs })}`,
    );
  }
}
