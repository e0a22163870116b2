import { definitionSchema, TOOL_NAME_PATTERN, type ToolDefinition } from '#src/model/tool.ts';
import { AtlasError, showValue, zodProblems } from '#src/model/problems.ts';
import { canonicalJson, sortKeys } from '#src/model/canonical.ts';
import { isObject } from '#src/model/object.ts';
import { clip } from './text.ts';

/** One tool as the importer keeps it: its name and the definition fields the catalogue stores. */
export interface ImportedTool {
  name: string;
  definition: ToolDefinition;
}

/** A tool the server lists that the catalogue cannot host, with the reason, for the report. */
export interface SkippedTool {
  /** The name as sent, shortened to 200 characters for the record. */
  name: string;
  reason: string;
}

/** What a tool list yields: the tools to catalogue and the ones left out. */
export interface CheckedTools {
  tools: ImportedTool[];
  skipped: SkippedTool[];
}

/** A defect of one tool, not of the whole answer: the tool is skipped and the rest imported. */
class ToolDefect extends Error {
  readonly toolName: string;
  readonly reason: string;
  constructor(toolName: string, reason: string) {
    super(reason);
    this.toolName = toolName;
    this.reason = reason;
  }
}

/** Limits past which a tool list is treated as malformed rather than imported. */
export const LIMITS = {
  /** Bytes of a saved tools/list file. */
  fileBytes: 16 * 1024 * 1024,
  /** Tools on one server. */
  tools: 1000,
  /** Bytes of one tool's definition as canonical JSON. */
  toolBytes: 256 * 1024,
  /** tools/list pages followed before giving up on a server that keeps sending cursors. */
  pages: 100,
  /**
   * Levels of objects and arrays in one tool definition (the tool object is level 1). Real input
   * schemas stay far below; the checks and the record writer walk definitions recursively.
   */
  depth: 64,
} as const;

/** Whether a JSON value nests objects and arrays deeper than `max` levels; iterative, so any depth is safe. */
export function deeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** What a JSON value is, for a message: `a number`, `an array`, `null`. */
export function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * Checks one entry of a `tools` array and keeps the fields a tool record stores (title,
 * description, inputSchema, outputSchema, annotations). Other fields (`execution`, `icons`,
 * `_meta`) are not part of the catalogue's definition and are dropped.
 */
function toTool(raw: unknown, index: number, where: string): ImportedTool {
  const at = `${where}, tools[${index}]`;
  if (!isObject(raw))
    throw new AtlasError(
      'import-tool-not-object',
      `${at} is ${kind(raw)}, not an object. Each entry of "tools" must be a tool object with a "name" and an "inputSchema".`,
    );
  const { name } = raw;
  if (name === undefined || name === '')
    throw new AtlasError(
      'import-tool-no-name',
      `${at} has no "name". Every tool needs a name; fix the server or the file.`,
    );
  if (typeof name !== 'string')
    throw new AtlasError(
      'import-tool-no-name',
      `${at} has a "name" that is ${kind(name)} (${showValue(name)}), not a string. Give the tool a string name.`,
    );
  const skip = (reason: string): never => {
    throw new ToolDefect(name, reason);
  };
  if (!TOOL_NAME_PATTERN.test(name)) {
    skip(
      name.length > 128
        ? `Its name is ${name.length} characters long; an MCP tool name has at most 128.`
        : 'Its name is not a valid MCP tool name, which is 1 to 128 letters, digits, "_", "-" or ".".',
    );
  }
  const tool = `${where}, tool "${name}"`;
  if (deeperThan(raw, LIMITS.depth)) {
    throw new AtlasError(
      'import-too-deep',
      `${tool} has a definition nested more than ${LIMITS.depth} levels deep (objects and arrays within each other). No real input schema needs that; check the server.`,
    );
  }
  const schema = raw.inputSchema;
  if (!isObject(schema)) {
    skip(
      `Its "inputSchema" is ${kind(schema)}${schema === undefined ? ' (missing)' : ''}, not an object; MCP requires a JSON Schema object.`,
    );
  }
  const inputSchema = schema as Record<string, unknown>;
  // Clients read a schema without "type" as an object schema; so does the catalogue, storing it as sent.
  if (inputSchema.type !== undefined && inputSchema.type !== 'object') {
    skip(
      `Its "inputSchema" has the "type" ${showValue(inputSchema.type)}; MCP requires the top of an input schema to be an object.`,
    );
  }
  for (const field of ['title', 'description'] as const) {
    if (raw[field] !== undefined && typeof raw[field] !== 'string') {
      skip(`Its "${field}" is ${kind(raw[field])}, not a string.`);
    }
  }
  for (const field of ['outputSchema', 'annotations'] as const) {
    if (raw[field] !== undefined && !isObject(raw[field])) {
      skip(`Its "${field}" is ${kind(raw[field])}, not an object.`);
    }
  }
  const definition: Record<string, unknown> = {};
  if (raw.title !== undefined) definition.title = raw.title;
  if (raw.description !== undefined) definition.description = raw.description;
  definition.inputSchema = sortKeys(inputSchema);
  if (raw.outputSchema !== undefined) definition.outputSchema = sortKeys(raw.outputSchema);
  if (raw.annotations !== undefined) definition.annotations = sortKeys(raw.annotations);

  const size = Buffer.byteLength(canonicalJson(definition));
  if (size > LIMITS.toolBytes) {
    skip(`Its definition is ${size} bytes, more than the ${LIMITS.toolBytes} a catalogue record accepts.`);
  }
  const parsed = definitionSchema.safeParse(definition);
  if (!parsed.success) {
    const first = zodProblems(parsed.error, definition, 'import-definition')[0];
    skip(
      `It does not fit the catalogue's tool definition: at ${first?.path || 'its root'}, ${first?.message ?? 'the value is invalid.'}`,
    );
  }
  return { name, definition: parsed.data as ToolDefinition };
}

