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
import { CONTACT_DEFAULTS } from '#src/contact/config.ts';
import { openContactStore } from '#src/contact/runtime.ts';
import type { StoredMessage } from '#src/contact/store.ts';
import { AtlasError } from '#src/model/problems.ts';

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

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        format: { type: 'string', default: 'json' },
        db: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    fail(
      `${(error as Error).message}. Usage: npm run contact:export -- [--format json|csv] [--db path/to/contact.sqlite]`,
    );
  }
  if (args.help) {
    process.stdout.write('Usage: npm run contact:export -- [--format json|csv] [--db path/to/contact.sqlite]\n');
    return;
  }
  if (args.format !== 'json' && args.format !== 'csv') {
    fail(`The format "${args.format}" is not supported. Use --format json or --format csv.`);
  }
  const path = args.db ?? (process.env.CONTACT_DB?.trim() || CONTACT_DEFAULTS.dbPath);
  let messages: StoredMessage[];
  try {
    const store = openContactStore(path, { readOnly: true });
    messages = await store.list();
    await store.close();
  } catch (error) {
    if (error instanceof AtlasError) fail(error.message);
    fail(
      `The contact database at ${path} could not be read: ${(error as Error).message}. Check that the path points at the file the server writes to.`,
    );
  }
  process.stdout.write(args.format === 'csv' ? toCsv(messages) : `${JSON.stringify(messages, null, 2)}\n`);
}

if (import.meta.main) await main();
