/**
 * Peak memory of a process and its descendants, read from /proc (Linux only). Polling misses
 * short spikes in the sum, but VmHWM is the kernel's own high-water mark for each process.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** Kibibytes of `VmRSS` and `VmHWM` for one process, or undefined once it has gone. */
function memoryOf(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status);
    if (!rss || !hwm) return undefined;
    return { rss: Number(rss[1]), hwm: Number(hwm[1]) };
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used so far, and its command name. */
function cpuOf(pid: number): { seconds: number; command: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command sits in parentheses and may itself contain spaces or parentheses.
    const close = stat.lastIndexOf(')');
    const command = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // Fields 14 and 15 of the stat line (utime, stime), counted from after the command.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { seconds: ticks / CLOCK_TICKS, command };
  } catch {
    return undefined;
  }
}

/** USER_HZ: 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

/** Direct children of a process, from every one of its threads. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks) {
    try {
      for (const c of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' '))
        if (c.trim()) out.push(Number(c));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

function tree(root: number): number[] {
  const seen: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    seen.push(pid);
    queue.push(...childrenOf(pid));
  }
  return seen;
}

export interface MemoryPeak {
  /** The highest VmHWM of any single process in the tree, in bytes. */
  processBytes: number;
  /** The highest sum of VmRSS over the whole tree at one sample, in bytes. */
  treeBytes: number;
  /** How many distinct processes were seen. */
  processes: number;
  /** Every process seen, with the CPU time it had used at its last sample. */
  perProcess: { pid: number; command: string; cpuSeconds: number; peakBytes: number }[];
  /** One entry a sample: milliseconds since the watch began, RSS of the root process and of the tree (bytes). */
  timeline: { ms: number; rootBytes: number; treeBytes: number; cpuSeconds: number }[];
}

/** Starts polling `pid` and its descendants every `intervalMs`; `stop()` returns the peaks. */
export function watchMemory(pid: number, intervalMs = 100): { stop(): MemoryPeak } {
  const hwm = new Map<number, number>();
  const cpu = new Map<number, { seconds: number; command: string }>();
  const timeline: MemoryPeak['timeline'] = [];
  const started = performance.now();
  let treeKb = 0;
  const sample = () => {
    let sum = 0;
    let rootKb = 0;
    for (const p of tree(pid)) {
      const m = memoryOf(p);
      if (!m) continue;
      sum += m.rss;
      if (p === pid) rootKb = m.rss;
      hwm.set(p, Math.max(hwm.get(p) ?? 0, m.hwm));
      const c = cpuOf(p);
      if (c) cpu.set(p, c);
    }
    treeKb = Math.max(treeKb, sum);
    const cpuSeconds = [...cpu.values()].reduce((a, c) => a + c.seconds, 0);
    timeline.push({ ms: performance.now() - started, rootBytes: rootKb * 1024, treeBytes: sum * 1024, cpuSeconds });
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const perProcess = [...hwm].map(([p, kb]) => ({
        pid: p,
        command: cpu.get(p)?.command ?? '?',
        cpuSeconds: cpu.get(p)?.seconds ?? 0,
        peakBytes: kb * 1024,
      }));
      return {
        processBytes: Math.max(0, ...hwm.values()) * 1024,
        treeBytes: treeKb * 1024,
        processes: hwm.size,
        perProcess,
        timeline,
      };
    },
  };
}
