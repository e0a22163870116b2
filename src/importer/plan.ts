import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { classify } from '#src/classify/engine.ts';
import { detectPoisoning } from '#src/classify/poisoning.ts';
import { decisionIsStale } from '#src/classify/review.ts';
import { loadCatalogue, parseYaml, type Catalogue } from '#src/catalogue/load.ts';
import { checkServer } from '#src/catalogue/validate.ts';
import { SERVER_ID_PATTERN, serverSchema, type ServerRecord } from '#src/model/server.ts';
import { toolFileStem, toolSchema, type ToolDefinition, type ToolHistory, type ToolRecord } from '#src/model/tool.ts';
import { AtlasError, formatProblem, zodProblems, type Problem } from '#src/model/problems.ts';
import { hashDefinition } from '#src/model/canonical.ts';
import { plural } from '#src/model/text.ts';
import { describeChanges } from './diff.ts';
import { clip } from './text.ts';
import type { SourceResult } from './sources.ts';
import { portableNode, printRecord, updateRecord } from './yaml.ts';
import type { FileWrite } from './write.ts';

export interface PlanOptions {
  contentDir: string;
  serverId?: string;
  name?: string;
  repo?: string;
  /** Facts for a new server record (an npm package, how to install it); an existing one keeps its own. */
  serverDefaults?: { npm?: string; install?: string[] };
  /** A live answer to save with the records, so that later imports and builds need no network. */
  saveAnswer?: { path: string; text: string };
  /** "Today" as YYYY-MM-DD. */
  date: string;
  /**
   * The content folder as read and checked, shared by imports that run one after another (--all);
   * whoever writes to the folder empties it.
   */
  cache?: PlanCache;
  /** Base for the relative file names in messages. */
  cwd?: string;
  /** Import an answer that lists no tools even when it would mark every tool of the server removed. */
  allowEmpty?: boolean;
}

export interface PlanCache {
  loaded?: ReturnType<typeof loadCatalogue>;
}

export interface ImportReport {
  serverId: string;
  /** The server record, and for an update the fields whose values change (`import.date`, …). */
  serverFile: { path: string; action: 'create' | 'update' | 'unchanged'; fields?: string[] };
  added: string[];
  /**
   * Tools whose definition changed; `recheck` names the category an editor had set on the old
   * definition, which now waits in the review queue again.
   */
  changed: { name: string; summary: string[]; recheck?: ToolRecord['classification']['category'] }[];
  removed: string[];
  /** Tools marked removed earlier that the server lists again. */
  restored: string[];
  unchanged: string[];
  flagged: { name: string; codes: string[] }[];
  /** Tools the server lists that the catalogue cannot host. */
  skipped: { name: string; reason: string }[];
  /** Files whose bytes would change. */
  writes: FileWrite[];
  /** Options the import did not apply, each with what to do instead. */
  warnings?: string[];
}

/**
 * The fields whose values differ between two versions of a record, two levels deep at most
 * (`import.date`, `server_info.version`, `transports`): what a server record's update changes.
 */
export function changedFields(before: unknown, after: unknown, prefix = '', depth = 0): string[] {
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isDeepStrictEqual(before, after)) return [];
  if (depth >= 2 || !isMap(before) || !isMap(after)) return [prefix || '(the whole record)'];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.flatMap((k) => changedFields(before[k], after[k], prefix ? `${prefix}.${k}` : k, depth + 1));
}

/** `mcp-servers/everything` → `mcp-servers-everything`. */
function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
}

function checkedServerId(given: string | undefined): string | undefined {
  if (given !== undefined && !SERVER_ID_PATTERN.test(given)) {
    throw new AtlasError(
      'import-bad-server-id',
      `The --server-id ${JSON.stringify(given)} is not a valid server id. Use lower-case letters, digits and hyphens, starting with a letter or digit (for example "${slugify(given) || 'my-server'}").`,
    );
  }
  return given;
}

/** The id of a server the import was not given one for. */
function deriveServerId(source: SourceResult, servers: Catalogue['servers']): string {
  // A saved sample names the source it was captured from: the one record imported from that same
  // source is its server, whatever the record's id (a manifest's ids need not follow serverInfo).
  if (source.captured !== undefined) {
    const same = servers.filter((s) => s.data.import?.source === source.source.slice(0, 1000));
    if (same.length === 1) return (same[0] as Catalogue['servers'][number]).id;
  }
  const fromInfo = source.serverInfo?.name ? slugify(source.serverInfo.name) : '';
  if (fromInfo && SERVER_ID_PATTERN.test(fromInfo)) return fromInfo;
  // A plain tools/list file carries no serverInfo: `comfyui-mcp.tools-list.json` → `comfyui-mcp`.
  if (source.source.startsWith('file: ')) {
    const fromFile = slugify(basename(source.source.slice(6)).split('.')[0] ?? '');
    if (fromFile && SERVER_ID_PATTERN.test(fromFile)) return fromFile;
  }
  throw new AtlasError(
    'import-bad-server-id',
    'The server did not say what it is called, so no server id could be derived. Give one with --server-id <id>.',
  );
}

