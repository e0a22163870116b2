import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CATEGORIES } from '#src/model/taxonomy.ts';
import { plural } from '#src/model/text.ts';
import {
  CONFIDENCES,
  DISAGREEMENT_KINDS,
  MODES,
  SPLITS,
  scoreCorpus,
  type Miss,
  type Ratio,
  type ScoreReport,
} from '#src/classify/score.ts';
import { loadCorpus, RESULTS_FILE } from '#scripts/lib/classify-corpus.ts';
import { flagsOrExit } from '#scripts/lib/cli.ts';

const USAGE = `Usage: npm run classify:score [-- --json] [--no-write] [--all]

Classifies every tool of the hand-labelled corpus (src/classify/corpus/) with annotations kept and
stripped, prints the agreement with the labels for the tuning and the test half, and writes the
figures to ${RESULTS_FILE} (read by the /methodology/ page).

  --json      print the whole report as JSON
  --no-write  do not write ${RESULTS_FILE}
  --all       list every disagreement, not only the dangerous ones`;

const values = flagsOrExit(USAGE, ['json', 'no-write', 'all']);

const root = resolve(import.meta.dirname, '..');
const corpus = loadCorpus(root, resolve(process.env.ATLAS_CONTENT ?? join(root, 'content')));
if (corpus.problems.length > 0) {
  process.stderr.write(`${corpus.problems.join('\n')}\n`);
  process.exit(2);
}
const report = scoreCorpus(corpus.tools);
if (!values['no-write']) writeFileSync(join(root, RESULTS_FILE), `${JSON.stringify(report, null, 2)}\n`);

const pct = (r: Ratio) => `${r.percent.toFixed(1)}% (${r.agree}/${r.total})`;
const missLine = (m: Miss) =>
  `    ${m.server} ${m.name}: labelled ${m.label}, rated ${m.category} (${m.risk}, ${m.confidence})`;

function print(report: ScoreReport): string {
  const out: string[] = [];
  for (const split of SPLITS) {
    const s = report[split];
    out.push(`== ${split} half: ${plural(s.tools, 'tool')} of ${plural(s.servers.length, 'server')} ==`);
    if (s.labellers.total > 0)
      out.push(`  two labellers, blind to each other, chose the same category: ${pct(s.labellers)}`);
    for (const mode of MODES) {
      const m = s.modes[mode];
      out.push(`  annotations ${mode}: agreement ${pct(m.agreement)}`);
      if (s.labellers.total > 0)
        out.push(
          `    with the first labels alone: ${pct(m.firstLabels)}; where both labellers agree: ${pct(m.whereLabellersAgree)}`,
        );
      out.push(`    by confidence: ${CONFIDENCES.map((c) => `${c} ${pct(m.perConfidence[c])}`).join(', ')}`);
      out.push(
        `    disagreements by kind: ${DISAGREEMENT_KINDS.map((k) => `${k} ${m.disagreementKinds[k]}`).join(', ')}`,
      );
      const q = m.reviewQueue;
      out.push(
        `    review queue: ${plural(q.tools, 'tool')}, holding ${q.disagreements} of ${m.disagreements.length} disagreements and ${q.dangerousMisses} of ${m.dangerousMisses.length} dangerous misses; ${pct(q.afterReview)} once they are settled`,
      );
    }
    out.push('  confusion matrix, annotations kept (rows: label, columns: verdict):');
    out.push(`    ${''.padEnd(12)}${CATEGORIES.map((c) => c.slice(0, 5).padStart(7)).join('')}`);
    for (const label of CATEGORIES)
      out.push(
        `    ${label.padEnd(12)}${CATEGORIES.map((c) => String(s.modes.kept.confusion[label][c]).padStart(7)).join('')}`,
      );
    out.push('  per server (kept / stripped):');
    for (const server of s.servers)
      out.push(
        `    ${server.padEnd(48)} ${pct(s.modes.kept.perServer[server] as Ratio).padEnd(18)} ${pct(s.modes.stripped.perServer[server] as Ratio)}`,
      );
    for (const mode of MODES) {
      const m = s.modes[mode];
      out.push(`  Destructive or Financial rated below Critical (${mode}): ${m.dangerousMisses.length}`);
      out.push(...m.dangerousMisses.map(missLine));
      out.push(`  Read rated High or Critical (${mode}): ${m.readRatedHigh.length}`);
      out.push(...m.readRatedHigh.map(missLine));
      if (values.all) {
        out.push(`  every disagreement (${mode}): ${m.disagreements.length}`);
        out.push(...m.disagreements.map(missLine));
      }
    }
    out.push(`  poisoning flags on real tools: ${s.poisonFlags.length}`);
    for (const f of s.poisonFlags)
      out.push(`    ${f.server} ${f.name}: ${f.codes.join(', ')} in ${f.fields.join(', ')}`);
    out.push('');
  }
  return out.join('\n');
}

// The report is larger than a pipe's buffer: it is written and the process left to end on its own,
// since process.exit() right after a write to a pipe can cut the output short.
process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${print(report)}\n`);
