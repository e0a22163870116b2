import { z } from 'astro/zod';
import { categorySchema, riskSchema } from './taxonomy.ts';
import { serverIdSchema } from './server.ts';

/** MCP tool names: 1-128 characters of letters, digits, `_`, `-` and `.` (MCP spec, tools). */
export const TOOL_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,128}$/;
export const toolNameSchema = z
  .string()
  .regex(TOOL_NAME_PATTERN, 'A tool name is 1 to 128 letters, digits, "_", "-" or ".".');

/**
 * The name of a tool's record file (without `.yaml`) and of its page's URL segment. Any valid tool
 * name is written as it is, except that a `~` (which no tool name contains) is put
 * - before a name that starts with "." or "_" (hidden or skipped by file listings, and `.` and `..`
 *   mean folders in a path),
 * - before a name that Windows reserves for a device (`con`, `nul.txt`, `com1`, …),
 * - after a name that ends with "." (Windows drops a trailing dot).
 * So distinct names give distinct stems, and no stem is special to a file system or a URL. Two
 * names that differ only in case would still collide on case-insensitive file systems: the
 * catalogue refuses such twins (`record-case-twin`).
 */
export function toolFileStem(name: string): string {
  const prefix = /^[._]/.test(name) || /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(name) ? '~' : '';
  const suffix = name.endsWith('.') ? '~' : '';
  return `${prefix}${name}${suffix}`;
}

/**
 * Checks a value against `schema` but keeps the value itself, not zod's copy. zod rebuilds objects
 * by assignment, and assigning a key named `__proto__` sets the copy's prototype instead: the key
 * vanishes from the stored definition, its hash and its page, or an object under it merges into
 * the schema. What a server sent must be stored, hashed, shown and scanned exactly as sent.
 */
export function verbatim<T extends z.ZodType>(schema: T) {
  return z.unknown().transform((value, ctx) => {
    const result = schema.safeParse(value);
    if (result.success) return value as z.output<T>;
    for (const issue of result.error.issues) ctx.issues.push(issue as never);
    return z.NEVER;
  });
}

/** MCP tool annotations. All are hints from a server that may not be trusted. */
const annotationsShape = z.looseObject({
  title: z.string().max(500).optional(),
  readOnlyHint: z.boolean().optional(),
  destructiveHint: z.boolean().optional(),
  idempotentHint: z.boolean().optional(),
  openWorldHint: z.boolean().optional(),
});
export const annotationsSchema = verbatim(annotationsShape);
export type ToolAnnotations = z.infer<typeof annotationsSchema>;

/**
 * A JSON Schema for a tool's arguments; MCP requires an object schema at the top. A schema without
 * `type` is read as an object schema, as MCP clients read it, and stored as sent.
 */
export const inputSchemaSchema = verbatim(
  z.looseObject({
    type: z.literal('object').optional(),
    properties: z.record(z.string(), z.unknown()).optional(),
    required: z.array(z.string()).optional(),
  }),
);
export type InputSchema = z.infer<typeof inputSchemaSchema>;

/** The tool as its server declares it in `tools/list`: untrusted text, shown escaped. */
export const definitionSchema = z.strictObject({
  title: z.string().max(500).optional(),
  description: z.string().max(100_000).optional(),
  inputSchema: inputSchemaSchema,
  outputSchema: verbatim(z.record(z.string(), z.unknown())).optional(),
  annotations: annotationsSchema.optional(),
});
export type ToolDefinition = z.infer<typeof definitionSchema>;

