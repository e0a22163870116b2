/**
 * Reads the .cpuprofile files that `node --cpu-prof` writes and says where the time went: self
 * time per file or package, and inclusive time per project source file and per function, so a
 * slow build can be traced back to the code that causes it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** A short name for where a function lives: a package, a project file, or a runtime bucket. */
export function placeOf(url: string, root: string, functionName = ''): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return '(node internals)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = path.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  return path.startsWith(root) ? relative(root, path) : path;
}

type Totals = Map<string, number>;
const add = (m: Totals, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

export interface ProfileSummary {
  totalMs: number;
  profiles: number;
  /** Self time by package or project file. */
  selfByPlace: Totals;
  /** Inclusive time by project file (outside node_modules), counted once per sample. */
  inclusiveByFile: Totals;
  /** Inclusive time by project function, `name (file:line)`. */
  inclusiveByFunction: Totals;
  /** Inclusive time by package, counted once per sample. */
  inclusiveByPackage: Totals;
}

/**
 * A time window, in milliseconds since the profiled process started. Profiles keep their own
 * clock, so a sample's time is placed by counting back from the profile's end, which is when the
 * process exited (`exitMs` on the caller's clock).
 */
export interface ProfileWindow {
  fromMs: number;
  toMs: number;
  exitMs: number;
}

export function analyseProfiles(files: string[], root: string, window?: ProfileWindow): ProfileSummary {
  const s: ProfileSummary = {
    totalMs: 0,
    profiles: files.length,
    selfByPlace: new Map(),
    inclusiveByFile: new Map(),
    inclusiveByFunction: new Map(),
    inclusiveByPackage: new Map(),
  };
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    // The distinct files, functions and packages on each node's stack, computed once per node.
    const stacks = new Map<number, { files: Set<string>; fns: Set<string>; pkgs: Set<string> }>();
    const stackOf = (id: number): { files: Set<string>; fns: Set<string>; pkgs: Set<string> } => {
      const known = stacks.get(id);
      if (known) return known;
      const chain: number[] = [];
      let cur: number | undefined = id;
      while (cur !== undefined && !stacks.has(cur)) {
        chain.push(cur);
        cur = parent.get(cur);
      }
      let acc =
        cur !== undefined
          ? stacks.get(cur)!
          : { files: new Set<string>(), fns: new Set<string>(), pkgs: new Set<string>() };
      for (const nid of chain.reverse()) {
        const { callFrame } = byId.get(nid)!;
        const place = placeOf(callFrame.url, root, callFrame.functionName);
        const own = { files: new Set(acc.files), fns: new Set(acc.fns), pkgs: new Set(acc.pkgs) };
        const inProject =
          callFrame.url && !callFrame.url.includes('/node_modules/') && !callFrame.url.startsWith('node:');
        if (inProject) {
          own.files.add(place);
          own.fns.add(`${callFrame.functionName || '(anonymous)'} (${place}:${callFrame.lineNumber + 1})`);
        } else if (!place.startsWith('(')) own.pkgs.add(place);
        stacks.set(nid, own);
        acc = own;
      }
      return acc;
    };
    // Sample times in µs on the profile's clock.
    const times: number[] = [];
    let t = profile.startTime;
    for (const d of profile.timeDeltas) times.push((t += d));
    profile.samples.forEach((id, i) => {
      if (window) {
        const at = window.exitMs - (profile.endTime - times[i]!) / 1000;
        if (at < window.fromMs || at > window.toMs) return;
      }
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      s.totalMs += ms;
      const { callFrame } = byId.get(id)!;
      add(s.selfByPlace, placeOf(callFrame.url, root, callFrame.functionName), ms);
      const st = stackOf(id);
      for (const f of st.files) add(s.inclusiveByFile, f, ms);
      for (const f of st.fns) add(s.inclusiveByFunction, f, ms);
      for (const p of st.pkgs) add(s.inclusiveByPackage, p, ms);
    });
  }
  return s;
}

function table(title: string, totals: Totals, totalMs: number, limit: number): string {
  const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, limit);
  return [
    title,
    ...rows.map(
      ([k, ms]) => `  ${(ms / 1000).toFixed(1).padStart(7)} s ${((100 * ms) / totalMs).toFixed(1).padStart(5)} %  ${k}`,
    ),
  ].join('\n');
}

function profileFiles(dir: string): string[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => join(dir, f));
  } catch {
    files = [];
  }
  return files;
}

/** A short report on one window of the profiles in `dir`: what ran, by package and by project function. */
export function summariseWindow(dir: string, root: string, window: ProfileWindow, limit = 8): string {
  const files = profileFiles(dir);
  if (!files.length) return '';
  const s = analyseProfiles(files, root, window);
  if (s.totalMs < 1) return '  (no samples)';
  const indent = (text: string) => text.replace(/^/gm, '  ');
  return [
    indent(table('Self time by package or file:', s.selfByPlace, s.totalMs, limit)),
    indent(table('Inclusive time by project function:', s.inclusiveByFunction, s.totalMs, limit)),
  ].join('\n');
}

/** A printable report on every profile in `dir`. */
export function summariseProfiles(dir: string, root: string, limit = 15): string {
  const files = profileFiles(dir);
  if (!files.length) return `No CPU profile was written to ${dir}.`;
  const s = analyseProfiles(files, root);
  return [
    `CPU profile: ${(s.totalMs / 1000).toFixed(1)} s sampled in ${s.profiles} process${s.profiles === 1 ? '' : 'es'} (${dir}).`,
    table('Self time by package or file:', s.selfByPlace, s.totalMs, limit),
    table('Inclusive time by package:', s.inclusiveByPackage, s.totalMs, limit),
    table('Inclusive time by project file:', s.inclusiveByFile, s.totalMs, limit),
    table('Inclusive time by project function:', s.inclusiveByFunction, s.totalMs, limit),
  ].join('\n\n');
}

// `node scripts/lib/cpuprofile.ts <dir>` summarises profiles written earlier.
if (import.meta.main) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('Name the folder that holds the .cpuprofile files, for example .bench/profile-10000.');
    process.exit(2);
  }
  console.log(summariseProfiles(dir, join(import.meta.dirname, '../..')));
}
