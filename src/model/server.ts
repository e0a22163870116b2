import { z } from 'astro/zod';

/** A server id is the record's file name: content/servers/<id>.yaml. */
export const SERVER_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,99}$/;
export const serverIdSchema = z
  .string()
  .regex(
    SERVER_ID_PATTERN,
    'A server id uses lower-case letters, digits and hyphens, and starts with a letter or digit.',
  );

/**
 * One MCP server: content/servers/<server-id>.yaml.
 * Importer-owned fields (server_info, import) are refreshed on re-import; everything else is
 * written by an editor and kept.
 */
export const serverSchema = z.strictObject({
  name: z.string().min(1).max(200),
  summary: z.string().min(1).max(2000),
  repository: z.url().optional(),
  homepage: z.url().optional(),
  /** An npm package, only when the server really is published there. */
  npm: z.string().min(1).max(214).optional(),
  language: z.string().min(1).max(60).optional(),
  transports: z
    .array(z.enum(['stdio', 'streamable-http', 'sse']))
    .min(1)
    .optional(),
  /** What the server calls itself in its MCP initialize answer. */
  server_info: z
    .strictObject({
      name: z.string().min(1).max(200),
      version: z.string().min(1).max(100).optional(),
    })
    .optional(),
  /** Steps to install and start it, one short sentence or command each. */
  install: z.array(z.string().min(1).max(500)).optional(),
  /** Free-form notes by the catalogue's editors (plain text, shown escaped). */
  notes: z.string().max(4000).optional(),
  /** Set by the importer: where the tool list came from and when. */
  import: z
    .strictObject({
      source: z.string().min(1).max(1000),
      date: z.iso.date(),
      /** Names of the environment variables the server was given (never their values). */
      env: z
        .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/))
        .max(100)
        .optional(),
      /** Tools the server lists that the catalogue cannot host, each with the reason. */
      skipped: z
        .array(z.strictObject({ name: z.string().max(200), reason: z.string().min(1).max(1000) }))
        .max(1000)
        .optional(),
    })
    .optional(),
});

export type ServerRecord = z.infer<typeof serverSchema>;