function checkedUrl(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    /* reported below */
  }
  throw new AtlasError(
    'import-bad-url',
    `The ${option} ${JSON.stringify(value)} is not an http(s) URL. Give the full address, for example https://github.com/owner/repo.`,
  );
}

function classificationOf(
  name: string,
  definition: ToolDefinition,
  siblings: readonly string[],
): ToolRecord['classification'] {
  const { category, risk, confidence, evidence } = classify({ name, definition, siblings });
  return { category, risk, confidence, evidence };
}

/** A tool record in the schema's key order, without `editorial` (kept as the editor wrote it). */
function toolRecord(fields: Omit<ToolRecord, 'editorial'>): Record<string, unknown> {
  const history: Record<string, unknown> = { hash: fields.history?.hash, first_seen: fields.history?.first_seen };
  if (fields.history?.changes?.length) history.changes = fields.history.changes;
  if (fields.history?.removed) history.removed = fields.history.removed;
  const definition: Record<string, unknown> = {};
  for (const key of ['title', 'description', 'inputSchema', 'outputSchema', 'annotations'] as const) {
    if (fields.definition[key] !== undefined) definition[key] = fields.definition[key];
  }
  return {
    name: fields.name,
    server: fields.server,
    definition,
    classification: fields.classification,
    ...(fields.flags && fields.flags.length > 0 ? { flags: fields.flags } : {}),
    history,
  };
}

interface Existing {
  path: string;
  text: string;
  data: ToolRecord;
}

function relTo(cwd: string, path: string): string {
  return relative(cwd, path) || path;
}

/**
 * Works out every record an import would write, validates the resulting catalogue, and returns the
 * report with the file contents. Reads the content folder; writes nothing.
 */
