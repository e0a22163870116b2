/**
 * npm run review [-- --server <id>] [--reason <reason>] [--limit N] [--json]
 *     lists the tools whose category an editor should check, most urgent first
 * npm run review -- --set <server>/<tool>=<Category> [--set ...]
 *     records an editor's decision in the tool's `editorial.category`: the classifier's own
 *     category confirms it, another corrects it; either way the tool leaves the queue until its
 *     server changes the definition (`editorial.checked` holds the hash of the one judged)
 * Exit 0: done. Exit 1: the listing ran, but some records could not be read. Exit 2: the command
 * could not run (bad option, unknown tool, a decision that would break the record).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { listCatalogueFiles, loadFiles, parseYaml, type Catalogue, type CatalogueFiles } from '#src/catalogue/load.ts';
import { checkServer } from '#src/catalogue/validate.ts';
import { contentDir } from '#src/catalogue/paths.ts';
import {
  REVIEW_REASONS,
  REVIEW_REASON_TEXT,
  compareReview,
  reviewOf,
  type ReviewItem,
  type ReviewReason,
} from '#src/classify/review.ts';
import { hashDefinition } from '#src/model/canonical.ts';
import { writeAtomically } from '#src/importer/write.ts';
import { PRINT } from '#src/importer/yaml.ts';
import { CATEGORIES, type Category } from '#src/model/taxonomy.ts';
import { toolSchema } from '#src/model/tool.ts';
import { AtlasError, formatProblem, zodProblems, type Problem } from '#src/model/problems.ts';
import { plausible } from '#src/policy/suggest.ts';
import { plural, revealInvisible } from '#src/model/text.ts';
import { runMain, type CliIo } from './lib/cli.ts';
import { guarded, usage } from './lib/policy-cli.ts';

const HELP = `npm run review [-- --server <server-id>] [--reason ${REVIEW_REASONS.join('|')}] [--limit N] [--json] | [-- --set <server>/<tool>=<Category> ...]`;

const DEFAULT_LIMIT = 40;
/** The longest quote a line of the list shows; --json gives the whole text. */
const QUOTE_LIMIT = 200;

type Tool = Catalogue['tools'][number];
interface Queued {
  id: string;
  file: string;
  item: ReviewItem;
  /** For a definition changed since an editor checked it: the import's latest note of what changed. */
  change?: { date: string; summary: string[] };
}

const count = (n: number) => n.toLocaleString('en-US');

function parseLimit(text: string | undefined, json: boolean): number {
  if (text === undefined) return json ? 0 : DEFAULT_LIMIT;
  if (!/^\d+$/.test(text))
    throw new AtlasError(
      'cli-usage',
      `--limit takes a whole number (0 lists every tool), not "${text}". Usage: ${HELP}`,
    );
  return Number(text);
}

function parseReason(text: string | undefined): ReviewReason | undefined {
  if (text === undefined) return undefined;
  if ((REVIEW_REASONS as readonly string[]).includes(text)) return text as ReviewReason;
  throw new AtlasError('cli-usage', `--reason is one of ${REVIEW_REASONS.join(', ')}, not "${text}".`);
}

/**
 * A quote from a tool's definition, fit for a terminal: the server wrote it, so escape sequences
 * and invisible characters are shown as <U+XXXX>, line breaks become spaces, and a long quote is cut.
 */
function terminalText(text: string): string {
  const line = revealInvisible(text).replace(/\s+/g, ' ');
  return line.length > QUOTE_LIMIT ? `${line.slice(0, QUOTE_LIMIT - 1)}…` : line;
}

function toolId(t: Tool): string {
  return `${t.data.server}/${t.data.name}`;
}

/** The review queue of the tool files given, and what was read to make it. */
interface Queue {
  /** Every server id with a record. */
  servers: string[];
  /** Live tools read (a removed tool waits for no one). */
  live: number;
  queued: Queued[];
  problems: Problem[];
}

/**
 * Reads the server records once, then one tools folder at a time, keeping only the queued
 * tools' verdicts: memory grows with the queue, not with the catalogue.
 */
function collectQueue(dir: string, files: CatalogueFiles, cwd: string): Queue {
  const { catalogue, problems } = loadFiles(dir, { ...files, tools: [] }, cwd);
  const folders = new Map<string, string[]>();
  for (const f of files.tools) {
    const folder = f.split('/')[1]!;
    folders.set(folder, [...(folders.get(folder) ?? []), f]);
  }
  let live = 0;
  const queued: Queued[] = [];
  for (const tools of folders.values()) {
    const part = loadFiles(dir, { servers: [], tools, patterns: [], pages: [] }, cwd);
    problems.push(...part.problems);
    for (const tool of part.catalogue.tools) {
      if (tool.data.history?.removed) continue;
      live += 1;
      const item = reviewOf(tool.data);
      const change = item?.reason === 'definition-changed' ? tool.data.history?.changes?.at(-1) : undefined;
      if (item) queued.push({ id: toolId(tool), file: tool.file, item, ...(change ? { change } : {}) });
    }
  }
  return { servers: catalogue.servers.map((s) => s.id), live, queued, problems };
}

