import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from './server.ts';

export interface BuildResult {
  code: number | null;
  output: string;
  outDir: string;
}

/**
 * Builds the site from another content folder into a fresh dist under tests/.tmp/, exactly as
 * `ATLAS_CONTENT=<dir> npm run build` would, with its own Astro cache so builds never share state.
 */
export function buildSite(content: string, extraEnv: Record<string, string> = {}): Promise<BuildResult> {
  // Inside the project, so that the built server code resolves its packages from node_modules.
  const tmp = join(ROOT, 'tests/.tmp');
  mkdirSync(tmp, { recursive: true });
  const work = mkdtempSync(join(tmp, 'build-'));
  const outDir = join(work, 'dist');
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: ROOT,
      env: {
        ...process.env,
        ATLAS_CONTENT: resolve(content),
        ATLAS_OUT: outDir,
        ATLAS_CACHE: join(work, 'cache'),
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => done({ code, output, outDir }));
  });
}