export function planImport(source: SourceResult, options: PlanOptions): ImportReport {
  const cwd = options.cwd ?? process.cwd();
  const { contentDir, date } = options;
  const givenId = checkedServerId(options.serverId);
  const repo = checkedUrl(options.repo, '--repo option');

  const cache = options.cache;
  const loaded = cache?.loaded ?? loadCatalogue(contentDir, cwd);
  if (cache) cache.loaded = loaded;
  const { catalogue, problems: loadProblems } = loaded;
  const serverId = givenId ?? deriveServerId(source, catalogue.servers);

  // Records this import would rewrite must load cleanly first: rewriting a file the loader could
  // not read would lose what an editor wrote in it.
  const serverPath = join(contentDir, 'servers', `${serverId}.yaml`);
  const toolsDir = join(contentDir, 'tools', serverId);
  const ours = [serverPath, ...listYaml(toolsDir).map((f) => join(toolsDir, f))];
  const blocked = loadProblems.filter((p) => p.file && ours.some((o) => relTo(cwd, o) === p.file));
  if (blocked.length > 0) {
    throw new AtlasError(
      'import-existing-invalid',
      `The existing records of "${serverId}" have problems, and the import will not rewrite files it cannot read in full. Fix these first:\n${blocked.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
    );
  }
  if (existsSync(join(contentDir, 'servers', `${serverId}.yml`))) {
    throw new AtlasError(
      'import-existing-invalid',
      `The server record ${relTo(cwd, join(contentDir, 'servers', `${serverId}.yml`))} uses the .yml extension; the importer writes .yaml. Rename it to ${serverId}.yaml and run the import again.`,
    );
  }

  const existingTools = new Map<string, Existing>();
  for (const t of catalogue.tools) {
    if (t.folder !== serverId) continue;
    const path = join(toolsDir, basename(t.file));
    existingTools.set(t.data.name, { path, text: readFileSync(path, 'utf8'), data: t.data });
  }
  // A tool renamed in case only (`Fetch_Data` → `fetch_data`) would get a record file that is the
  // old record's on a case-insensitive file system. Whether it is the same tool, whose history
  // should carry on, is for the operator to say, about the file that exists: the old record.
  const renamed = source.tools.flatMap((tool) => {
    if (existingTools.has(tool.name)) return [];
    const lower = tool.name.toLowerCase();
    const old = [...existingTools.values()].find((t) => t.data.name.toLowerCase() === lower);
    return old ? [{ name: tool.name, old }] : [];
  });
  if (renamed.length > 0) {
    const advice = renamed.map(({ name, old }) => {
      const oldFile = relTo(cwd, old.path);
      const newFile = relTo(cwd, join(toolsDir, `${toolFileStem(name)}.yaml`));
      const gone = old.data.history?.removed
        ? `marked removed on ${old.data.history.removed}`
        : 'which the server no longer lists';
      return `The server now lists "${name}", and the catalogue has "${old.data.name}" for it in ${oldFile}, ${gone}. To keep that record's history and editorial block for "${name}", set its name: to "${name}" and rename it to ${newFile}; to start "${name}" afresh, delete ${oldFile} (its history is lost).`;
    });
    throw new AtlasError(
      'import-case-twin',
      `${renamed.length === 1 ? 'A tool of' : `${renamed.length} tools of`} "${serverId}" differ${renamed.length === 1 ? 's' : ''} only in case from a record the catalogue already has, and the two records would be one file on case-insensitive file systems, so nothing was written.\n${advice.map((a) => `  ${a}`).join('\n')}\nThen import again.`,
    );
  }

  // An answer without a single tool, from a server that has some, is more often a server that lost
  // its credentials or its configuration than one whose tools all went away.
  const live = [...existingTools.values()].filter((t) => !t.data.history?.removed).length;
  if (source.tools.length === 0 && live > 0 && !options.allowEmpty) {
    throw new AtlasError(
      'import-empty-answer',
      `The answer lists no tools, and the server "${serverId}" has ${plural(live, 'tool')} in the catalogue: importing it would mark ${live === 1 ? 'that tool' : `all ${live}`} removed, so nothing was written. A server that lost its key or its configuration can list nothing; check it, and if it really has no tools now, import again with --allow-empty.`,
    );
  }

  const report: ImportReport = {
    serverId,
    serverFile: { path: serverPath, action: 'unchanged' },
    added: [],
    changed: [],
    removed: [],
    restored: [],
    unchanged: [],
    flagged: [],
    skipped: source.skipped,
    writes: [],
  };
  // What the source held that the import ignored, then options it did not apply.
  const warnings = [...(source.warnings ?? [])];
  // The server's tools as the build will read them back: the checks run on these alone.
  const ownTools: Catalogue['tools'] = [];
  // A record whose text does not change is the one the catalogue already read: kept, not read again.
  const loadedByFile = new Map(catalogue.tools.filter((t) => t.folder === serverId).map((t) => [t.file, t]));
  const ourRecords: {
    path: string;
    text: string;
    kind: 'tool' | 'server';
    unchanged?: Catalogue['tools'][number];
  }[] = [];

  const emit = (path: string, record: Record<string, unknown>, previous: string | undefined) => {
    const keep = previous !== undefined ? portableNode(previous, 'editorial') : undefined;
    // An editorial block that uses YAML aliases cannot be moved as a node; keep its value instead.
    if (previous !== undefined && keep === undefined) {
      const editorial = (parseYaml(previous, path).data as { editorial?: unknown } | undefined)?.editorial;
      if (editorial !== undefined) record.editorial = editorial;
    }
    const text = printRecord(record, keep ? { editorial: keep } : {});
    const unchanged = text === previous ? loadedByFile.get(relTo(cwd, path)) : undefined;
    ourRecords.push({ path, text, kind: 'tool', ...(unchanged ? { unchanged } : {}) });
    if (text !== previous) report.writes.push({ path, text });
  };

  const importedNames = new Set<string>();
  // One array for every tool, so the classifier reads the server's names once (engine.ts caches by it).
  const siblings = source.tools.map((t) => t.name);
  for (const tool of source.tools) {
    importedNames.add(tool.name);
    const hash = hashDefinition(tool.definition);
    const flags = detectPoisoning(tool.definition);
    if (flags.length > 0) report.flagged.push({ name: tool.name, codes: [...new Set(flags.map((f) => f.code))] });
    const old = existingTools.get(tool.name);
    const path = old?.path ?? join(toolsDir, `${toolFileStem(tool.name)}.yaml`);
    let history: ToolHistory;
    if (!old) {
      history = { hash, first_seen: date };
      report.added.push(tool.name);
    } else {
      const previous = old.data.history;
      const oldHash = previous?.hash ?? hashDefinition(old.data.definition);
      const changes = [...(previous?.changes ?? [])];
      const summary: string[] = [];
      if (previous?.removed) {
        summary.push(`listed again after being marked removed on ${previous.removed}`);
        report.restored.push(tool.name);
      }
      if (oldHash !== hash) {
        const what = describeChanges(old.data.definition, tool.definition);
        summary.push(...what);
        const { editorial } = old.data;
        const recheck = decisionIsStale(editorial, () => hash) ? editorial?.category : undefined;
        report.changed.push({ name: tool.name, summary: what, ...(recheck ? { recheck } : {}) });
      }
      if (summary.length > 0) changes.push({ date, summary });
      else report.unchanged.push(tool.name);
      history = { hash, first_seen: previous?.first_seen ?? date, ...(changes.length ? { changes } : {}) };
    }
    const record = toolRecord({
      name: tool.name,
      server: serverId,
      definition: tool.definition,
      classification: classificationOf(tool.name, tool.definition, siblings),
      flags,
      history,
    });
    emit(path, record, old?.text);
  }

  for (const [name, old] of [...existingTools].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (importedNames.has(name)) continue;
    const previous = old.data.history;
    if (!previous?.removed) report.removed.push(name);
    const history: ToolHistory = {
      hash: previous?.hash ?? hashDefinition(old.data.definition),
      first_seen: previous?.first_seen ?? date,
      ...(previous?.changes?.length ? { changes: previous.changes } : {}),
      removed: previous?.removed ?? date,
    };
    const { editorial: _editorial, ...importerOwned } = old.data;
    emit(old.path, toolRecord({ ...importerOwned, history }), old.text);
  }

  // The server record: created on the first import, then only server_info and import refresh.
  const serverInfo = source.serverInfo
    ? { name: source.serverInfo.name, ...(source.serverInfo.version ? { version: source.serverInfo.version } : {}) }
    : undefined;
  const existingServer = catalogue.servers.find((s) => s.id === serverId);
  // The import date says when the server's answer last changed: an answer that brings nothing new
  // keeps the date it had, so re-importing an unchanged server writes nothing.
  const quiet = report.added.length + report.changed.length + report.removed.length + report.restored.length === 0;
  const previousImport = existingServer?.data.import;
  // An answer older than the one the records were last imported from (a saved sample, after a newer
  // capture) would roll the tools back and date those changes before the ones already published.
  if (!quiet && previousImport && options.date < previousImport.date)
    throw new AtlasError(
      'import-older-answer',
      `The answer for "${serverId}" is dated ${options.date}, before the catalogue's last import of it on ${previousImport.date}: importing it would take back ${plural(report.added.length + report.changed.length + report.removed.length + report.restored.length, 'change')} of the newer answer and date them in the past, so nothing was written. Import the server live again (without --offline) or replace its saved answer with the newer one.`,
    );
  const importInfo = {
    source: source.source.slice(0, 1000),
    date:
      quiet &&
      previousImport &&
      previousImport.source === source.source.slice(0, 1000) &&
      JSON.stringify(previousImport.env ?? []) === JSON.stringify(source.env ?? []) &&
      JSON.stringify(previousImport.skipped ?? []) === JSON.stringify(source.skipped)
        ? previousImport.date
        : date,
    ...(source.env?.length ? { env: source.env } : {}),
    ...(source.skipped.length ? { skipped: source.skipped } : {}),
  };
  let serverText: string;
  let previousServerText: string | undefined;
  if (existingServer) {
    // An existing record's prose and links are the editors': --name and --repo only start a record.
    const ignored = [
      ...(options.name !== undefined && options.name !== existingServer.data.name ? [['--name', 'name']] : []),
      ...(repo !== undefined && repo !== existingServer.data.repository ? [['--repo', 'repository']] : []),
    ];
    if (ignored.length > 0) {
      const flags = ignored.map(([flag]) => flag).join(' and ');
      const fields = ignored.map(([, field]) => `${field}:`).join(' and ');
      warnings.push(
        `${flags} ${ignored.length === 1 ? 'was' : 'were'} ignored: ${ignored.length === 1 ? 'it only fills' : 'they only fill'} in a new server record, and ${relTo(cwd, serverPath)} already exists (an import refreshes only its server_info and import). To change ${ignored.length === 1 ? 'it' : 'them'}, edit ${fields} in that file.`,
      );
    }
    previousServerText = readFileSync(serverPath, 'utf8');
    serverText = updateRecord(previousServerText, {
      ...(serverInfo ? { server_info: serverInfo } : {}),
      import: importInfo,
    });
  } else {
    // A title that carries a hidden instruction would name the server on every page and in
    // llms.txt: the server's plain name stands in, and the operator is told why.
    const offered = source.serverInfo?.title;
    const poisoned = offered ? detectPoisoning({ description: offered, inputSchema: { type: 'object' } }) : [];
    if (offered && poisoned.length > 0)
      warnings.push(
        `serverInfo.title ${JSON.stringify(clip(offered, 120))} was not used to name the new server record: ${poisoned.map((f) => f.reason.replace(/^The text/, 'it').replace(/\.$/, '')).join('; ')}. The record is named after serverInfo.name; give it a name with --name or by editing name: in ${relTo(cwd, serverPath)}.`,
      );
    const title = options.name ?? (poisoned.length === 0 ? offered : undefined) ?? source.serverInfo?.name ?? serverId;
    const homepage =
      source.serverInfo?.websiteUrl && /^https?:\/\//.test(source.serverInfo.websiteUrl)
        ? source.serverInfo.websiteUrl
        : undefined;
    const count = source.tools.length;
    const record: Record<string, unknown> = {
      name: clip(title, 200),
      summary: `${clip(title, 200)} is an MCP server with ${count} tool${count === 1 ? '' : 's'}, imported from what it lists over MCP; an editor has yet to describe it.`,
      ...(repo ? { repository: repo } : {}),
      ...(homepage ? { homepage } : {}),
      ...(options.serverDefaults?.npm ? { npm: options.serverDefaults.npm } : {}),
      ...(source.transport ? { transports: [source.transport] } : {}),
      ...(serverInfo ? { server_info: serverInfo } : {}),
      ...(options.serverDefaults?.install?.length ? { install: options.serverDefaults.install } : {}),
      import: importInfo,
    };
    serverText = printRecord(record);
  }
  report.serverFile = {
    path: serverPath,
    action: previousServerText === undefined ? 'create' : serverText === previousServerText ? 'unchanged' : 'update',
  };
  if (report.serverFile.action === 'update') {
    const before = parseYaml(previousServerText!, serverPath).data;
    const after = parseYaml(serverText, serverPath).data;
    report.serverFile.fields = changedFields(before, after);
  }
  if (serverText !== previousServerText) report.writes.push({ path: serverPath, text: serverText });
  if (options.saveAnswer) {
    const before = existsSync(options.saveAnswer.path) ? readFileSync(options.saveAnswer.path, 'utf8') : undefined;
    if (before !== options.saveAnswer.text) report.writes.push(options.saveAnswer);
  }
  ourRecords.push({ path: serverPath, text: serverText, kind: 'server' });

  // Validate what would be written exactly as the build will read it back: parse the YAML text,
  // check it against the schema (a text left as it was is the record already read), then run the
  // server's checks as the build runs them.
  const problems: Problem[] = [];
  const newServers: Catalogue['servers'] = catalogue.servers.filter((s) => s.id !== serverId);
  let ownServer: Catalogue['servers'][number] | undefined;
  for (const rec of ourRecords) {
    if (rec.unchanged) {
      ownTools.push(rec.unchanged);
      continue;
    }
    const file = relTo(cwd, rec.path);
    const parsed = parseYaml(rec.text, file);
    problems.push(...parsed.problems);
    if (parsed.problems.length) continue;
    if (rec.kind === 'server') {
      const result = serverSchema.safeParse(parsed.data);
      if (result.success) {
        ownServer = { id: serverId, file, data: result.data as ServerRecord };
        newServers.push(ownServer);
      } else problems.push(...zodProblems(result.error, parsed.data, 'record-schema', file));
    } else {
      const result = toolSchema.safeParse(parsed.data);
      const fileName = basename(rec.path, extname(rec.path));
      if (result.success)
        ownTools.push({ id: `${serverId}/${fileName}`, file, folder: serverId, fileName, data: result.data });
      else problems.push(...zodProblems(result.error, parsed.data, 'record-schema', file));
    }
  }
  newServers.sort((a, b) => (a.id < b.id ? -1 : 1));
  ownTools.sort((a, b) => (a.file < b.file ? -1 : 1));

  // The checks of this server, as the build runs them: what they find is in its own files, and
  // problems in other servers' records are not the import's to fix.
  problems.push(...checkServer({ ...catalogue, servers: newServers, tools: ownTools }, ownServer));
  if (warnings.length > 0) report.warnings = warnings;
  if (problems.length > 0) {
    throw new AtlasError(
      'import-invalid-result',
      `The import would leave the catalogue with ${problems.length} problem${problems.length === 1 ? '' : 's'}, so nothing was written:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
    );
  }
  return report;
}

function listYaml(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => (n.endsWith('.yaml') || n.endsWith('.yml')) && !n.startsWith('.') && !n.startsWith('_'))
      .sort();
  } catch {
    return [];
  }
}
