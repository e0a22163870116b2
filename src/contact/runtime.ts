import site from '#site-config';
import { readContactConfig } from './config.ts';
import type { ContactRuntime } from './handler.ts';
import { RateLimiter } from './rate-limit.ts';
import { SqliteContactStore } from './sqlite-store.ts';
import type { ContactStore } from './store.ts';

/**
 * Picks the store for this deployment; the server and `npm run contact:export` both open it here.
 * SQLite is the only one built in; a PostgreSQL store would implement ContactStore and be chosen
 * here, e.g. when CONTACT_DB starts with postgres://.
 */
export function openContactStore(dbPath: string, options: { readOnly?: boolean } = {}): ContactStore {
  return new SqliteContactStore(dbPath, options);
}

let runtime: ContactRuntime | undefined;

/** The one runtime per server process: one database connection and one rate-limit table. */
export function contactRuntime(): ContactRuntime {
  if (!runtime) {
    const config = readContactConfig(process.env);
    runtime = {
      config,
      store: openContactStore(config.dbPath),
      limiter: new RateLimiter(config.rateLimit, config.rateWindowMs),
      ...(site.url ? { siteOrigin: new URL(site.url).origin } : {}),
      sentPath: '/contact/sent/',
    };
  }
  return runtime;
}
