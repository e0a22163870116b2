import { readFileSync, statSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
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
import { checkTools, LIMITS, parseToolsListFile, toPage, type ImportedTool } from './parse.ts';

/** What a source yields: the tools and what the server said about itself. */
export interface SourceResult {
  tools: ImportedTool[];
  serverInfo?: { name: string; title?: string; version?: string; websiteUrl?: string };
  /** How the catalogue records where the list came from (server record `import.source`). */
  source: string;
  transport?: 'stdio' | 'streamable-http';
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

function describeFailure(err: unknown, where: string, stderr: string): AtlasError {
  if (err instanceof AtlasError) return err;
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

/** Connects, lists every page of tools, and always closes the connection (and so the child). */
async function withClient(
  transport: Transport,
  where: string,
  timeoutSeconds: number,
  stderr: () => string,
  transportClosed: Promise<void>,
): Promise<{ tools: ImportedTool[]; serverInfo?: SourceResult['serverInfo'] }> {
  const client = makeClient();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AtlasError(
            'import-timeout',
            `${where} did not answer within ${timeoutSeconds} seconds, so the import gave up. If the server is just slow to start, raise the limit with --timeout <seconds>.`,
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
  // Lines that are not JSON-RPC make the transport report an error and drop them; without this the
  // import would only notice at the timeout.
  const malformed = new Promise<never>((_, reject) => {
    client.onerror = (error) => {
      const text = error instanceof Error ? error.message : String(error);
      if (error instanceof SyntaxError || /JSON|parse|invalid_union|expected/i.test(text)) {
        reject(
          new AtlasError(
            'import-malformed',
            `${where} wrote something that is not an MCP JSON-RPC message (${text.split('\n')[0]}). Only JSON-RPC messages may go to stdout; logs belong on stderr.`,
          ),
        );
      }
    };
  });
  malformed.catch(() => {});
  try {
    const work = (async () => {
      await client.connect(transport, { timeout: timeoutSeconds * 1000 });
      const raw = await listAllTools(client, where);
      const info = client.getServerVersion();
      return {
        tools: checkTools(raw, `${where}'s tools/list answer`),
        ...(info ? { serverInfo: info as SourceResult['serverInfo'] } : {}),
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

/** Spawns a server and lists its tools over stdio. */
export async function fromStdio(commandLine: string, timeoutSeconds = DEFAULT_TIMEOUT_SECONDS): Promise<SourceResult> {
  const [command, ...args] = splitCommandLine(commandLine);
  if (!command)
    throw new AtlasError(
      'import-bad-command',
      'The --stdio option needs a command line, for example --stdio "npx -y @modelcontextprotocol/server-everything".',
    );
  const where = `The server started with ${JSON.stringify(commandLine)}`;
  // Only the SDK's minimal environment (PATH, HOME, ...) is passed on: an imported server is
  // untrusted and has no business seeing the importer's secrets.
  const transport = new StdioClientTransport({ command, args, env: getDefaultEnvironment(), stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-8000);
  });
  let markClosed: () => void = () => {};
  const transportClosed = new Promise<void>((resolve) => (markClosed = resolve));
  transport.onclose = () => markClosed();
  const result = await withClient(transport, where, timeoutSeconds, () => stderr, transportClosed);
  return { ...result, source: `stdio: ${commandLine}`, transport: 'stdio' };
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

/** Reads a saved tools/list answer. */
export function fromFile(path: string, label = path): SourceResult {
  const where = `The file ${label}`;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new AtlasError(
      'import-file-missing',
      `${where} does not exist or cannot be read. Check the path given to --file.`,
    );
  }
  if (size > LIMITS.fileBytes) {
    throw new AtlasError(
      'import-too-large',
      `${where} is ${size} bytes, larger than the ${LIMITS.fileBytes / 1024 / 1024} MiB a tool list may be.`,
    );
  }
  const tools = parseToolsListFile(readFileSync(path, 'utf8'), where);
  return { tools, source: `file: ${label}` };
}
