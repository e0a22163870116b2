import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, basename, dirname, extname } from 'node:path';
import { isCollection, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
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
  /**
   * Ids of server records that exist but could not be read (their problems are reported): their
   * tools are not said to lack a server.
   */
  unreadServers?: Set<string>;
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
 * How far a record may use YAML anchors and aliases. An alias may repeat a node that has no alias
 * inside it, at most `aliases` times per file: enough for an editor's `<<: *base`, and the
 * expanded record stays within `aliases` times the file's size. Nested aliases are what make a
 * few hundred bytes expand to billions of nodes (the "billion laughs"), so they are refused.
 */
export const YAML_ALIAS_LIMITS = { aliases: 100 } as const;

function yamlProblem(
  file: string,
  pos: { line: number; col: number } | undefined,
  reason: string,
  kind: 'syntax' | 'alias',
): Problem {
  const at = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
  return {
    code: 'record-yaml',
    path: '',
    file,
    message:
      kind === 'syntax'
        ? `The file is not valid YAML${at}: ${reason}. Fix the syntax there (check indentation, quotes and colons).`
        : `The file's YAML aliases are refused${at}: ${reason}.`,
  };
}

/** The first alias that breaks YAML_ALIAS_LIMITS, with why, or undefined. */
function aliasAbuse(doc: Document): { node: Node; reason: string } | undefined {
  let count = 0;
  let found: { node: Node; reason: string } | undefined;
  visit(doc, {
    Alias(_key, alias) {
      count++;
      if (count > YAML_ALIAS_LIMITS.aliases) {
        found = { node: alias, reason: `more than ${YAML_ALIAS_LIMITS.aliases} aliases in one file` };
        return visit.BREAK;
      }
      const target = alias.resolve(doc);
      if (!target) {
        found = { node: alias, reason: `the alias *${alias.source} has no anchor &${alias.source} before it` };
        return visit.BREAK;
      }
      let nested = false;
      if (target && isCollection(target))
        visit(target, {
          Alias() {
            nested = true;
            return visit.BREAK;
          },
        });
      if (nested) {
        found = {
          node: alias,
          reason: `the alias *${alias.source} repeats a node that itself contains aliases, which can make a small file expand without bound; write the repeated part out instead`,
        };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Parses a record's YAML text into plain data, or reports why not with the line and column. Every
 * reader of records goes through here: the validator, Astro's content loading (whose loaders in
 * `src/catalogue/astro-loaders.ts` take the records this loader parsed) and the importer. YAML 1.2 (core schema) with merge keys;
 * duplicate keys and alias abuse (YAML_ALIAS_LIMITS) are errors. Keys such as `__proto__` stay
 * ordinary data.
 */
export function parseYaml(text: string, file: string): { data?: unknown; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, merge: true, prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    const reason =
      error.code === 'MULTIPLE_DOCS'
        ? 'a record is one YAML document, but this file holds several (a "---" line starts another)'
        : (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
    return { problems: [yamlProblem(file, pos, reason || 'the text cannot be read as YAML', 'syntax')] };
  }
  const abuse = aliasAbuse(doc);
  if (abuse) {
    const pos = abuse.node.range ? lineCounter.linePos(abuse.node.range[0]) : undefined;
    return { problems: [yamlProblem(file, pos, abuse.reason, 'alias')] };
  }
  return { data: doc.toJS({ maxAliasCount: -1 }), problems: [] };
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
  return { problems: zodProblems(result.error, raw, 'record-schema', file, undefined, schema) };
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
    const checked = parsed.problems.length ? undefined : validate(serverSchema, parsed.data, file);
    if (checked) problems.push(...checked.problems);
    if (checked?.data) catalogue.servers.push({ id, file, data: checked.data });
    else (catalogue.unreadServers ??= new Set()).add(id);
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
