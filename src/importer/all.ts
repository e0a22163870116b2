import { join, relative } from 'node:path';
import { AtlasError } from '#src/model/problems.ts';
import { plausible } from '#src/model/suggest.ts';
import { plural } from '#src/model/text.ts';
import { MANIFEST_FILE, npmCommand, projectRoot, readManifest, type ManifestServer } from './manifest.ts';
import type { ImportReport, PlanCache } from './plan.ts';
import { runImport, type ImportOptions } from './run.ts';
import { terminalText } from './text.ts';

export interface AllOptions {
  contentDir: string;
  date: string;
  /** Re-import from the saved answers alone. */
  offline?: boolean;
  /** Servers imported at the same time. */
  concurrency?: number;
  /** Seconds per server, unless its manifest entry says otherwise. */
  timeoutSeconds?: number;
  dryRun?: boolean;
  cwd?: string;
  /** Where values of the servers' variables come from (default: the importer's environment). */
  environment?: NodeJS.ProcessEnv;
  /** Only these server ids of the manifest. */
  only?: string[];
  /** Called as each server finishes, in the order they finish. */
  onProgress?: (line: string) => void;
  /** Import an answer that lists no tools even for a server that has some (`--allow-empty`). */
  allowEmpty?: boolean;
}

export interface ServerOutcome {
  id: string;
  report?: ImportReport;
  error?: { code: string; message: string };
  /** Variables that were not set, for which the manifest's placeholder was passed. */
  placeholders: string[];
  seconds: number;
}

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_ALL_TIMEOUT_SECONDS = 180;

/** The options of one server's import, from its manifest entry. */
function importOptions(entry: ManifestServer, options: AllOptions): { options: ImportOptions; placeholders: string[] } {
  // Paths in records and messages are relative to the project folder, wherever the import runs.
  const cwd = projectRoot(options.contentDir);
  const base = {
    contentDir: options.contentDir,
    serverId: entry.id,
    date: options.date,
    cwd,
    timeoutSeconds: entry.timeout ?? options.timeoutSeconds ?? DEFAULT_ALL_TIMEOUT_SECONDS,
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.allowEmpty ? { allowEmpty: true } : {}),
  };
  if (entry.filePath) return { options: { ...base, source: { file: entry.filePath } }, placeholders: [] };
  if (options.offline) return { options: { ...base, source: { sample: entry.samplePath } }, placeholders: [] };
  if (entry.http)
    return { options: { ...base, source: { http: entry.http }, saveSample: entry.samplePath }, placeholders: [] };
  const environment = options.environment ?? process.env;
  const env: Record<string, string> = {};
  const placeholders: string[] = [];
  for (const [name, placeholder] of Object.entries(entry.env ?? {})) {
    const value = environment[name];
    if (value !== undefined && value !== '') env[name] = value;
    else {
      env[name] = placeholder;
      placeholders.push(name);
    }
  }
  const command = entry.npm ? npmCommand(entry) : (entry.stdio as string);
  return {
    options: {
      ...base,
      source: { stdio: command },
      env,
      placeholders,
      // A manifest lists hundreds of packages: none of them may write into the project.
      scratchFolder: true,
      saveSample: entry.samplePath,
      ...(entry.npm
        ? { serverDefaults: { npm: entry.npm.replace(/@[^@]+$/, ''), install: [`npx -y ${entry.npm}`] } }
        : {}),
    },
    placeholders,
  };
}

/** A server whose answer the import would not take (it lists no tools), as opposed to one that failed. */
const refused = (outcome: ServerOutcome) => outcome.error?.code === 'import-empty-answer';

function progressLine(outcome: ServerOutcome, done: number, total: number): string {
  const at = `[${String(done).padStart(String(total).length)}/${total}]`;
  const time = `${outcome.seconds.toFixed(1)} s`;
  if (outcome.error)
    return `${at} ✗ ${outcome.id}: ${refused(outcome) ? 'refused' : 'failed'} [${outcome.error.code}] (${time})`;
  const r = outcome.report as ImportReport;
  const live = r.added.length + r.changed.length + r.unchanged.length + r.restored.length;
  const extra = outcome.placeholders.length ? `; placeholder for ${outcome.placeholders.join(', ')}` : '';
  return `${at} ✓ ${outcome.id}: ${plural(live, 'tool')}, ${r.added.length} added, ${r.changed.length} changed, ${r.removed.length} removed, ${r.skipped.length} skipped (${time}${extra})`;
}

/** Servers a manifest lists in full when an --only id is not among them and nothing is near it. */
const LISTED_IN_FULL = 10;

/** The error for --only ids the manifest does not list: the nearest id of each, never hundreds. */
function unknownServers(unknown: string[], listed: ManifestServer[], options: AllOptions): AtlasError {
  const ids = listed.map((s) => s.id);
  const near = unknown.map((id) => plausible(id, ids));
  const named = unknown.map((id) => JSON.stringify(id)).join(', ');
  let hint: string;
  if (unknown.length === 1 && near[0] !== undefined) hint = ` Did you mean ${JSON.stringify(near[0])}?`;
  else {
    const guesses = unknown.flatMap((id, i) =>
      near[i] !== undefined ? [`${JSON.stringify(near[i])} for ${JSON.stringify(id)}`] : [],
    );
    hint = guesses.length > 0 ? ` Did you mean ${guesses.join(', ')}?` : '';
    if (near.some((n) => n === undefined)) {
      const path = join(options.contentDir, MANIFEST_FILE);
      const manifest = relative(options.cwd ?? process.cwd(), path) || path;
      hint +=
        ids.length <= LISTED_IN_FULL
          ? ` Its servers are: ${ids.join(', ')}.`
          : ` It lists ${ids.length} servers: their ids are the "id:" lines of ${manifest}.`;
    }
  }
  return new AtlasError('import-manifest', `The manifest lists no server ${named}.${hint}`);
}

