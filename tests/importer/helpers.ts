import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from '../helpers/server.ts';
import { tempDir } from '../helpers/temp.ts';

export const FIXTURES = join(ROOT, 'tests/fixtures/tools-list');
export const fixture = (name: string) => join(FIXTURES, name);

export function tempContent(): string {
  return tempDir(join(tmpdir(), 'atlas-import-'));
}

/** Every file under a folder with its bytes, to prove a failed import touched nothing. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}
