import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  ListRootsRequestSchema,
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  McpError,
  ErrorCode,
} from '@modelcontextprotocol/sdk/types.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { z } from 'astro/zod';
import { AtlasError } from '#src/model/problems.ts';
import { checkTools, LIMITS, toPage, type ImportedTool, type SkippedTool } from './parse.ts';
import { checkServerInfo, savedAnswer } from './samples.ts';
import { ProcessTransport, serverEnvironment } from './process.ts';

export interface ServerInfo {
  name: string;
  title?: string;
  version?: string;
  websiteUrl?: string;
}

/** What a source yields: the tools and what the server said about itself. */
export interface SourceResult {
  tools: ImportedTool[];
  /** Tools the server lists that the catalogue cannot host, with the reason. */
  skipped: SkippedTool[];
  serverInfo?: ServerInfo;
  /** How the catalogue records where the list came from (server record `import.source`). */
  source: string;
  transport?: 'stdio' | 'streamable-http';
  /** Names of the environment variables the server was given with `--env`. */
  env?: string[];
  /** A live answer as the server sent it, every page's tools in order, to save as a sample. */
  answer?: { serverInfo?: ServerInfo; tools: unknown[] };
  /** When a saved sample (samples.ts) was captured: its `source` and `serverInfo` are the live answer's. */
  captured?: string;
  /** What the source held that the import ignored, each with what to do about it (samples.ts). */
  warnings?: string[];
}

/** How to start a server over stdio. */
export interface StdioOptions {
  timeoutSeconds?: number;
  /** Variables given to the server besides the start-up ones; their values are kept secret. */
  env?: Record<string, string>;
  /** Names among `env` whose values are public placeholders, not secrets. */
  placeholders?: string[];
  /**
   * Start the server in a new empty folder, removed afterwards, rather than in the importer's own
   * folder: a package's install scripts and the server itself then write nothing into the project
   * (one package of the catalogue writes an `.mcp.json` into the folder it is installed from).
   */
  scratchFolder?: boolean;
}

export const DEFAULT_TIMEOUT_SECONDS = 30;

/** Splits a command line the way a POSIX shell would for plain words, '...' and "..." quotes. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && (line[i + 1] === '"' || line[i + 1] === '\\')) current += line[++i];
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      current += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote)
    throw new AtlasError(
      'import-bad-command',
      `The command line ${JSON.stringify(line)} has an unclosed ${quote} quote. Close it and try again.`,
    );
  if (inWord) words.push(current);
  return words;
}

/**
 * The importer only lists tools, but it declares the client capabilities a full agent would have
 * (roots, sampling, elicitation), because some servers only expose a tool to clients that can
 * serve it. Requests the server then sends are answered with an empty root list or a refusal.
 */
function makeClient(): Client {
  const client = new Client(
    { name: 'policy-atlas-importer', version: '1.0.0' },
    { capabilities: { roots: {}, sampling: {}, elicitation: {} } },
  );
  client.setRequestHandler(ListRootsRequestSchema, () => ({ roots: [] }));
  const refuse = () => {
    throw new McpError(ErrorCode.InvalidRequest, 'The Policy Atlas importer only lists tools.');
  };
  client.setRequestHandler(CreateMessageRequestSchema, refuse);
  client.setRequestHandler(ElicitRequestSchema, refuse);
  return client;
}

/** Accepts any object: the importer checks the result itself, so its messages name the problem. */
const anyResult = z.looseObject({});

async function listAllTools(client: Client, where: string): Promise<unknown[]> {
  const tools: unknown[] = [];
  const cursors = new Set<string>();
  let cursor: string | undefined;
  for (let page = 1; ; page++) {
    if (page > LIMITS.pages) {
      throw new AtlasError(
        'import-too-large',
        `${where} kept sending a "nextCursor" after ${LIMITS.pages} pages of tools. Check the server's pagination.`,
      );
    }
    const result = await client.request(
      { method: 'tools/list', params: cursor === undefined ? {} : { cursor } },
      anyResult,
    );
    const next = toPage(result, `${where}'s tools/list answer (page ${page})`);
    tools.push(...next.tools);
    if (tools.length > LIMITS.tools) break;
    if (next.nextCursor === undefined) break;
    if (cursors.has(next.nextCursor)) {
      throw new AtlasError(
        'import-bad-cursor',
        `${where} sent the cursor ${JSON.stringify(next.nextCursor)} twice, so its pages loop. Check the server's pagination.`,
      );
    }
    cursors.add(next.nextCursor);
    cursor = next.nextCursor;
  }
  return tools;
}

