import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from './server.ts';
import { tempDir } from './temp.ts';

mkdirSync(join(ROOT, 'tests/.tmp'), { recursive: true });

export interface BuildResult {
  code: number | null;
  output: string;
  outDir: string;
}

/**
 * Builds the site from another content folder into a fresh dist under tests/.tmp/, exactly as
 * `ATLAS_CONTENT=<dir> npm run build -- <args>` would, with its own Astro cache so builds never
 * share state (pass `work` to reuse one, as an incremental build does).
 */
export function buildSite(
  content: string,
  extraEnv: Record<string, string> = {},
  args: string[] = [],
  work = tempDir(join(ROOT, 'tests/.tmp', 'build-')),
): Promise<BuildResult> {
  // Inside the project, so that the built server code resolves its packages from node_modules.
  const outDir = join(work, 'dist');
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/build.ts'), ...args], {
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
