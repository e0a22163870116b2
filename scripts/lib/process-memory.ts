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
      for (const c of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) if (c.trim()) out.push(Number(c));
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
}

/** Starts polling `pid` and its descendants every `intervalMs`; `stop()` returns the peaks. */
export function watchMemory(pid: number, intervalMs = 100): { stop(): MemoryPeak } {
  const hwm = new Map<number, number>();
  let treeKb = 0;
  const sample = () => {
    let sum = 0;
    for (const p of tree(pid)) {
      const m = memoryOf(p);
      if (!m) continue;
      sum += m.rss;
      hwm.set(p, Math.max(hwm.get(p) ?? 0, m.hwm));
    }
    treeKb = Math.max(treeKb, sum);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { processBytes: Math.max(0, ...hwm.values()) * 1024, treeBytes: treeKb * 1024, processes: hwm.size };
    },
  };
}