/** The server's last lines on stderr, as a sentence to end an error message with, or nothing. */
function stderrTail(stderr: string): string {
  const tail = stderr.trim().split('\n').slice(-5).join('\n').slice(-1000);
  return tail ? ` Its last output on stderr was:\n${tail}` : '';
}

/**
 * Replaces every secret value in a text with `***`. Values shorter than four characters are left
 * alone: they would blank out ordinary text and protect nothing.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) out = out.replaceAll(secret, '***');
  }
  return out;
}

/** Why a connection could not be made, by the code Node gives (on `err.cause` for fetch). */
const CONNECTION_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused, so nothing is listening at that address and port',
  ENOTFOUND: 'its host name was not found in DNS',
  EAI_AGAIN: 'its host name could not be looked up in DNS just now',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'the host cannot be reached from here',
  ENETUNREACH: 'the network cannot be reached from here',
  EPROTO: 'the TLS handshake failed, as it does when an http:// server is given as https://',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is signed by an authority this machine does not trust',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate could not be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
};

/**
 * A server that could not be reached at all (nothing answered), as opposed to one that answered
 * with an error; undefined for any other failure. fetch reports these as "fetch failed" with the
 * reason on `cause`.
 */
function connectionFailure(err: unknown, where: string): AtlasError | undefined {
  if (!(err instanceof TypeError) || err.message !== 'fetch failed') return undefined;
  const cause = err.cause as { code?: unknown; message?: unknown; errors?: { code?: unknown }[] } | undefined;
  if (!cause || typeof cause !== 'object') return undefined;
  // Several addresses tried (IPv6 and IPv4) fail as one AggregateError, each with its own code.
  const code = typeof cause.code === 'string' ? cause.code : cause.errors?.find((e) => e?.code)?.code;
  if (typeof code === 'string' && Object.hasOwn(CONNECTION_FAILURES, code)) {
    const timedOut = code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
    return new AtlasError(
      timedOut ? 'import-timeout' : 'import-server-start',
      `${where} could not be reached: ${CONNECTION_FAILURES[code]} (${code}). Check the address and that the server is running there.`,
    );
  }
  // fetch refuses some ports outright (the "bad ports" of the Fetch standard, such as 1, 9 and 25).
  if (cause.message === 'bad port') {
    return new AtlasError(
      'import-server-start',
      `${where} could not be reached: fetch refuses to connect to that port, which the Fetch standard blocks as unsafe. Run the server on another port.`,
    );
  }
  return undefined;
}

function describeFailure(err: unknown, where: string, stderr: string): AtlasError {
  if (err instanceof AtlasError) return err;
  if (err instanceof RangeError && /call stack/i.test(err.message)) return transportProblem(err, where)!;
  const unreachable = connectionFailure(err, where);
  if (unreachable) return unreachable;
  const message = err instanceof Error ? err.message : String(err);
  const said = stderrTail(stderr);
  if (/ENOENT/.test(message)) {
    return new AtlasError(
      'import-server-start',
      `${where} could not be started: the command was not found (${message}). Check the command and that it is installed.`,
    );
  }
  if (/Connection closed|closed/i.test(message)) {
    return new AtlasError(
      'import-server-crash',
      `${where} closed the connection before answering (${message}); it probably crashed or exited.${said}`,
    );
  }
  if (/JSON|parse|Unexpected token/i.test(message)) {
    return new AtlasError(
      'import-malformed',
      `${where} sent something that is not valid MCP JSON-RPC (${message}).${said}`,
    );
  }
  return new AtlasError('import-server-error', `${where} failed: ${message}.${said}`);
}

/** The first zod issue of a message the SDK refused, as "at <path>: <message>". */
function firstIssue(error: unknown): string | undefined {
  const issues = (error as { issues?: unknown }).issues;
  if (!Array.isArray(issues) || issues.length === 0) return undefined;
  // A union (request, notification, response, error) reports one list of issues per branch; the
  // response branch is the one a tools/list answer was meant to fit.
  let issue = issues[0] as { path?: unknown[]; message?: string; errors?: unknown[][] };
  if (Array.isArray(issue.errors)) {
    const branches = issue.errors.filter((b) => Array.isArray(b) && b.length > 0);
    const response = branches.find((b) => b.some((i) => (i as { path?: unknown[] }).path?.[0] === 'result'));
    issue = ((response ?? branches[0])?.[0] ?? issue) as typeof issue;
  }
  const path = Array.isArray(issue.path) && issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'the message';
  return `at ${path}: ${issue.message ?? 'invalid'}`;
}