/**
 * Checks the tools of every page together. An entry that is not a named tool, or names listed
 * twice (also ignoring case, for file systems), refuse the whole answer; a tool the catalogue
 * cannot host is skipped with its reason.
 */
export function checkTools(rawTools: unknown[], where: string): CheckedTools {
  if (rawTools.length > LIMITS.tools) {
    throw new AtlasError(
      'import-too-large',
      `${where} lists ${rawTools.length} tools, more than the ${LIMITS.tools} one server may have in the catalogue. This is not a plausible tool list; check the server.`,
    );
  }
  const tools: ImportedTool[] = [];
  const skipped: SkippedTool[] = [];
  rawTools.forEach((raw, i) => {
    try {
      tools.push(toTool(raw, i, where));
    } catch (err) {
      if (!(err instanceof ToolDefect)) throw err;
      skipped.push({ name: clip(err.toolName, 200), reason: err.reason });
    }
  });
  if (tools.length === 0 && skipped.length > 0) {
    throw new AtlasError(
      'import-no-valid-tools',
      `${where} lists ${skipped.length} tool${skipped.length === 1 ? '' : 's'}, and the catalogue can host none of them. The first, ${showValue(skipped[0]?.name)}: ${skipped[0]?.reason}`,
    );
  }
  const seen = new Map<string, string>();
  for (const tool of [...tools, ...skipped]) {
    const key = tool.name.toLowerCase();
    const earlier = seen.get(key);
    if (earlier === tool.name) {
      throw new AtlasError(
        'import-duplicate-name',
        `${where} lists the tool "${tool.name}" more than once. Tool names must be unique on a server; fix the server or the file.`,
      );
    }
    if (earlier !== undefined) {
      throw new AtlasError(
        'import-duplicate-name',
        `${where} lists the tools "${earlier}" and "${tool.name}", whose names differ only in case. Their record files would collide on many file systems; rename one on the server.`,
      );
    }
    seen.set(key, tool.name);
  }
  return { tools, skipped };
}

/** One page of a `tools/list` answer: its tools and the cursor for the next page, if any. */
export interface ToolsPage {
  tools: unknown[];
  nextCursor?: string;
}

