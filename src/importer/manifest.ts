import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'astro/zod';
import { SERVER_ID_PATTERN } from '#src/model/server.ts';
import { zodProblems, formatProblem } from '#src/model/problems.ts';
import { AtlasError } from '#src/model/problems.ts';

/** The manifest's file name inside the content folder. */
export const MANIFEST_FILE = 'manifest.yaml';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
/** `name@version` or `@scope/name@version`, the version pinned (no ranges, no tags). */
const PINNED_PACKAGE = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*@\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

const entrySchema = z
  .strictObject({
    /** The server's record id: content/servers/<id>.yaml. */
    id: z.string().regex(SERVER_ID_PATTERN, 'A server id uses lower-case letters, digits and hyphens.'),
    /** An npm package at a pinned version, started with `npx -y <package> <args…>`. */
    npm: z
      .string()
      .regex(PINNED_PACKAGE, 'Give the npm package with a pinned version, for example "tavily-mcp@0.2.22".')
      .optional(),
    /** Arguments after the package name (npm) or nothing. */
    args: z.array(z.string().max(500)).max(50).optional(),
    /** A command line started as is. */
    stdio: z.string().min(1).max(1000).optional(),
    /** A Streamable HTTP endpoint. */
    http: z.url().optional(),
    /** A saved answer that is the server's only source (a server that is not on npm). */
    file: z.string().min(1).optional(),
    /**
     * Environment variables the server needs before it lists its tools, each with a placeholder
     * used when the importer's environment does not set it. Placeholders are public; real values
     * come from the environment and are never written anywhere.
     */
    env: z.record(z.string().regex(ENV_NAME), z.string().max(500)).optional(),
    /** Where its saved answer lives, relative to the project folder (the content folder's parent). */
    sample: z.string().min(1),
    /** Seconds to wait for this server, when it needs longer than the default. */
    timeout: z.number().positive().max(3600).optional(),
  })
  .refine((e) => [e.npm, e.stdio, e.http, e.file].filter((v) => v !== undefined).length === 1, {
    message: 'Give each server exactly one of npm, stdio, http or file.',
  });

const manifestSchema = z.strictObject({
  servers: z.array(entrySchema).min(1),
  /** Servers tried and left out of the catalogue, each with why: --all skips them. */
  unavailable: z
    .array(z.strictObject({ npm: z.string().regex(PINNED_PACKAGE), reason: z.string().min(1).max(1000) }))
    .optional(),
});

export type ManifestEntry = z.infer<typeof entrySchema>;

/** One server of the manifest, with its paths resolved. */
export interface ManifestServer extends ManifestEntry {
  /** Absolute path of the saved answer. */
  samplePath: string;
  /** Absolute path of the `file` source, if any. */
  filePath?: string;
}

/** The folder the manifest's paths are relative to: the content folder's parent. */
export const projectRoot = (contentDir: string) => dirname(contentDir);

/** The command line an npm entry is started with. */
export function npmCommand(entry: Pick<ManifestEntry, 'npm' | 'args'>): string {
  const quote = (a: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`);
  return ['npx', '-y', entry.npm as string, ...(entry.args ?? [])].map(quote).join(' ');
}

/** Reads and checks `<content>/manifest.yaml`; every problem is reported at once. */
export function readManifest(contentDir: string, cwd = process.cwd()): ManifestServer[] {
  const path = join(contentDir, MANIFEST_FILE);
  const label = relative(cwd, path) || path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new AtlasError(
      'import-manifest',
      `There is no manifest at ${label}. --all imports the servers it lists; create it or give --content.`,
    );
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new AtlasError('import-manifest', `${label} is not valid YAML: ${doc.errors[0]?.message}`);
  }
  const data = doc.toJS() as unknown;
  const parsed = manifestSchema.safeParse(data);
  if (!parsed.success) {
    const problems = zodProblems(parsed.error, data, 'import-manifest', label);
    throw new AtlasError(
      'import-manifest',
      `${label} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
    );
  }
  const root = projectRoot(contentDir);
  const at = (p: string) => (isAbsolute(p) ? p : join(root, p));
  const seen = new Set<string>();
  return parsed.data.servers.map((entry) => {
    if (seen.has(entry.id))
      throw new AtlasError('import-manifest', `${label} lists the server "${entry.id}" twice. Keep one entry.`);
    seen.add(entry.id);
    return { ...entry, samplePath: at(entry.sample), ...(entry.file ? { filePath: at(entry.file) } : {}) };
  });
}
