import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { CliIo, CliMain } from '#scripts/lib/cli.ts';
import { ROOT } from './server.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Calls a script's `main` in this process, with only the given environment, and collects what it printed. */
export async function callMain(
  main: CliMain,
  argv: string[],
  env: Record<string, string> = {},
  cwd = ROOT,
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { ...env },
    cwd,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Runs `node scripts/<script>.ts` as a real process: for what only a process shows (exit status, stray output). */
export function runScript(script: string, argv: string[], env: Record<string, string> = {}, cwd = ROOT): CliRun {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', `${script}.ts`), ...argv], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
