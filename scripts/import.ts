/**
 * npm run import -- <source> [options]: reads the tools an MCP server exposes and writes them as
 * records. Exit 0 when imported (or with --help), 1 with one message when it could not be.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { AtlasError } from '#src/model/problems.ts';
import { formatReport, runImport, type ImportOptions } from '#src/importer/run.ts';
import { DEFAULT_TIMEOUT_SECONDS } from '#src/importer/sources.ts';
import { terminalText } from '#src/importer/text.ts';
import { DEFAULT_ALL_TIMEOUT_SECONDS, DEFAULT_CONCURRENCY, formatAllTable, runAll } from '#src/importer/all.ts';
import { runMain, type CliIo } from './lib/cli.ts';

const USAGE = `Usage: npm run import -- <source> [options]

Sources (exactly one):
  --stdio "<command line>"   start the server and list its tools over stdio
  --http <url>               list the tools of a running server over Streamable HTTP
  --file <path>              read a saved tools/list answer (response, result, array of tools or of pages)
  --all                      re-import every server of <content>/manifest.yaml and save each live answer
                             in samples/; with --offline, from the saved answers alone

Options:
  --server-id <id>    record id (default: derived from the server's serverInfo.name; for a saved
                      sample, the record imported from the same source; else the file's name)
  --name <text>       display name for a new server record (default: serverInfo.title or name);
                      an existing record keeps its own: edit its name: instead
  --repo <url>        source repository for a new server record; an existing record keeps its own
  --content <dir>     content folder (default: $ATLAS_CONTENT or content/)
  --date <YYYY-MM-DD> the import's date (default: $ATLAS_TODAY or today, UTC)
  --timeout <seconds> how long to wait for the server (default: ${DEFAULT_TIMEOUT_SECONDS}; with --all, per server: ${DEFAULT_ALL_TIMEOUT_SECONDS})
  --env <NAME>        pass the importer's variable NAME to a --stdio server (repeatable); the
                      record keeps the name, nothing keeps the value
  --save-sample <path>  save a live answer there, with the records
  --offline           with --all: read the saved answers, start no server
  --concurrency <n>   with --all: servers imported at once (default: ${DEFAULT_CONCURRENCY})
  --only <id>         with --all: only this server of the manifest (repeatable)
  --allow-empty       import an answer that lists no tools even when the server has some (each
                      would be marked removed); without it such an answer is refused
  --dry-run           print what would change and write nothing`;

/** The command: `argv` without node and the script; returns the exit status. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  // A message can quote what a server sent (its error, its stderr, a value it gave): escape
  // sequences and invisible characters in it are shown as <U+XXXX>, never sent to the terminal.
  const fail = (message: string): number => {
    io.stderr(`${terminalText(message, { lines: true })}\n`);
    return 1;
  };

  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stdio: { type: 'string' },
        http: { type: 'string' },
        file: { type: 'string' },
        all: { type: 'boolean' },
        offline: { type: 'boolean' },
        concurrency: { type: 'string' },
        only: { type: 'string', multiple: true },
        env: { type: 'string', multiple: true },
        'save-sample': { type: 'string' },
        'server-id': { type: 'string' },
        name: { type: 'string' },
        repo: { type: 'string' },
        content: { type: 'string' },
        date: { type: 'string' },
        timeout: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'allow-empty': { type: 'boolean' },
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

  const given = (['stdio', 'http', 'file', 'all'] as const).filter((k) => values[k] !== undefined);
  if (given.length !== 1) {
    return fail(
      `${given.length === 0 ? 'No source was given.' : `Only one source may be given, not ${given.map((g) => `--${g}`).join(' and ')}.`} Use exactly one of --stdio, --http, --file or --all.\n\n${USAGE}`,
    );
  }
  const kind = given[0] as 'stdio' | 'http' | 'file' | 'all';
  if (kind !== 'all') {
    for (const option of ['offline', 'concurrency', 'only'] as const)
      if (values[option] !== undefined) return fail(`--${option} goes with --all.\n\n${USAGE}`);
  }
  const envNames = (values.env as string[] | undefined) ?? [];
  if (envNames.length > 0 && kind !== 'stdio')
    return fail(
      `--env passes variables to a server started with --stdio; the manifest names those of --all.\n\n${USAGE}`,
    );
  // Values come from the importer's environment and go to the server alone; only names are printed.
  const env: Record<string, string> = {};
  for (const name of envNames) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      return fail(
        `--env takes a variable's name, such as --env TAVILY_API_KEY, not ${JSON.stringify(name.replace(/=.*$/s, '=…'))}.`,
      );
    const value = io.env[name];
    if (value === undefined)
      return fail(`--env ${name}: the variable ${name} is not set in this environment. Set it first.`);
    env[name] = value;
  }

  let timeoutSeconds = kind === 'all' ? DEFAULT_ALL_TIMEOUT_SECONDS : DEFAULT_TIMEOUT_SECONDS;
  if (values.timeout !== undefined) {
    timeoutSeconds = Number(values.timeout);
    if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
      return fail(
        `The --timeout ${JSON.stringify(values.timeout)} is not a positive number of seconds. Give it as, for example, --timeout 60.`,
      );
  }

  const dryRun = values['dry-run'] === true;
  const allowEmpty = values['allow-empty'] === true;
  const contentDir = resolve(io.cwd, String(values.content ?? io.env.ATLAS_CONTENT ?? 'content'));
  const date = String(values.date ?? io.env.ATLAS_TODAY ?? new Date().toISOString().slice(0, 10));

  if (kind === 'all') {
    const concurrency = values.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1)
      return fail(`The --concurrency ${JSON.stringify(values.concurrency)} is not a whole number of 1 or more.`);
    try {
      const outcomes = await runAll({
        contentDir,
        date,
        offline: values.offline === true,
        concurrency,
        environment: io.env,
        ...(values.only ? { only: values.only as string[] } : {}),
        ...(values.timeout !== undefined ? { timeoutSeconds } : {}),
        dryRun,
        ...(allowEmpty ? { allowEmpty } : {}),
        onProgress: (line) => io.stdout(`${line}\n`),
      });
      io.stdout(`\n${formatAllTable(outcomes, dryRun)}\n`);
      return outcomes.some((o) => o.error) ? 1 : 0;
    } catch (err) {
      if (err instanceof AtlasError) return fail(`Import failed [${err.code}]: ${err.message}`);
      throw err;
    }
  }

  const source = (
    kind === 'file' ? { file: resolve(io.cwd, String(values.file)) } : { [kind]: String(values[kind]) }
  ) as ImportOptions['source'];

  try {
    const report = await runImport({
      source,
      env,
      ...(values['save-sample'] !== undefined ? { saveSample: resolve(io.cwd, String(values['save-sample'])) } : {}),
      contentDir,
      serverId: values['server-id'] as string | undefined,
      name: values.name as string | undefined,
      repo: values.repo as string | undefined,
      date,
      dryRun,
      timeoutSeconds,
      ...(allowEmpty ? { allowEmpty } : {}),
    });
    io.stdout(`${formatReport(report, dryRun)}\n`);
    for (const warning of report.warnings ?? []) io.stderr(`Warning: ${terminalText(warning)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof AtlasError) return fail(`Import failed [${err.code}]: ${err.message}`);
    throw err;
  }
}

// The SDK's transports can leave handles open for a moment after close; the work is done, so exit.
await runMain(main, import.meta, { exit: true });