/** What a transport error means for the import, or undefined when it can be ignored. */
function transportProblem(error: unknown, where: string): AtlasError | undefined {
  const text = error instanceof Error ? error.message : String(error);
  const size = /exceeded maximum size of (\d+) bytes/.exec(text);
  if (size) {
    const mib = Number(size[1]) / 1024 / 1024;
    return new AtlasError(
      'import-too-large',
      `${where} sent a message larger than the ${Number.isInteger(mib) ? `${mib} MiB` : `${size[1]} bytes`} one message may be, so the import stopped reading it. No real tool list is that large; check the server.`,
    );
  }
  if (error instanceof RangeError && /call stack/i.test(text)) {
    return new AtlasError(
      'import-too-deep',
      `${where} sent a message nested more than ${LIMITS.depth} levels deep (objects and arrays within each other), too deep to read. Check the server.`,
    );
  }
  if (error instanceof SyntaxError) {
    return new AtlasError(
      'import-malformed',
      // The parser's message quotes the line, which may hold anything the server printed, secrets
      // included: say what kind of line it was, not what it held.
      `${where} wrote a line that is not JSON. Only JSON-RPC messages may go to stdout; logs belong on stderr.`,
    );
  }
  const issue = firstIssue(error);
  if (issue || /invalid_union|expected/i.test(text)) {
    return new AtlasError(
      'import-malformed',
      `${where} sent something that is not a valid JSON-RPC 2.0 message (${issue ?? 'not a JSON-RPC request, response or notification'}). Check that the server speaks MCP; a tools/list answer must be {"jsonrpc": "2.0", "id": …, "result": {"tools": […]}}.`,
    );
  }
  return undefined;
}

/** Connects, lists every page of tools, and always closes the connection (and so the child). */
async function withClient(
  transport: Transport,
  where: string,
  timeoutSeconds: number,
  stderr: () => string,
  transportClosed: Promise<void>,
): Promise<Pick<SourceResult, 'tools' | 'skipped' | 'serverInfo' | 'answer'>> {
  const client = makeClient();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AtlasError(
            'import-timeout',
            `${where} did not answer within ${timeoutSeconds} seconds, so the import gave up. If the server is just slow to start, raise the limit with --timeout <seconds>.${stderrTail(stderr())}`,
          ),
        ),
      timeoutSeconds * 1000,
    );
  });
  // A child that exits while we wait would otherwise leave the request hanging until the timeout.
  const closed = transportClosed.then(() => {
    throw new AtlasError('import-server-crash', `${where} exited before it finished answering.${stderrTail(stderr())}`);
  });
  closed.catch(() => {});
  // Lines that are not JSON-RPC, or too large to buffer, make the transport report an error and
  // drop them (or close); without this the import would only notice at the timeout, or blame an exit.
  const malformed = new Promise<never>((_, reject) => {
    client.onerror = (error) => {
      const problem = transportProblem(error, where);
      if (problem) {
        if (problem.code === 'import-malformed') problem.message += stderrTail(stderr());
        reject(problem);
      }
    };
  });
  malformed.catch(() => {});
  try {
    const work = (async () => {
      await client.connect(transport, { timeout: timeoutSeconds * 1000 });
      const raw = await listAllTools(client, where);
      const sent = client.getServerVersion();
      // Checked as a saved sample's is, so a name the record cannot hold is refused here, named.
      const info = sent === undefined ? undefined : checkServerInfo(sent, where, false).serverInfo;
      return {
        ...checkTools(raw, `${where}'s tools/list answer`),
        ...(info ? { serverInfo: info } : {}),
        answer: { ...(info ? { serverInfo: info } : {}), tools: raw },
      };
    })();
    return await Promise.race([work, timeout, closed, malformed]);
  } catch (err) {
    throw describeFailure(err, where, stderr());
  } finally {
    clearTimeout(timer);
    await client.close().catch(() => {});
    await transport.close().catch(() => {});
  }
}

