import { resolve } from 'node:path';

/**
 * Where the catalogue's records live. `ATLAS_CONTENT` points a build, the validator or the
 * importer at another folder (fixture catalogues, the benchmark's synthetic catalogue).
 */
export function contentDir(env: Record<string, string | undefined> = process.env, cwd: string = process.cwd()): string {
  return resolve(cwd, env.ATLAS_CONTENT ?? 'content');
}
