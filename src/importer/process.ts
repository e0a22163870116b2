import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/**
 * Variables a server started through npm, npx or a TLS-intercepting proxy needs in order to start,
 * passed on from the importer's own environment. Anything else reaches the server only when it is
 * named with `--env`.
 */
const INHERITED = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'TERM',
  'LANG',
  'LC_ALL',
  'TMPDIR',
  'TMP',
  'TEMP',
  'XDG_CACHE_HOME',
  'XDG_CONFIG_HOME',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'REQUESTS_CA_BUNDLE',
  'NPM_CONFIG_USERCONFIG',
  // Windows
  'APPDATA',
  'LOCALAPPDATA',
  'USERPROFILE',
  'SYSTEMROOT',
  'SYSTEMDRIVE',
  'PROGRAMFILES',
  'HOMEDRIVE',
  'HOMEPATH',
  'USERNAME',
];

/** npm reads its settings (registry, proxy, cache, CA) from `npm_config_*` in any case. */
const NPM_CONFIG = /^npm_config_/i;

/** The environment a started server gets: the start-up variables above plus the named ones. */
export function serverEnvironment(
  named: Record<string, string>,
  from: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(from)) {
    if (value === undefined || value.startsWith('()')) continue;
    if (INHERITED.includes(key) || NPM_CONFIG.test(key)) env[key] = value;
  }
  return { ...env, ...named };
}

/**
 * Every process whose ancestry leads to `root`, or that is in the process group `root` leads (a
 * grandchild whose parent has exited is re-parented, but keeps its group). Linux: read from /proc;
 * elsewhere none.
 */
export function descendantsOf(root: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  const grouped: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ")".
    const [, ppidText, pgrpText] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(ppidText);
    if (Number(pgrpText) === root && Number(entry) !== root) grouped.push(Number(entry));
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const out: number[] = [...grouped];
  const queue = [root, ...grouped];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      if (out.includes(child)) continue;
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An MCP stdio client transport that owns the server's whole process tree. The server runs in a
 * process group of its own; closing ends the group and every process descended from the server,
 * so a grandchild (npx → sh → node) cannot outlive the import. The connection counts as closed when
 * the server process exits, not when its stdout closes: a grandchild that holds stdout open must
 * not make the import wait.
 */
export class ProcessTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private child?: ChildProcess;
  private readonly buffer = new ReadBuffer();
  private closed = false;
  private stderrText = '';

  private readonly command: string;
  private readonly args: string[];
  private readonly env: Record<string, string>;
  private readonly cwd: string | undefined;

  /** `cwd`: the folder the server starts in; the importer's own when not given. */
  constructor(command: string, args: string[], env: Record<string, string>, cwd?: string) {
    this.command = command;
    this.args = args;
    this.env = env;
    this.cwd = cwd;
  }

  /** The server's recent output on stderr. */
  get stderr(): string {
    return this.stderrText;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.command, this.args, {
        env: this.env,
        ...(this.cwd ? { cwd: this.cwd } : {}),
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
      this.child = child;
      child.once('error', (error) => {
        reject(error);
        this.onerror?.(error);
      });
      child.once('spawn', () => resolve());
      child.once('exit', () => {
        // Let what is already in the pipe arrive before reporting the end.
        setTimeout(() => this.finish(), 50);
      });
      child.stdout?.on('data', (chunk: Buffer) => {
        try {
          this.buffer.append(chunk);
        } catch (error) {
          this.onerror?.(error as Error);
          return;
        }
        for (;;) {
          let message: JSONRPCMessage | null;
          try {
            message = this.buffer.readMessage();
          } catch (error) {
            this.onerror?.(error as Error);
            continue;
          }
          if (message === null) break;
          this.onmessage?.(message);
        }
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        this.stderrText = (this.stderrText + chunk.toString('utf8')).slice(-8000);
      });
      for (const stream of [child.stdin, child.stdout, child.stderr]) stream?.on('error', () => {});
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.child?.stdin;
      if (!stdin || this.closed || !stdin.writable) {
        reject(new Error('Not connected'));
        return;
      }
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', resolve);
    });
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.();
  }

  private alive(): number[] {
    const pid = this.child?.pid;
    if (pid === undefined) return [];
    const running = this.child?.exitCode === null && this.child.signalCode === null ? [pid] : [];
    return [...running, ...descendantsOf(pid)];
  }

  private kill(sig: NodeJS.Signals, pids: number[]): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    if (process.platform !== 'win32') signal(-pid, sig);
    for (const p of pids) signal(p, sig);
  }

  /** Ends the server's process tree: stdin closed, then SIGTERM, then SIGKILL. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    // Collected first: once the server exits, its children are re-parented and lost from view.
    let tree = this.alive();
    child.stdin?.end();
    for (let i = 0; i < 10 && tree.length > 0 && child.exitCode === null; i++) await wait(50);
    tree = [...new Set([...tree, ...this.alive()])];
    this.kill('SIGTERM', tree);
    for (let i = 0; i < 20 && tree.some(isRunning); i++) await wait(50);
    this.kill('SIGKILL', tree.filter(isRunning));
    // Wait until Node has reaped the server, so that no trace of it is left when the import returns.
    if (child.exitCode === null && child.signalCode === null) {
      await Promise.race([new Promise((resolve) => child.once('exit', resolve)), wait(2000)]);
    }
    child.stdout?.destroy();
    child.stderr?.destroy();
    this.buffer.clear();
    this.finish();
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie answers signal 0 but has ended.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}
