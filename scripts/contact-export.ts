/**
 * Prints the stored contact messages, newest first.
 *
 *   npm run contact:export                      JSON, from CONTACT_DB or data/contact.sqlite
 *   npm run contact:export -- --format csv      CSV with a header row
 *   npm run contact:export -- --db path/to.sqlite
 *
 * It opens the database read-only, so it is safe to run while the server is taking messages.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { CONTACT_DEFAULTS } from '#src/contact/config.ts';
import { openContactStore } from '#src/contact/runtime.ts';
import type { StoredMessage } from '#src/contact/store.ts';
import { AtlasError } from '#src/model/problems.ts';
import { runMain, type CliIo } from './lib/cli.ts';

const COLUMNS = ['id', 'receivedAt', 'name', 'email', 'page', 'message'] as const;

/**
 * One CSV cell (RFC 4180 quoting). A cell that a spreadsheet would run as a formula gets a
 * leading apostrophe, because these cells hold whatever a visitor typed.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(messages: StoredMessage[]): string {
  const lines = [COLUMNS.join(',')];
  for (const m of messages) lines.push(COLUMNS.map((c) => csvCell(m[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

const USAGE = 'Usage: npm run contact:export -- [--format json|csv] [--db path/to/contact.sqlite]';

/** The command: `argv` without node and the script; returns the exit status. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const fail = (message: string): number => {
    io.stderr(`${message}\n`);
    return 1;
  };
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        format: { type: 'string', default: 'json' },
        db: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return fail(`${(error as Error).message}. ${USAGE}`);
  }
  if (args.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (args.format !== 'json' && args.format !== 'csv') {
    return fail(`The format "${args.format}" is not supported. Use --format json or --format csv.`);
  }
  const given = args.db ?? (io.env.CONTACT_DB?.trim() || CONTACT_DEFAULTS.dbPath);
  let messages: StoredMessage[];
  try {
    const store = openContactStore(resolve(io.cwd, given), { readOnly: true });
    messages = await store.list();
    await store.close();
  } catch (error) {
    if (error instanceof AtlasError) return fail(error.message);
    return fail(
      `The contact database at ${given} could not be read: ${(error as Error).message}. Check that the path points at the file the server writes to.`,
    );
  }
  io.stdout(args.format === 'csv' ? toCsv(messages) : `${JSON.stringify(messages, null, 2)}\n`);
  return 0;
}

await runMain(main, import.meta);
