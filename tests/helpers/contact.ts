import { DatabaseSync } from 'node:sqlite';
import { existsSync } from 'node:fs';

/** Counts stored messages straight from the SQLite file (0 when nothing created it yet). */
export function countRows(dbPath: string): number {
  if (!existsSync(dbPath)) return 0;
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'messages'").get();
    if (!table) return 0;
    return Number((db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n);
  } finally {
    db.close();
  }
}

export const VALID = {
  name: 'Ada Lovelace',
  email: 'ada@example.org',
  message: 'The read_file tool looks misclassified.',
  page: '/contact/',
};

export function form(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(fields);
}
