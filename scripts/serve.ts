/**
 * npm start: serves the built site (dist/client) and its on-demand contact route on one port,
 * through Astro's own Node handler (@astrojs/node, standalone mode, not auto-started), with:
 * - compressed responses (brotli or gzip, per Accept-Encoding) for text of any kind;
 * - cache lifetimes: a year, immutable, for content-hashed files (/_astro/, Pagefind's
 *   fragments and indexes), revalidation for pages and every other file;
 * - security headers on every answer, including a Content-Security-Policy that allows the one
 *   inline script (the theme) by its hash.
 * PORT (default 4321) and HOST (default localhost) pick the address; ATLAS_OUT the build folder.
 * It refuses to start, with one line saying what is wrong and what to do and exit status 1, when
 * PORT is not a port number, the contact endpoint's settings are wrong, there is no build, the
 * build's server code cannot load its packages (a build outside the project without its
 * node_modules link), or the port is taken.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import compression from 'compression';
import site from '#site-config';
import { THEME_BOOT } from '#src/client/theme.ts';
import { readContactConfig } from '#src/contact/config.ts';
import { AtlasError } from '#src/model/problems.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A reason the server cannot start that the operator can fix: printed as one line, without a stack trace. */
export class StartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartError';
  }
}

const DEFAULT_PORT = 4321;
/** The project folder, whose node_modules the built server code loads its packages from. */
const PROJECT = resolve(import.meta.dirname, '..');

/** The port from PORT: a whole number from 1 to 65535; unset or empty means the default. */
export function readPort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_PORT;
  const port = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || port < 1 || port > 65535) {
    throw new StartError(
      `The environment variable PORT is "${raw}", which is not a port number. Set it to a whole number from 1 to 65535, such as ${DEFAULT_PORT}, or unset it to use ${DEFAULT_PORT}.`,
    );
  }
  return port;
}

/** Why `listen` failed, in the operator's terms; an error nobody can foresee is passed on as it is. */
function listenError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  const other = port < 65535 ? port + 1 : port - 1;
  switch (error.code) {
    case 'EADDRINUSE':
      return new StartError(
        `Port ${port} on ${host} is already in use, by another program or another npm start. Stop that program, or choose another port, e.g. PORT=${other} npm start.`,
      );
    case 'EACCES':
      return new StartError(
        `This user may not listen on port ${port} on ${host} (ports below 1024 need extra privileges). Choose a port from 1024 to 65535, e.g. PORT=${DEFAULT_PORT} npm start.`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartError(
        `The environment variable HOST is "${host}", which is not an address of this machine. Set it to localhost, to one of this machine's addresses, or to 0.0.0.0 to listen on all of them.`,
      );
    default:
      return error;
  }
}

/**
 * A warning when the contact database exists and other users may read it (names and emails): a
 * new one is created for its owner only, but a file made before, or by hand, keeps its mode.
 */
export function exposedDatabase(path: string): string | undefined {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    return undefined; // created on the first message, readable by its owner only
  }
  if ((mode & 0o077) === 0) return undefined;
  return `Warning: the contact database ${path} can be read by other users of this machine (mode ${(mode & 0o777).toString(8)}) and holds names and emails. Run chmod 600 ${path}* to keep it to its owner.`;
}

/** Listens on `port` and `host`; resolves once the server is listening, rejects with the reason it cannot. */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((done, fail) => {
    const onError = (error: NodeJS.ErrnoException) => fail(listenError(error, port, host));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      done();
    });
  });
}

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

/**
 * Why the build's server code could not be loaded, when a file or package it imports is missing,
 * as the line to print; undefined for any other error. A package is looked for in the
 * `node_modules` folders above the build: a build outside the project has a link to the project's
 * (made by `npm run build`, src/integrations/outside-out-dir.ts), unless it was made by an older
 * version, moved, or the project's packages are not installed.
 */
export function unloadable(error: unknown, dist: string): StartError | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== 'ERR_MODULE_NOT_FOUND' || typeof message !== 'string') return undefined;
  const pkg = /Cannot find package '([^']+)'/.exec(message)?.[1];
  if (pkg !== undefined) {
    const link = join(dist, 'node_modules');
    return new StartError(
      `The build in ${dist} cannot load the package ${pkg} that its server code imports: Node looks for packages in the node_modules folders above the build, and ${link} is missing or does not lead to the project's (a build outside the project needs that link). Build it again with "npm run build", which makes the link (after "npm install" if the project's packages are missing), or make it by hand: ln -s ${join(PROJECT, 'node_modules')} ${link}.`,
    );
  }
  const file = /Cannot find module '([^']+)'/.exec(message)?.[1];
  return new StartError(
    `The build in ${dist} is incomplete: its server code imports ${file ?? 'a file'} that is not there. Run "npm run build" again, or point ATLAS_OUT at a complete build.`,
  );
}

/** Loads the built Astro handler from `dist` and wraps it. */
export async function siteHandler(dist: string): Promise<Handler> {
  const entry = join(dist, 'server', 'entry.mjs');
  if (!existsSync(entry)) {
    throw new StartError(
      `There is no build in ${dist} (${entry} is missing): run "npm run build" first, or point ATLAS_OUT at a build folder.`,
    );
  }
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  let handler: Handler;
  try {
    ({ handler } = (await import(pathToFileURL(entry).href)) as { handler: Handler });
  } catch (error) {
    throw unloadable(error, dist) ?? error;
  }
  const compress = compression({ threshold: 512 });
  return (req, res) => {
    securityHeaders(req, res);
    cacheHeaders(req, res);
    compress(req as never, res as never, () => handler(req, res));
  };
}

/** Reads the settings, loads the build and listens; a setting that is wrong stops it before it listens. */
export async function start(env: Record<string, string | undefined> = process.env): Promise<Server> {
  const port = readPort(env.PORT);
  const host = env.HOST ?? 'localhost';
  // The contact endpoint reads its settings when the first message arrives, and would only then
  // refuse it; a wrong one is caught here instead, before anyone can post. (The endpoint still
  // checks them itself, for servers started some other way.)
  const contact = readContactConfig(env);
  const exposed = exposedDatabase(contact.dbPath);
  if (exposed) console.error(exposed);
  const dist = resolve(env.ATLAS_OUT ?? join(PROJECT, 'dist'));
  const server = createServer(await siteHandler(dist));
  await listen(server, port, host);
  console.log(`${site.name}: serving ${dist} on http://${host}:${port}/`);
  return server;
}

if (import.meta.main) {
  let server: Server;
  try {
    server = await start();
  } catch (error) {
    if (error instanceof AtlasError) console.error(`Cannot start [${error.code}]: ${error.message}`);
    else if (error instanceof StartError) console.error(`Cannot start: ${error.message}`);
    else throw error;
    process.exit(1);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
}
