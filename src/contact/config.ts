import { AtlasError } from '#src/model/problems.ts';

/**
 * Runtime settings for the contact endpoint, read from environment variables: by `npm start`
 * before it listens (scripts/serve.ts refuses to start on a bad value), and again by the endpoint
 * when the server handles its first message. Each bad value stops the endpoint with a sentence
 * naming the variable and the fix, rather than silently falling back to a default: an
 * `AtlasError` with the code `contact-misconfigured`.
 */
export interface ContactConfig {
  /** SQLite file the messages are written to (`CONTACT_DB`). */
  dbPath: string;
  /** Messages accepted per client address per window (`CONTACT_RATE_LIMIT`); 0 turns the limit off. */
  rateLimit: number;
  /** Length of the rate-limit window in milliseconds (`CONTACT_RATE_WINDOW`, given in seconds). */
  rateWindowMs: number;
  /** How many reverse proxies in front of the server append to X-Forwarded-For (`TRUST_PROXY`). */
  trustProxy: number;
  /** Largest request body accepted, in bytes (`CONTACT_MAX_BODY`). */
  maxBodyBytes: number;
  /** Origins besides the server's own whose pages may post to it (`CONTACT_ALLOWED_ORIGINS`). */
  allowedOrigins: string[];
}

export const CONTACT_DEFAULTS = {
  dbPath: 'data/contact.sqlite',
  rateLimit: 5,
  rateWindowSeconds: 60,
  trustProxy: 0,
  maxBodyBytes: 64 * 1024,
} as const;

function wholeNumber(
  env: Record<string, string | undefined>,
  key: string,
  fallback: number,
  min: number,
  example: string,
  /** What else the variable takes besides a number, e.g. `true or false`. */
  words?: string,
): number {
  const raw = env[key];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min) {
    throw new AtlasError(
      'contact-misconfigured',
      `The environment variable ${key} is "${raw}", which is not a whole number of at least ${min}. Set it to a number such as ${example}${words ? `, or to ${words}` : ''}, or unset it to use the default (${fallback}).`,
    );
  }
  return Number(raw);
}

function origins(raw: string | undefined): string[] {
  if (!raw) return [];
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      let url: URL;
      try {
        url = new URL(entry);
      } catch {
        throw new AtlasError(
          'contact-misconfigured',
          `The environment variable CONTACT_ALLOWED_ORIGINS contains "${entry}", which is not an origin. List origins such as https://docs.example.org, separated by commas.`,
        );
      }
      return url.origin;
    });
}

export function readContactConfig(env: Record<string, string | undefined> = process.env): ContactConfig {
  const trust = env.TRUST_PROXY?.trim().toLowerCase();
  // "true" reads naturally in a deployment file; it means the usual single proxy.
  const trustProxy =
    trust === 'true'
      ? 1
      : trust === 'false'
        ? 0
        : wholeNumber(env, 'TRUST_PROXY', CONTACT_DEFAULTS.trustProxy, 0, '1', 'true or false');
  return {
    dbPath: env.CONTACT_DB?.trim() || CONTACT_DEFAULTS.dbPath,
    rateLimit: wholeNumber(env, 'CONTACT_RATE_LIMIT', CONTACT_DEFAULTS.rateLimit, 0, '5'),
    rateWindowMs: wholeNumber(env, 'CONTACT_RATE_WINDOW', CONTACT_DEFAULTS.rateWindowSeconds, 1, '60') * 1000,
    trustProxy,
    maxBodyBytes: wholeNumber(env, 'CONTACT_MAX_BODY', CONTACT_DEFAULTS.maxBodyBytes, 1024, '65536'),
    allowedOrigins: origins(env.CONTACT_ALLOWED_ORIGINS),
  };
}