/**
 * Spawns a server and lists its tools over stdio. The server gets the variables it needs to start
 * (PATH, HOME, proxy and CA settings, npm's configuration) and those in `options.env`, nothing else
 * of the importer's environment. The values of `options.env` appear in no message: the server's
 * stderr is shown with them blanked out, and an answer that repeats one is refused.
 */
export async function fromStdio(commandLine: string, options: StdioOptions = {}): Promise<SourceResult> {
  const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const named = options.env ?? {};
  const secretNames = Object.keys(named).filter((k) => !options.placeholders?.includes(k));
  const secrets = secretNames.map((k) => named[k] as string);
  const [command, ...args] = splitCommandLine(commandLine);
  if (!command)
    throw new AtlasError(
      'import-bad-command',
      'The --stdio option needs a command line, for example --stdio "npx -y @modelcontextprotocol/server-everything".',
    );
  const where = `The server started with ${JSON.stringify(commandLine)}`;
  const folder = options.scratchFolder ? mkdtempSync(join(tmpdir(), 'atlas-server-')) : undefined;
  const transport = new ProcessTransport(command, args, serverEnvironment(named), folder);
  let markClosed: () => void = () => {};
  const transportClosed = new Promise<void>((resolve) => (markClosed = resolve));
  transport.onclose = () => markClosed();
  let result: Awaited<ReturnType<typeof withClient>>;
  try {
    result = await withClient(
      transport,
      where,
      timeoutSeconds,
      () => redact(transport.stderr, secrets),
      transportClosed,
    );
  } catch (err) {
    if (err instanceof AtlasError) throw new AtlasError(err.code, redact(err.message, secrets));
    throw err;
  } finally {
    if (folder) rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
  }
  const answerText = JSON.stringify(result.answer);
  const echoed = secretNames.filter((k) => (named[k] ?? '').length >= 4 && answerText.includes(named[k] as string));
  if (echoed.length > 0) {
    throw new AtlasError(
      'import-secret-in-answer',
      `${where} repeats the value of ${echoed.join(', ')} in its tool list, and the catalogue publishes what a server lists, so nothing was written. Use a placeholder value for the import.`,
    );
  }
  const names = Object.keys(named).sort();
  return {
    ...result,
    source: `stdio: ${commandLine}`,
    transport: 'stdio',
    ...(names.length ? { env: names } : {}),
  };
}

/** Lists a running server's tools over Streamable HTTP. */
export async function fromHttp(url: string, timeoutSeconds = DEFAULT_TIMEOUT_SECONDS): Promise<SourceResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AtlasError(
      'import-bad-url',
      `The --http option ${JSON.stringify(url)} is not a URL. Give the server's MCP endpoint, for example http://127.0.0.1:3001/mcp.`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AtlasError(
      'import-bad-url',
      `The --http option ${JSON.stringify(url)} uses ${parsed.protocol}, not http: or https:.`,
    );
  }
  const where = `The server at ${url}`;
  const transport = new StreamableHTTPClientTransport(parsed);
  const result = await withClient(transport, where, timeoutSeconds, () => '', new Promise<void>(() => {}));
  // The record keeps the address without its query, fragment or user info: those often carry an
  // API key, and the server record is published with the site.
  return { ...result, source: `${parsed.origin}${parsed.pathname}`, transport: 'streamable-http' };
}

/**
 * Reads a saved tools/list answer. A sample the importer saved (`--save-sample`, samples/) is read
 * as `--all --offline` reads it, with the server's own source and serverInfo; any other file is
 * recorded as `fileSource`.
 */
export function fromFile(path: string, label = path, fileSource = `file: ${label}`): SourceResult {
  const where = `The file ${label}`;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new AtlasError(
      'import-file-missing',
      `${where}${resolve(path) === resolve(label) ? '' : ` (looked for at ${resolve(path)})`} does not exist or cannot be read. Check the path given to --file, or the manifest entry that names it.`,
    );
  }
  if (size > LIMITS.fileBytes) {
    throw new AtlasError(
      'import-too-large',
      `${where} is ${size} bytes, larger than the ${LIMITS.fileBytes / 1024 / 1024} MiB a tool list may be.`,
    );
  }
  return savedAnswer(readFileSync(path, 'utf8'), where, fileSource);
}