/**
 * Re-imports every server of the manifest, a few at a time. A failing server never stops the
 * others: its error is kept for the table. Each import validates the catalogue as it stands when
 * it runs, and writes are made one server at a time, so two imports never interleave their files.
 */
export async function runAll(options: AllOptions): Promise<ServerOutcome[]> {
  const listed = readManifest(options.contentDir, options.cwd);
  const unknown = (options.only ?? []).filter((id) => !listed.some((s) => s.id === id));
  if (unknown.length > 0) throw unknownServers(unknown, listed, options);
  const servers = options.only?.length ? listed.filter((s) => options.only?.includes(s.id)) : listed;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const outcomes: ServerOutcome[] = new Array(servers.length);
  let next = 0;
  let done = 0;
  // Planning reads the whole catalogue and writing changes it: one server at a time does both, while
  // the slow part (starting the servers and listing their tools) runs side by side.
  let lock: Promise<void> = Promise.resolve();
  const cache: PlanCache = {};
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = lock.then(work);
    lock = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };
  const worker = async () => {
    while (next < servers.length) {
      const i = next++;
      const entry = servers[i] as ManifestServer;
      const started = Date.now();
      const { options: one, placeholders } = importOptions(entry, options);
      let outcome: ServerOutcome;
      try {
        const report = await runImport({ ...one, exclusive, cache });
        outcome = { id: entry.id, report, placeholders, seconds: (Date.now() - started) / 1000 };
      } catch (err) {
        const error =
          err instanceof AtlasError
            ? { code: err.code, message: err.message }
            : { code: 'import-internal', message: err instanceof Error ? err.message : String(err) };
        outcome = { id: entry.id, error, placeholders, seconds: (Date.now() - started) / 1000 };
      }
      outcomes[i] = outcome;
      options.onProgress?.(progressLine(outcome, ++done, servers.length));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, servers.length) }, worker));
  return outcomes;
}

/**
 * The table printed after --all: one row per server, then each failure with its reason. What the
 * servers sent (tool names, change summaries, skip reasons, errors quoting their output) goes
 * through `terminalText`, so none of it acts on the terminal.
 */
export function formatAllTable(outcomes: ServerOutcome[], dryRun = false): string {
  const t = (text: string) => terminalText(text);
  const rows = outcomes.map((o) =>
    o.report
      ? [
          o.id,
          'ok',
          String(
            o.report.added.length + o.report.changed.length + o.report.unchanged.length + o.report.restored.length,
          ),
          String(o.report.added.length),
          String(o.report.changed.length),
          String(o.report.removed.length),
          String(o.report.skipped.length),
          String(o.report.writes.length),
        ]
      : [o.id, refused(o) ? 'REFUSED' : 'FAILED', '-', '-', '-', '-', '-', '-'],
  );
  const head = [
    'server',
    'status',
    'tools',
    'added',
    'changed',
    'removed',
    'skipped',
    dryRun ? 'would write' : 'files',
  ];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number))).join('  ');
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const failed = outcomes.filter((o) => o.error);
  const skipped = outcomes.filter((o) => o.report?.skipped.length);
  for (const o of skipped) {
    out.push('', `${o.id}: skipped tools`);
    for (const s of o.report?.skipped ?? []) out.push(`  × ${t(JSON.stringify(s.name))}: ${t(s.reason)}`);
  }
  // A category an editor decided on a definition that changed waits in the review queue again.
  for (const o of outcomes) {
    const recheck = o.report?.changed.filter((c) => c.recheck) ?? [];
    if (!recheck.length) continue;
    out.push('', `${o.id}: changed since an editor set their category (npm run review -- --server ${o.id})`);
    for (const c of recheck)
      out.push(`  ? ${t(c.name)}: ${c.recheck} on the old definition; ${t(c.summary.join('; '))}`);
  }
  for (const o of outcomes) {
    if (!o.report?.warnings?.length) continue;
    out.push('', `${o.id}: warnings`);
    for (const w of o.report.warnings) out.push(`  ${t(w)}`);
  }
  if (failed.length) {
    out.push('', `${failed.length} of ${plural(outcomes.length, 'server')} failed:`);
    for (const o of failed)
      out.push(
        `  ${o.id} [${o.error?.code}]: ${terminalText(o.error?.message ?? '', { lines: true })
          .split('\n')
          .join('\n    ')}`,
      );
  }
  const ok = outcomes.length - failed.length;
  const files = outcomes.reduce((n, o) => n + (o.report?.writes.length ?? 0), 0);
  out.push(
    '',
    `${ok} of ${plural(outcomes.length, 'server')} imported; ${plural(files, 'file')} ${dryRun ? 'would be ' : ''}written${failed.length ? '' : '.'}${failed.length ? `; ${failed.length} failed.` : ''}`,
  );
  return out.join('\n');
}
