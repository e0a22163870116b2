import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, relative, sep } from 'node:path';
import { z } from 'astro/zod';
import { AtlasError } from '#src/model/problems.ts';
import { plural } from '#src/model/text.ts';
import { planImport, type ImportReport, type PlanCache } from './plan.ts';
import { DEFAULT_TIMEOUT_SECONDS, fromFile, fromHttp, fromStdio, type SourceResult } from './sources.ts';
import { readSample, sampleText } from './samples.ts';
import { terminalText } from './text.ts';
import { writeAtomically } from './write.ts';

export interface ImportOptions {
  /** `sample` is a saved live answer read for an offline re-import. */
  source: { stdio: string } | { http: string } | { file: string } | { sample: string };
  contentDir: string;
  serverId?: string;
  name?: string;
  repo?: string;
  date: string;
  dryRun?: boolean;
  timeoutSeconds?: number;
  cwd?: string;
  /** Variables for a --stdio server; the record keeps their names, nothing keeps their values. */
  env?: Record<string, string>;
  /** Names among `env` whose values are the manifest's public placeholders. */
  placeholders?: string[];
  /** Start a --stdio server in a new empty folder (sources.ts, StdioOptions.scratchFolder). */
  scratchFolder?: boolean;
  /** Facts for a new server record. */
  serverDefaults?: { npm?: string; install?: string[] };
  /** Where to save a live answer (written with the records). */
  saveSample?: string;
  /** The content folder as last read, shared by imports run one after another. */
  cache?: PlanCache;
  /** Runs the planning and writing alone, when several imports share a content folder. */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Import an answer that lists no tools even when it would mark every tool of the server removed. */
  allowEmpty?: boolean;
}

/**
 * How a server record names a saved file it was imported from (`import.source`), which is published
 * with the site: its path from the folder the import runs in (the project folder), or its name alone
 * when it lies outside that folder, since a path there only means something on one machine.
 */
export function fileSource(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  const inside = rel !== '' && !isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`);
  return `file: ${inside ? rel.split(sep).join('/') : basename(path)}`;
}

async function readSource(options: ImportOptions): Promise<SourceResult> {
  const { source, timeoutSeconds = DEFAULT_TIMEOUT_SECONDS, cwd = process.cwd() } = options;
  if ('stdio' in source)
    return fromStdio(source.stdio, {
      timeoutSeconds,
      env: options.env ?? {},
      ...(options.placeholders ? { placeholders: options.placeholders } : {}),
      ...(options.scratchFolder ? { scratchFolder: true } : {}),
    });
  if ('http' in source) return fromHttp(source.http, timeoutSeconds);
  if ('sample' in source)
    return readSample(source.sample, relative(cwd, source.sample) || source.sample, fileSource(source.sample, cwd));
  return fromFile(source.file, relative(cwd, source.file) || source.file, fileSource(source.file, cwd));
}

/** A live answer's sample; an answer the saved one already holds keeps its capture date. */
function sampleToSave(path: string, source: SourceResult, date: string): string {
  const fresh = sampleText(source, date);
  if (!existsSync(path)) return fresh;
  const before = readFileSync(path, 'utf8');
  try {
    const captured = (JSON.parse(before) as { captured?: unknown }).captured;
    if (typeof captured === 'string' && sampleText(source, captured) === before) return before;
  } catch {
    /* not a sample the importer wrote: replace it */
  }
  return fresh;
}

/** Reads the source, plans every record, validates the result, and writes it unless dry-running. */
export async function runImport(options: ImportOptions): Promise<ImportReport> {
  // The same check as the records' date fields, so a date accepted here is one they accept.
  if (!z.iso.date().safeParse(options.date).success) {
    throw new AtlasError(
      'import-bad-date',
      `The date ${JSON.stringify(options.date)} is not a calendar date. Give it as YYYY-MM-DD (--date or ATLAS_TODAY).`,
    );
  }
  const source = await readSource(options);
  // A re-import from a saved sample (offline or --file) dates what it writes by the answer's
  // capture, so an unchanged answer writes nothing.
  const date = source.captured ?? options.date;
  const saveAnswer =
    options.saveSample && source.answer
      ? { path: options.saveSample, text: sampleToSave(options.saveSample, source, date) }
      : undefined;
  const exclusive = options.exclusive ?? ((work) => work());
  return exclusive(async () => {
    const report = planImport(source, { ...options, date, ...(saveAnswer ? { saveAnswer } : {}) });
    if (!options.dryRun && report.writes.length > 0) {
      if (options.cache) {
        delete options.cache.loaded;
      }
      writeAtomically(report.writes);
    }
    return report;
  });
}

/**
 * The lines the CLI prints after an import. Tool names, change summaries (which quote parameter
 * names) and skip reasons come from the server: each goes through `terminalText`, so nothing it
 * sent acts on the terminal or starts a line of its own.
 */
export function formatReport(report: ImportReport, dryRun: boolean, cwd = process.cwd()): string {
  const lines: string[] = [];
  const rel = (p: string) => relative(cwd, p) || p;
  const t = (text: string) => terminalText(text);
  lines.push(
    `${dryRun ? 'Dry run: would import' : 'Imported'} server "${report.serverId}" (${rel(report.serverFile.path)}: ${report.serverFile.action}${report.serverFile.fields?.length ? ` of ${report.serverFile.fields.join(', ')}` : ''}).`,
  );
  for (const name of report.added) lines.push(`  + ${t(name)}`);
  for (const { name, summary, recheck } of report.changed)
    lines.push(
      `  ~ ${t(name)}: ${t(summary.join('; '))}${recheck ? ` (an editor set ${recheck} on the old definition: it waits in \`npm run review\` again)` : ''}`,
    );
  for (const name of report.restored) lines.push(`  ↺ ${t(name)}: listed again`);
  for (const name of report.removed) lines.push(`  - ${t(name)} (marked removed; file kept)`);
  for (const { name, codes } of report.flagged) lines.push(`  ! ${t(name)}: ${codes.join(', ')}`);
  for (const { name, reason } of report.skipped) lines.push(`  × ${t(JSON.stringify(name))} skipped: ${t(reason)}`);
  if (dryRun) for (const w of report.writes) lines.push(`  would write ${rel(w.path)}`);
  lines.push(
    `Summary: ${report.added.length} added, ${report.changed.length} changed, ${report.removed.length} removed, ${report.skipped.length} skipped, ${report.flagged.length} flagged` +
      `${report.unchanged.length ? `, ${report.unchanged.length} unchanged` : ''}; ${plural(report.writes.length, 'file')} ${dryRun ? 'would be ' : ''}written.`,
  );
  return lines.join('\n');
}
