/**
 * npm start: serves the built site (dist/client) and its on-demand contact route on one port,
 * through Astro's own Node handler (@astrojs/node, standalone mode, not auto-started), with:
 * - compressed responses (brotli or gzip, per Accept-Encoding) for text of any kind;
 * - cache lifetimes: a year, immutable, for content-hashed files (/_astro/, Pagefind's
 *   fragments and indexes), revalidation for pages and every other file;
 * - security headers on every answer, including a Content-Security-Policy that allows the one
 *   inline script (the theme) by its hash.
 * PORT (default 4321) and HOST (default localhost) pick the address; ATLAS_OUT the build folder.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import compression from 'compression';
import site from '#site-config';
import { THEME_BOOT } from '#src/client/theme.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Files whose names carry a hash of their content, so they can be cached for good. */
const HASHED = [/^\/_astro\//, /^\/pagefind\/(fragment|index|filter)\//, /^\/pagefind\/.*\.pf_meta$/];

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');

/** Where forms may post: this site, and the configured contact endpoint's origin if it is elsewhere. */
function formOrigins(): string {
  const endpoint = site.contact.endpoint;
  return /^https?:\/\//.test(endpoint) ? `'self' ${new URL(endpoint).origin}` : "'self'";
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // Pagefind compiles its WebAssembly search; the theme script runs before the first paint.
  `script-src 'self' 'sha256-${sha256(THEME_BOOT)}' 'wasm-unsafe-eval'`,
  // Highlighted code carries its colours in style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  `form-action ${formOrigins()}`,
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  if ('encrypted' in req.socket && req.socket.encrypted)
    res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}

export function cacheHeaders(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0]!;
  if (HASHED.some((re) => re.test(path))) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  else if (!path.startsWith('/api/')) res.setHeader('Cache-Control', 'public, max-age=0, must-revalidate');
}

/** Loads the built Astro handler from `dist` and wraps it. */
export async function siteHandler(dist: string): Promise<Handler> {
  const entry = join(dist, 'server', 'entry.mjs');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first.`);
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const { handler } = (await import(pathToFileURL(entry).href)) as { handler: Handler };
  const compress = compression({ threshold: 512 });
  return (req, res) => {
    securityHeaders(req, res);
    cacheHeaders(req, res);
    compress(req as never, res as never, () => handler(req, res));
  };
}

if (import.meta.main) {
  const dist = resolve(process.env.ATLAS_OUT ?? join(import.meta.dirname, '..', 'dist'));
  const port = Number(process.env.PORT ?? 4321);
  const host = process.env.HOST ?? 'localhost';
  const server = createServer(await siteHandler(dist));
  server.listen(port, host, () => console.log(`${site.name}: serving ${dist} on http://${host}:${port}/`));
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
}