function list(
  io: CliIo,
  { servers, live, queued }: Queue,
  opts: { server?: string; reason?: ReviewReason; limit: number; json: boolean },
): void {
  if (opts.server !== undefined && !servers.includes(opts.server)) {
    const hint = plausible(opts.server, servers);
    throw new AtlasError(
      'cli-unknown-server',
      `There is no server "${opts.server}" in the catalogue.${hint ? ` Did you mean "${hint}"?` : ''} Use the id of a file in content/servers/, without ".yaml".`,
    );
  }
  queued.sort(compareReview);
  const byReason = Object.fromEntries(REVIEW_REASONS.map((r) => [r, queued.filter((q) => q.item.reason === r).length]));
  const shown = queued.filter((q) => opts.reason === undefined || q.item.reason === opts.reason);
  const page = opts.limit > 0 ? shown.slice(0, opts.limit) : shown;

  if (opts.json) {
    const out = {
      tools: live,
      queued: queued.length,
      byReason,
      items: page.map((q) => ({
        id: q.id,
        file: q.file,
        reason: q.item.reason,
        category: q.item.category,
        risk: q.item.risk,
        confidence: q.item.confidence,
        ...(q.change ? { change: q.change } : {}),
        // Each alternative is the first signal for its category (`suggests`).
        alternatives: q.item.alternatives.map((a) => a.evidence),
      })),
    };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }

  const where = opts.server === undefined ? '' : ` of ${opts.server}`;
  const parts = REVIEW_REASONS.filter((r) => byReason[r]! > 0).map(
    (r) => `${count(byReason[r]!)} ${REVIEW_REASON_TEXT[r]}`,
  );
  io.stdout(
    `${count(queued.length)} of ${plural(live, 'tool')}${where} ${queued.length === 1 ? 'awaits' : 'await'} an editor's review${parts.length ? ` (${parts.join(', ')})` : ''}.\n`,
  );
  if (page.length === 0) return;
  io.stdout('Settle one with: npm run review -- --set <server>/<tool>=<Category>\n');
  let heading: ReviewReason | undefined;
  for (const q of page) {
    if (q.item.reason !== heading) {
      heading = q.item.reason;
      io.stdout(`\n${REVIEW_REASON_TEXT[heading]}:\n`);
    }
    const how = q.item.reason === 'definition-changed' ? "an editor's category" : `${q.item.confidence} confidence`;
    io.stdout(`  ${q.id}  ${q.item.category} (${q.item.risk}, ${how})  ${q.file}\n`);
    if (q.change) io.stdout(`      changed ${q.change.date}: ${terminalText(q.change.summary.join('; '))}\n`);
    for (const a of q.item.alternatives) {
      const e = a.evidence;
      io.stdout(`      ${a.category}? ${e.source} "${terminalText(e.text)}" (${e.signal})\n`);
    }
  }
  if (page.length < shown.length)
    io.stdout(`\n… and ${count(shown.length - page.length)} more: --limit 0 lists them all.\n`);
}

interface Decision {
  arg: string;
  server: string;
  name: string;
  category: Category;
}

function parseDecision(arg: string): Decision {
  const m = /^([^/=]+)\/([^/=]+)=([^/=]+)$/.exec(arg);
  if (!m) throw new AtlasError('cli-usage', `--set takes <server>/<tool>=<Category>, not "${arg}". Usage: ${HELP}`);
  const category = CATEGORIES.find((c) => c.toLowerCase() === m[3]!.toLowerCase());
  if (!category)
    throw new AtlasError('cli-usage', `"${m[3]}" in --set ${arg} is no category: use one of ${CATEGORIES.join(', ')}.`);
  return { arg, server: m[1]!, name: m[2]!, category };
}

function findTool(catalogue: Catalogue, d: Decision, problems: readonly Problem[]): Tool {
  const servers = [...new Set([...catalogue.servers.map((s) => s.id), ...catalogue.tools.map((t) => t.data.server)])];
  if (!servers.includes(d.server)) {
    const hint = plausible(d.server, servers);
    throw new AtlasError(
      'cli-unknown-server',
      `There is no server "${d.server}" in the catalogue (--set ${d.arg}).${hint ? ` Did you mean "${hint}"?` : ''}`,
    );
  }
  const tools = catalogue.tools.filter((t) => t.data.server === d.server);
  const tool = tools.find((t) => t.data.name === d.name);
  if (tool) return tool;
  const folder = `/tools/${d.server}/`;
  const unread = new Set(
    problems.filter((p) => (p.file ?? '').replaceAll('\\', '/').includes(folder)).map((p) => p.file),
  ).size;
  const hint = plausible(
    d.name,
    tools.map((t) => t.data.name),
  );
  throw new AtlasError(
    'cli-unknown-tool',
    `The server "${d.server}" has no tool "${d.name}" (--set ${d.arg}).${hint ? ` Did you mean "${hint}"?` : ''} Use the name \`npm run review\` prints.${unread ? ` ${unread} of its records could not be read: npm run validate lists them.` : ''}`,
  );
}