/** Reads one `tools/list` result object (`{tools, nextCursor?}`), with a message naming the problem. */
export function toPage(result: unknown, where: string): ToolsPage {
  if (!isObject(result))
    throw new AtlasError(
      'import-no-tools',
      `${where} is ${kind(result)}, not a tools/list result. Expected an object with a "tools" array.`,
    );
  if (!Object.hasOwn(result, 'tools'))
    throw new AtlasError(
      'import-no-tools',
      `${where} has no "tools" array (its keys are: ${Object.keys(result).join(', ') || 'none'}). Expected a tools/list result such as {"tools": [...]}.`,
    );
  if (!Array.isArray(result.tools))
    throw new AtlasError('import-no-tools', `${where} has a "tools" that is ${kind(result.tools)}, not an array.`);
  const { nextCursor } = result;
  if (nextCursor !== undefined && nextCursor !== null && typeof nextCursor !== 'string') {
    throw new AtlasError('import-bad-cursor', `${where} has a "nextCursor" that is ${kind(nextCursor)}, not a string.`);
  }
  return { tools: result.tools, ...(typeof nextCursor === 'string' ? { nextCursor } : {}) };
}

/** Unwraps a JSON-RPC response to its result, or explains the error it carries. */
function unwrapResponse(value: Record<string, unknown>, where: string): unknown {
  if (Object.hasOwn(value, 'error') && !Object.hasOwn(value, 'result')) {
    const err = value.error as { message?: unknown; code?: unknown } | undefined;
    throw new AtlasError(
      'import-server-error',
      `${where} holds a JSON-RPC error, not a tool list: ${showValue(err?.message ?? err)}${err?.code !== undefined ? ` (code ${showValue(err.code)})` : ''}.`,
    );
  }
  return Object.hasOwn(value, 'result') ? value.result : value;
}

/** The text without a leading byte-order mark, which some editors write and JSON.parse refuses. */
export function withoutBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * Reads a saved tools/list: a JSON-RPC response, its `result`, a bare array of tools, or an array
 * of pages (responses or results) saved one after another. Pages must chain: every page but the
 * last has a `nextCursor`, the last has none. A leading byte-order mark is ignored.
 */
export function parseToolsListFile(text: string, where: string): CheckedTools {
  if (Buffer.byteLength(text) > LIMITS.fileBytes) {
    throw new AtlasError(
      'import-too-large',
      `${where} is larger than ${LIMITS.fileBytes / 1024 / 1024} MiB. That is not a plausible tool list.`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(withoutBom(text));
  } catch (err) {
    throw new AtlasError(
      'import-not-json',
      `${where} is not valid JSON (${(err as Error).message}). Save the server's tools/list answer as JSON.`,
    );
  }
  if (Array.isArray(data)) {
    const looksLikePages =
      data.length > 0 &&
      data.every((d) => isObject(d) && ['tools', 'result', 'error'].some((k) => Object.hasOwn(d, k)));
    if (!looksLikePages) return checkTools(data, where);
    const pages = data.map((d, i) =>
      toPage(unwrapResponse(d as Record<string, unknown>, `${where}, page ${i + 1}`), `${where}, page ${i + 1}`),
    );
    pages.forEach((page, i) => {
      const last = i === pages.length - 1;
      if (!last && page.nextCursor === undefined) {
        throw new AtlasError(
          'import-bad-cursor',
          `${where}, page ${i + 1} has no "nextCursor", yet more pages follow it. Save the pages in the order the server sent them.`,
        );
      }
      if (last && page.nextCursor !== undefined) {
        throw new AtlasError(
          'import-missing-page',
          `${where}, page ${i + 1} (the last) has "nextCursor" ${showValue(page.nextCursor)}, so the server had more tools. Save every page, following nextCursor until it is absent.`,
        );
      }
    });
    return checkTools(
      pages.flatMap((p) => p.tools),
      where,
    );
  }
  if (!isObject(data))
    throw new AtlasError(
      'import-no-tools',
      `${where} holds ${kind(data)}, not a tool list. Expected a tools/list response, its "result", or an array of tools.`,
    );
  const page = toPage(unwrapResponse(data, where), where);
  if (page.nextCursor !== undefined) {
    throw new AtlasError(
      'import-missing-page',
      `${where} has "nextCursor" ${showValue(page.nextCursor)}, so it holds only the first page of the server's tools. Save every page in one JSON array, in order.`,
    );
  }
  return checkTools(page.tools, where);
}
