import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, basename, dirname, extname } from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'astro/zod';
import { serverSchema, SERVER_ID_PATTERN, type ServerRecord } from '#src/model/server.ts';
import { toolSchema, type ToolRecord } from '#src/model/tool.ts';
import { attackPatternSchema, type AttackPatternRecord } from '#src/model/attack-pattern.ts';
import { pageSchema, type PageRecord } from '#src/model/page.ts';
import { zodProblems, type Problem } from '#src/model/problems.ts';

export interface Loaded<T> {
  /** Record id: the file name without extension (server id, tool name, pattern id). */
  id: string;
  /** Path relative to the project root (or to the current directory), for messages. */
  file: string;
  data: T;
}

export interface Catalogue {
  contentDir: string;
  servers: Loaded<ServerRecord>[];
  /** Tool ids are `<folder>/<file name>`, as in the site's content collection; `folder` must match `data.server`. */
  tools: (Loaded<ToolRecord> & { folder: string; fileName: string })[];
  patterns: Loaded<AttackPatternRecord>[];
  /** Long-form pages: only their front matter is checked here; Astro compiles the MDX. */
  pages: Loaded<PageRecord>[];
}

const YAML_EXT = new Set(['.yaml', '.yml']);

function listFiles(dir: string, exts: Set<string>): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => exts.has(extname(n)) && !n.startsWith('_') && !n.startsWith('.')).sort();
}

function listDirs(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => !n.startsWith('.') && !n.startsWith('_') && statSync(join(dir, n)).isDirectory()).sort();
}

/**
 * Parses YAML text into plain data, or reports the syntax error with its line and column. It
 * uses js-yaml with its default schema, the parser Astro's content layer reads these files with,
 * so the validator and the build always see the same data.
 */
export function parseYaml(text: string, file: string): { data?: unknown; problems: Problem[] } {
  try {
    return { data: yaml.load(text, { filename: file }), problems: [] };
  } catch (err) {
    if (!(err instanceof yaml.YAMLException)) throw err;
    const at = err.mark ? ` at line ${err.mark.line + 1}, column ${err.mark.column + 1}` : '';
    const reason = err.reason || 'the text cannot be read as YAML';
    return {
      problems: [
        {
          code: 'record-yaml',
          path: '',
          file,
          message: `The file is not valid YAML${at}: ${reason}. Fix the syntax there (check indentation, quotes and colons).`,
        },
      ],
    };
  }
}

/** Reads the YAML front matter of an MDX file; Astro compiles the body. */
function parseFrontmatter(text: string, file: string): { data?: unknown; problems: Problem[] } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) {
    return {
      problems: [
        {
          code: 'record-yaml',
          path: '',
          file,
          message:
            'The file has no front matter. Start it with a "---" block that holds at least its title and summary.',
        },
      ],
    };
  }
  return parseYaml(match[1] ?? '', file);
}

function validate<T>(schema: z.ZodType<T>, raw: unknown, file: string): { data?: T; problems: Problem[] } {
  const result = schema.safeParse(raw);
  if (result.success) return { data: result.data, problems: [] };
  return { problems: zodProblems(result.error, raw, 'record-schema', file) };
}

/**
 * The record files of a content folder, relative to it, as the checks and the site see them:
 * names starting with `_` or `.` are left out here, in one place, and everything downstream (the
 * checks, the Astro collections, the build's slices) works from this list, so the site can only
 * render files the checks saw.
 */
export interface CatalogueFiles {
  servers: string[];
  tools: string[];
  patterns: string[];
  pages: string[];
}

export function listCatalogueFiles(contentDir: string): CatalogueFiles {
  const toolsDir = join(contentDir, 'tools');
  const mdx = new Set(['.mdx', '.md']);
  return {
    servers: listFiles(join(contentDir, 'servers'), YAML_EXT).map((n) => `servers/${n}`),
    tools: listDirs(toolsDir).flatMap((folder) =>
      listFiles(join(toolsDir, folder), YAML_EXT).map((n) => `tools/${folder}/${n}`),
    ),
    patterns: listFiles(join(contentDir, 'attack-patterns'), mdx).map((n) => `attack-patterns/${n}`),
    pages: listFiles(join(contentDir, 'pages'), mdx).map((n) => `pages/${n}`),
  };
}

/**
 * Reads every record under a content folder and checks each one against its schema. Problems in
 * one file never stop the others from loading, so a build reports every mistake at once.
 */
export function loadCatalogue(contentDir: string, cwd = process.cwd()): { catalogue: Catalogue; problems: Problem[] } {
  return loadFiles(contentDir, listCatalogueFiles(contentDir), cwd);
}

/** Reads and schema-checks the given files (from `listCatalogueFiles`) of a content folder. */
export function loadFiles(
  contentDir: string,
  files: CatalogueFiles,
  cwd = process.cwd(),
): { catalogue: Catalogue; problems: Problem[] } {
  const problems: Problem[] = [];
  const catalogue: Catalogue = { contentDir, servers: [], tools: [], patterns: [], pages: [] };
  const rel = (p: string) => relative(cwd, p) || p;

  for (const name of files.servers) {
    const path = join(contentDir, name);
    const file = rel(path);
    const id = basename(name, extname(name));
    if (!SERVER_ID_PATTERN.test(id)) {
      problems.push({
        code: 'record-file-name',
        path: '',
        file,
        value: id,
        message: `The server id "${id}" (the file name) may only use lower-case letters, digits and hyphens. Rename the file.`,
      });
      continue;
    }
    const parsed = parseYaml(readFileSync(path, 'utf8'), file);
    problems.push(...parsed.problems);
    if (parsed.problems.length) continue;
    const checked = validate(serverSchema, parsed.data, file);
    problems.push(...checked.problems);
    if (checked.data) catalogue.servers.push({ id, file, data: checked.data });
  }

  for (const name of files.tools) {
    const path = join(contentDir, name);
    const file = rel(path);
    const folder = basename(dirname(name));
    const fileName = basename(name, extname(name));
    const parsed = parseYaml(readFileSync(path, 'utf8'), file);
    problems.push(...parsed.problems);
    if (parsed.problems.length) continue;
    const checked = validate(toolSchema, parsed.data, file);
    problems.push(...checked.problems);
    if (checked.data) catalogue.tools.push({ id: `${folder}/${fileName}`, file, folder, fileName, data: checked.data });
  }

  const loadMdx = <T>(names: string[], schema: z.ZodType<T>, into: Loaded<T>[]) => {
    for (const name of names) {
      const path = join(contentDir, name);
      const file = rel(path);
      const parsed = parseFrontmatter(readFileSync(path, 'utf8'), file);
      problems.push(...parsed.problems);
      if (parsed.problems.length) continue;
      const checked = validate(schema, parsed.data, file);
      problems.push(...checked.problems);
      if (checked.data) into.push({ id: basename(name, extname(name)), file, data: checked.data });
    }
  };
  loadMdx(files.patterns, attackPatternSchema, catalogue.patterns);
  loadMdx(files.pages, pageSchema, catalogue.pages);

  return { catalogue, problems };
}
