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
  const status = await main(process.argv.slice(2), processIo());
  if (options.exit) process.exit(status);
  process.exitCode = status;
  return status;
}