/** One signal in the definition that pushed the classification one way. */
export const evidenceSchema = z.strictObject({
  /** Where in the definition the signal was found. */
  source: z.enum(['name', 'title', 'description', 'input-schema', 'annotation']),
  /** The classifier rule that matched, e.g. `verb:delete` or `property:sql`. */
  signal: z.string().min(1).max(200),
  /** The text quoted from the definition. */
  text: z.string().min(1).max(2000),
  /** The category this signal argues for. */
  suggests: categorySchema,
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** A suspected hidden instruction (tool poisoning) found in the definition's text. */
export const flagSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  reason: z.string().min(1).max(500),
  /** Where the text was found, e.g. `description` or `inputSchema.properties.path.description`. */
  field: z.string().min(1).max(500),
  /** The offending excerpt, verbatim (the page makes invisible characters visible). */
  text: z.string().max(2000),
});
export type ToolFlag = z.infer<typeof flagSchema>;

export const classificationSchema = z.strictObject({
  category: categorySchema,
  risk: riskSchema,
  confidence: z.enum(['high', 'medium', 'low']),
  evidence: z.array(evidenceSchema),
});
export type Classification = z.infer<typeof classificationSchema>;

/** Written by the importer; an editor does not need to touch it. */
const definitionHashSchema = z.string().regex(/^sha256:[0-9a-f]{64}$/);

export const historySchema = z.strictObject({
  /** sha256 of the definition printed as canonical JSON. */
  hash: definitionHashSchema,
  first_seen: z.iso.date(),
  changes: z
    .array(
      z.strictObject({
        date: z.iso.date(),
        summary: z.array(z.string().min(1).max(1000)).min(1),
      }),
    )
    .optional(),
  /** Set when a re-import no longer finds the tool on its server. */
  removed: z.iso.date().optional(),
});
export type ToolHistory = z.infer<typeof historySchema>;

/**
 * Fields owned by the catalogue's editors. The importer never writes them, so they survive
 * re-imports. Each one overrides what would otherwise be derived.
 */
export const editorialSchema = z
  .strictObject({
    category: categorySchema.optional(),
    /**
     * The hash (as in `history.hash`) of the definition the editor's category was decided on;
     * `npm run review -- --set` writes it. When the server later changes the definition, the tool
     * waits in the review queue again until an editor decides anew.
     */
    checked: definitionHashSchema.optional(),
    risk: riskSchema.optional(),
    /** "What <tool> does on <server>", plain text. */
    summary: z.string().min(1).max(4000).optional(),
    /** "Why <tool> needs a policy", plain text paragraphs separated by blank lines. */
    why: z.string().min(1).max(8000).optional(),
    /** Attack pattern ids to link in addition to those derived from the category. */
    attack_patterns: z.array(z.string().regex(/^[a-z0-9-]+$/)).optional(),
    /** A complete policy document replacing the recommended one; checked by the policy engine. */
    policy: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((e, ctx) => {
    // A field that silently does nothing is refused, as an unknown key is.
    if (e.checked !== undefined && e.category === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['checked'],
        message:
          '"checked" records the definition an editor\'s category was decided on, and there is no "category" beside it. Set editorial.category (npm run review -- --set <server>/<tool>=<Category> writes both), or remove checked.',
      });
  });
export type Editorial = z.infer<typeof editorialSchema>;

/** One tool: content/tools/<server-id>/<tool-name>.yaml. */
export const toolSchema = z.strictObject({
  name: toolNameSchema,
  server: serverIdSchema,
  definition: definitionSchema,
  classification: classificationSchema,
  flags: z.array(flagSchema).optional(),
  history: historySchema.optional(),
  editorial: editorialSchema.optional(),
});
export type ToolRecord = z.infer<typeof toolSchema>;

/**
 * A tool record as Astro's content store keeps it. The store serialises with devalue, which
 * refuses objects with a `__proto__` key, so the definition travels as its JSON text and
 * `restoreTool` parses it back (JSON.parse keeps every key as data).
 */
export const storedToolSchema = toolSchema.transform((record) => ({
  ...record,
  definition: JSON.stringify(record.definition),
}));

export function restoreTool(stored: z.output<typeof storedToolSchema>): ToolRecord {
  return { ...stored, definition: JSON.parse(stored.definition) as ToolDefinition };
}
