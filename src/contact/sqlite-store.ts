import { DatabaseSync } from 'node:sqlite';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ContactMessage } from '#src/model/contact.ts';
import { AtlasError } from '#src/model/problems.ts';
import type { ContactStore, StoredMessage } from './store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  received_at TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  message TEXT NOT NULL,
  page TEXT
);`;

interface Row {
  id: number;
  received_at: string;
  name: string;
  email: string;
  message: string;
  page: string | null;
}

function toMessage(row: Row): StoredMessage {
  return {
    id: row.id,
    receivedAt: row.received_at,
    name: row.name,
    email: row.email,
    message: row.message,
    page: row.page,
  };
}

/**
 * Creates the database file, and any folder above it that is missing, readable by their owner
 * only (0600, 0700): the file holds visitors' names and email addresses. SQLite gives its -wal
 * and -shm companions the database file's own permissions. A file or folder that already exists
 * keeps the permissions it has, so an operator's own setup (a group that may read, say) stands.
 */
function createPrivately(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * The default store: one SQLite file. WAL mode lets `contact:export` read while the server
 * writes; `synchronous = FULL` makes each insert durable before it returns, and every insert is
 * its own transaction, so an answered "sent" is a committed row.
 */
export class SqliteContactStore implements ContactStore {
  readonly path: string;
  private readonly db: DatabaseSync;

  constructor(path: string, options: { readOnly?: boolean } = {}) {
    this.path = resolve(path);
    if (options.readOnly) {
      if (!existsSync(this.path)) {
        throw new AtlasError(
          'contact-store-missing',
          `No contact database exists at ${this.path}. Point CONTACT_DB (or --db) at the file the server writes to; it is created when the first message arrives.`,
        );
      }
      this.db = new DatabaseSync(this.path, { readOnly: true });
      this.db.exec('PRAGMA busy_timeout = 5000;');
      return;
    }
    createPrivately(this.path);
    this.db = new DatabaseSync(this.path);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
    this.db.exec(SCHEMA);
  }

  async save(input: ContactMessage, receivedAt: Date): Promise<StoredMessage> {
    const row = this.db
      .prepare('INSERT INTO messages (received_at, name, email, message, page) VALUES (?, ?, ?, ?, ?) RETURNING *')
      .get(receivedAt.toISOString(), input.name, input.email, input.message, input.page ?? null) as unknown as Row;
    return toMessage(row);
  }

  async list(): Promise<StoredMessage[]> {
    const rows = this.db.prepare('SELECT * FROM messages ORDER BY received_at DESC, id DESC').all() as unknown as Row[];
    return rows.map(toMessage);
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }
}
