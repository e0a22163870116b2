import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tempDir } from './temp.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist');

/** Asks the OS for a free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

export interface RunningSite {
  url: string;
  port: number;
  /** The SQLite file the contact endpoint writes to for this run. */
  dbPath: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the built site with `npm start`'s script (scripts/serve.ts) on a free port with its own
 * database file. Expects `dist/` to exist: `npm test` builds the sample catalogue first.
 */
export async function startSite(env: Record<string, string> = {}, distDir = DIST): Promise<RunningSite> {
  const entry = join(distDir, 'server', 'entry.mjs');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first.`);
  const port = await freePort();
  const dbPath = join(tempDir(join(tmpdir(), 'atlas-db-')), 'contact.sqlite');
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'serve.ts')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), CONTACT_DB: dbPath, ATLAS_OUT: distDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The site server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`The site server did not answer within 20 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    dbPath,
    child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
