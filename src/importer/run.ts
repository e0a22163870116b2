import { relative } from 'node:path';
import { z } from 'astro/zod';
import { AtlasError } from '#src/model/problems.ts';
import { planImport, type ImportReport } from './plan.ts';
import { DEFAULT_TIMEOUT_SECONDS, fromFile, fromHttp, fromStdio, type SourceResult } from './sources.ts';
import { writeAtomically } from './write.ts';

export interface ImportOptions {
  source: { stdio: string } | { http: string } | { file: string };
  contentDir: string;
  serverId?: string;
  name?: string;
  repo?: string;
  date: string;
  dryRun?: boolean;
  timeoutSeconds?: number;
  cwd?: string;
}

async function readSource(
  source: ImportOptions['source'],
  timeoutSeconds = DEFAULT_TIMEOUT_SECONDS,
  cwd = process.cwd(),
): Promise<SourceResult> {
  if ('stdio' in source) return fromStdio(source.stdio, timeoutSeconds);
  if ('http' in source) return fromHttp(source.http, timeoutSeconds);
  return fromFile(source.file, relative(cwd, source.file) || source.file);
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
  const source = await readSource(options.source, options.timeoutSeconds, options.cwd);
  const report = planImport(source, options);
  if (!options.dryRun) writeAtomically(report.writes);
  return report;
}

/** The lines the CLI prints after an import. */
export function formatReport(report: ImportReport, dryRun: boolean, cwd = process.cwd()): string {
  const lines: string[] = [];
  const rel = (p: string) => relative(cwd, p) || p;
  lines.push(
    `${dryRun ? 'Dry run: would import' : 'Imported'} server "${report.serverId}" (${rel(report.serverFile.path)}: ${report.serverFile.action}).`,
  );
  for (const name of report.added) lines.push(`  + ${name}`);
  for (const { name, summary } of report.changed) lines.push(`  ~ ${name}: ${summary.join('; ')}`);
  for (const name of report.restored) lines.push(`  ↺ ${name}: listed again`);
  for (const name of report.removed) lines.push(`  - ${name} (marked removed; file kept)`);
  for (const { name, codes } of report.flagged) lines.push(`  ! ${name}: ${codes.join(', ')}`);
  if (dryRun) for (const w of report.writes) lines.push(`  would write ${rel(w.path)}`);
  lines.push(
    `Summary: ${report.added.length} added, ${report.changed.length} changed, ${report.removed.length} removed, ${report.flagged.length} flagged` +
      `${report.unchanged.length ? `, ${report.unchanged.length} unchanged` : ''}; ${report.writes.length} file${report.writes.length === 1 ? '' : 's'} ${dryRun ? 'would be ' : ''}written.`,
  );
  return lines.join('\n');
}
