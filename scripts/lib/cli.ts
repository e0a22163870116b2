import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/**
 * What a CLI's `main(argv, io)` talks to instead of `process`, so that tests call it in process
 * with their own environment and read what it printed. Each script exports its `main` and runs it
 * only when the file is run directly (`runMain(main, import.meta)`).
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Environment variables (ATLAS_CONTENT, ATLAS_TODAY, CONTACT_DB…). */
  env: Record<string, string | undefined>;
  /** The folder relative paths are resolved against. */
  cwd: string;
}

export type CliMain = (argv: string[], io: CliIo) => number | Promise<number>;

/** The real process's streams, environment and working folder. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * Runs `main` with the process's arguments when `meta` is the module node was started with, and
 * returns its exit status (undefined when the module was imported). `exit` ends the process at
 * once, for CLIs whose libraries can leave handles open after the work is done.
 */
export async function runMain(
  main: CliMain,
  meta: ImportMeta,
  options: { exit?: boolean } = {},
): Promise<number | undefined> {
  if (!meta.main) return undefined;
  // A reader that stops early (`| head`) closes the pipe: that ends the output, not in a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const status = await main(process.argv.slice(2), processIo());
  if (options.exit) process.exit(status);
  process.exitCode = status;
  return status;
}

/**
 * The on/off flags of a script that only reports (`--json`, `--all`…). A flag it does not know
 * prints the error and the usage and exits with status 2; `--help` or `-h` prints the usage and
 * exits with 0.
 */
export function flagsOrExit<const K extends string>(usage: string, names: readonly K[]): Partial<Record<K, boolean>> {
  const options: ParseArgsOptionsConfig = { help: { type: 'boolean', short: 'h' } };
  for (const name of names) options[name] = { type: 'boolean' };
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ options, strict: true }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}.\n\n${usage}\n`);
    process.exit(2);
  }
  if (values.help === true) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return values as Partial<Record<K, boolean>>;
}
