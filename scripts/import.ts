/**
 * npm run import -- <source> [options]: reads the tools an MCP server exposes and writes them as
 * records. Exit 0 when imported (or with --help), 1 with one message when it could not be.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { AtlasError } from '#src/model/problems.ts';
import { formatReport, runImport, type ImportOptions } from '#src/importer/run.ts';
import { DEFAULT_TIMEOUT_SECONDS } from '#src/importer/sources.ts';
import { runMain, type CliIo } from './lib/cli.ts';

const USAGE = `Usage: npm run import -- <source> [options]

Sources (exactly one):
  --stdio "<command line>"   start the server and list its tools over stdio
  --http <url>               list the tools of a running server over Streamable HTTP
  --file <path>              read a saved tools/list answer (response, result, array of tools or of pages)

Options:
  --server-id <id>    record id (default: derived from the server's serverInfo.name)
  --name <text>       display name for a new server record (default: serverInfo.title or name)
  --repo <url>        source repository for a new server record
  --content <dir>     content folder (default: $ATLAS_CONTENT or content/)
  --date <YYYY-MM-DD> the import's date (default: $ATLAS_TODAY or today, UTC)
  --timeout <seconds> how long to wait for the server (default: ${DEFAULT_TIMEOUT_SECONDS})
  --dry-run           print what would change and write nothing`;

/** The command: `argv` without node and the script; returns the exit status. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const fail = (message: string): number => {
    io.stderr(`${message}\n`);
    return 1;
  };

  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stdio: { type: 'string' },
        http: { type: 'string' },
        file: { type: 'string' },
        'server-id': { type: 'string' },
        name: { type: 'string' },
        repo: { type: 'string' },
        content: { type: 'string' },
        date: { type: 'string' },
        timeout: { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    return fail(`${(err as Error).message}.\n\n${USAGE}`);
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }

  const given = (['stdio', 'http', 'file'] as const).filter((k) => values[k] !== undefined);
  if (given.length !== 1) {
    return fail(
      `${given.length === 0 ? 'No source was given.' : `Only one source may be given, not ${given.map((g) => `--${g}`).join(' and ')}.`} Use exactly one of --stdio, --http or --file.\n\n${USAGE}`,
    );
  }
  const kind = given[0] as 'stdio' | 'http' | 'file';
  const source = (
    kind === 'file' ? { file: resolve(io.cwd, String(values.file)) } : { [kind]: String(values[kind]) }
  ) as ImportOptions['source'];

  let timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
  if (values.timeout !== undefined) {
    timeoutSeconds = Number(values.timeout);
    if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
      return fail(
        `The --timeout ${JSON.stringify(values.timeout)} is not a positive number of seconds. Give it as, for example, --timeout 60.`,
      );
  }

  const dryRun = values['dry-run'] === true;
  try {
    const report = await runImport({
      source,
      contentDir: resolve(io.cwd, String(values.content ?? io.env.ATLAS_CONTENT ?? 'content')),
      serverId: values['server-id'] as string | undefined,
      name: values.name as string | undefined,
      repo: values.repo as string | undefined,
      date: String(values.date ?? io.env.ATLAS_TODAY ?? new Date().toISOString().slice(0, 10)),
      dryRun,
      timeoutSeconds,
    });
    io.stdout(`${formatReport(report, dryRun)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof AtlasError) return fail(`Import failed [${err.code}]: ${err.message}`);
    throw err;
  }
}

// The SDK's transports can leave handles open for a moment after close; the work is done, so exit.
await runMain(main, import.meta, { exit: true });
