import { definitionSchema, TOOL_NAME_PATTERN, type ToolDefinition } from '#src/model/tool.ts';
import { AtlasError, showValue, zodProblems } from '#src/model/problems.ts';
import { canonicalJson, sortKeys } from './canonical.ts';

/** One tool as the importer keeps it: its name and the definition fields the catalogue stores. */
export interface ImportedTool {
  name: string;
  definition: ToolDefinition;
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
} as const;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function kind(v: unknown): string {
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
  if (!TOOL_NAME_PATTERN.test(name)) {
    throw new AtlasError(
      'import-tool-bad-name',
      `${at} is named ${showValue(name)}, which is not a valid MCP tool name. A tool name is 1 to 128 letters, digits, "_", "-" or ".".`,
    );
  }
  if (name.startsWith('_') || name.startsWith('.')) {
    throw new AtlasError(
      'import-tool-bad-name',
      `${at} is named ${showValue(name)}. The catalogue stores each tool in a file named after it, and files starting with "_" or "." are skipped, so this tool cannot be catalogued; rename it on the server.`,
    );
  }
  const tool = `${where}, tool "${name}"`;
  const schema = raw.inputSchema;
  if (!isObject(schema)) {
    throw new AtlasError(
      'import-input-schema',
      `${tool} has an "inputSchema" that is ${kind(schema)}${schema === undefined ? ' (missing)' : ''}, not an object. MCP requires a JSON Schema object such as {"type": "object", "properties": {}}.`,
    );
  }
  if (schema.type !== 'object') {
    throw new AtlasError(
      'import-input-schema',
      `${tool} has an "inputSchema" whose "type" is ${showValue(schema.type)}. MCP requires the top of a tool's input schema to be {"type": "object"}.`,
    );
  }
  for (const field of ['title', 'description'] as const) {
    if (raw[field] !== undefined && typeof raw[field] !== 'string') {
      throw new AtlasError(
        'import-tool-field',
        `${tool} has a "${field}" that is ${kind(raw[field])}, not a string. Fix the server or the file.`,
      );
    }
  }
  for (const field of ['outputSchema', 'annotations'] as const) {
    if (raw[field] !== undefined && !isObject(raw[field])) {
      throw new AtlasError(
        'import-tool-field',
        `${tool} has an "${field}" that is ${kind(raw[field])}, not an object. Fix the server or the file.`,
      );
    }
  }
  const definition: Record<string, unknown> = {};
  if (raw.title !== undefined) definition.title = raw.title;
  if (raw.description !== undefined) definition.description = raw.description;
  definition.inputSchema = sortKeys(schema);
  if (raw.outputSchema !== undefined) definition.outputSchema = sortKeys(raw.outputSchema);
  if (raw.annotations !== undefined) definition.annotations = sortKeys(raw.annotations);

  const size = Buffer.byteLength(canonicalJson(definition));
  if (size > LIMITS.toolBytes) {
    throw new AtlasError(
      'import-too-large',
      `${tool} has a definition of ${size} bytes, more than the ${LIMITS.toolBytes} a catalogue record accepts. This is not a plausible tool definition; check the server.`,
    );
  }
  const parsed = definitionSchema.safeParse(definition);
  if (!parsed.success) {
    const first = zodProblems(parsed.error, definition, 'import-definition')[0];
    throw new AtlasError(
      'import-definition',
      `${tool} does not fit the catalogue's tool definition: at ${first?.path || 'its root'}, ${first?.message ?? 'the value is invalid.'}`,
    );
  }
  return { name, definition: parsed.data };
}

/** Checks the tools of every page together: names unique (also ignoring case, for file systems). */
export function checkTools(rawTools: unknown[], where: string): ImportedTool[] {
  if (rawTools.length > LIMITS.tools) {
    throw new AtlasError(
      'import-too-large',
      `${where} lists ${rawTools.length} tools, more than the ${LIMITS.tools} one server may have in the catalogue. This is not a plausible tool list; check the server.`,
    );
  }
  const tools = rawTools.map((raw, i) => toTool(raw, i, where));
  const seen = new Map<string, string>();
  for (const tool of tools) {
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
  return tools;
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
  if (!('tools' in result))
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
  if ('error' in value && !('result' in value)) {
    const err = value.error as { message?: unknown; code?: unknown } | undefined;
    throw new AtlasError(
      'import-server-error',
      `${where} holds a JSON-RPC error, not a tool list: ${showValue(err?.message ?? err)}${err?.code !== undefined ? ` (code ${showValue(err.code)})` : ''}.`,
    );
  }
  return 'result' in value ? value.result : value;
}

/**
 * Reads a saved tools/list: a JSON-RPC response, its `result`, a bare array of tools, or an array
 * of pages (responses or results) saved one after another. Pages must chain: every page but the
 * last has a `nextCursor`, the last has none.
 */
export function parseToolsListFile(text: string, where: string): ImportedTool[] {
  if (Buffer.byteLength(text) > LIMITS.fileBytes) {
    throw new AtlasError(
      'import-too-large',
      `${where} is larger than ${LIMITS.fileBytes / 1024 / 1024} MiB. That is not a plausible tool list.`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new AtlasError(
      'import-not-json',
      `${where} is not valid JSON (${(err as Error).message}). Save the server's tools/list answer as JSON.`,
    );
  }
  if (Array.isArray(data)) {
    const looksLikePages =
      data.length > 0 && data.every((d) => isObject(d) && ('tools' in d || 'result' in d || 'error' in d));
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