/**
 * Writes every decision or none: each record is edited in place (its other fields, comments and
 * layout kept), read back, and checked with the server's other records before anything is written.
 */
function settle(io: CliIo, catalogue: Catalogue, problems: readonly Problem[], decisions: Decision[]): void {
  const writes: { path: string; text: string }[] = [];
  const said: string[] = [];
  const seen = new Map<string, string>();
  for (const d of decisions) {
    const tool = findTool(catalogue, d, problems);
    if (seen.has(tool.file))
      throw new AtlasError(
        'cli-usage',
        `--set ${seen.get(tool.file)} and --set ${d.arg} name the same tool: keep one.`,
      );
    seen.set(tool.file, d.arg);
    const path = resolve(io.cwd, tool.file);
    const doc = parseDocument(readFileSync(path, 'utf8'), { uniqueKeys: true });
    doc.setIn(['editorial', 'category'], d.category);
    // The definition judged: when a re-import changes it, the tool waits in the queue again.
    doc.setIn(['editorial', 'checked'], hashDefinition(tool.data.definition));
    // The importer's printer: the decision changes only the lines it adds.
    const text = doc.toString(PRINT);
    const parsed = parseYaml(text, tool.file);
    const checked = toolSchema.safeParse(parsed.data);
    if (!checked.success || parsed.problems.length) {
      const found = checked.success
        ? parsed.problems
        : zodProblems(checked.error, parsed.data, 'record-schema', tool.file);
      throw new AtlasError(
        'cli-usage',
        `Nothing was written: with editorial.category ${d.category}, ${tool.file} would not be a valid record.\n${found.map(formatProblem).join('\n')}\nFix its editorial block by hand.`,
      );
    }
    // The server's own records beside every server and pattern, as the build checks a server.
    const record = catalogue.servers.find((s) => s.id === d.server);
    const own = (c: Catalogue): Catalogue => ({ ...c, tools: c.tools.filter((t) => t.data.server === d.server) });
    const before = checkServer(own(catalogue), record).map(formatProblem);
    const edited: Catalogue = {
      ...catalogue,
      tools: catalogue.tools.map((t) => (t === tool ? { ...t, data: checked.data } : t)),
    };
    const fresh = checkServer(own(edited), record)
      .map(formatProblem)
      .filter((p) => !before.includes(p));
    if (fresh.length)
      throw new AtlasError(
        'cli-usage',
        `Nothing was written: --set ${d.arg} would break a check.\n${fresh.join('\n')}\nChange the editorial block that conflicts (editorial.risk or editorial.policy) in the same edit, by hand.`,
      );
    catalogue = edited;
    const was = tool.data.classification.category;
    writes.push({ path, text });
    said.push(
      `${tool.file}: editorial.category ${d.category} (${d.category === was ? 'confirms the classifier' : `the classifier said ${was}`})`,
    );
  }
  writeAtomically(writes);
  for (const line of said) io.stdout(`${line}\n`);
}

/** The command: `argv` without node and the script; returns the exit status. */
export function main(argv: string[], io: CliIo): number {
  return guarded(io, () => {
    let values;
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          server: { type: 'string' },
          reason: { type: 'string' },
          limit: { type: 'string' },
          json: { type: 'boolean', default: false },
          set: { type: 'string', multiple: true },
          help: { type: 'boolean', short: 'h' },
        },
      }));
    } catch (err) {
      throw usage(err, HELP);
    }
    if (values.help) {
      io.stdout(`${HELP}\n`);
      return 0;
    }
    const sets = values.set ?? [];
    if (sets.length && (values.json || (values.server ?? values.reason ?? values.limit) !== undefined))
      throw new AtlasError('cli-usage', `--set records decisions and lists nothing: use it alone. Usage: ${HELP}`);
    const limit = parseLimit(values.limit, values.json);
    const reason = parseReason(values.reason);
    const decisions = sets.map(parseDecision);
    // Every server record, but only the tools of the servers named: a decision or a one-server list
    // reads one folder, however big the catalogue.
    const named = new Set(values.server !== undefined ? [values.server] : decisions.map((d) => d.server));
    const dir = contentDir(io.env, io.cwd);
    const files = listCatalogueFiles(dir);
    if (named.size) files.tools = files.tools.filter((f) => named.has(f.split('/')[1]!));
    if (decisions.length) {
      const { catalogue, problems } = loadFiles(dir, files, io.cwd);
      settle(io, catalogue, problems, decisions);
      return 0;
    }
    const queue = collectQueue(dir, files, io.cwd);
    list(io, queue, { server: values.server, reason, limit, json: values.json });
    const { problems } = queue;
    if (problems.length === 0) return 0;
    io.stderr(
      `${problems.length} record problem${problems.length === 1 ? '' : 's'}: the queue leaves out the records that could not be read.\n`,
    );
    for (const p of problems) io.stderr(`${formatProblem(p)}\n`);
    return 1;
  });
}

await runMain(main, import.meta);
