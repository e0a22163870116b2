import { resolve } from 'node:path';
import { reviewOf } from '#src/classify/review.ts';
import { isDangerousMiss } from '#src/classify/score.ts';
import { classify } from '#src/classify/engine.ts';
import { CATEGORIES, type Category } from '#src/model/taxonomy.ts';
import { plural } from '#src/model/text.ts';
import {
  EXTERNAL_DIR,
  SECOND_LABELS_FILE,
  loadExternal,
  loadSecondLabels,
  percent,
  secondLabelFigures,
  type ExternalTool,
} from '#scripts/lib/classify-external.ts';
import { flagsOrExit } from '#scripts/lib/cli.ts';

const USAGE = `Usage: npm run classify:external [-- --all] [--json]

Classifies every tool of the external set (${EXTERNAL_DIR}/: real definitions from the source of
MCP servers outside the catalogue, each labelled once by hand) with annotations kept and stripped,
and prints the agreement with the labels per file, then how often a second blind label of a sample
(${SECOND_LABELS_FILE}) matches the first. The rules were tuned on this set, so its figures
say where the classifier stands on unfamiliar servers, not how it would do on unseen ones: that is
the test half's job (npm run classify:score).

  --all   list every disagreement, with the label's note, and every tool whose two labels differ
  --json  print the figures as JSON`;

const values = flagsOrExit(USAGE, ['all', 'json']);

const root = resolve(import.meta.dirname, '..');
const { tools, problems } = loadExternal(root);
const second = loadSecondLabels(root, tools);
if (problems.length > 0 || second.problems.length > 0) {
  process.stderr.write(`${[...problems, ...second.problems].join('\n')}\n`);
  process.exit(2);
}

interface Tally {
  tools: number;
  servers: Set<string>;
  kept: number;
  stripped: number;
  /** Labelled Destructive or Financial, rated below Critical with annotations kept. */
  dangerousMisses: number;
}
const tally = (): Tally => ({ tools: 0, servers: new Set(), kept: 0, stripped: 0, dangerousMisses: 0 });
const byFile = new Map<string, Tally>();
const total = tally();
const confusion = Object.fromEntries(CATEGORIES.map((c) => [c, Object.fromEntries(CATEGORIES.map((d) => [d, 0]))]));
const misses: string[] = [];
/** The review queue (annotations kept): the tools `npm run review` would list, and the misses among them. */
const queue = { tools: 0, disagreements: 0, dangerousMisses: 0 };
/** Each tool's verdict with annotations kept, read again for the second labels. */
const keptVerdicts = new Map<ExternalTool, Category>();

function verdicts(tool: ExternalTool) {
  const { annotations: _annotations, ...bare } = tool.definition;
  const kept = classify({ name: tool.name, definition: tool.definition, siblings: tool.siblings });
  const stripped = classify({ name: tool.name, definition: bare, siblings: tool.siblings });
  return { kept, stripped };
}

for (const tool of tools) {
  const { kept, stripped } = verdicts(tool);
  const dangerousMiss = isDangerousMiss(tool.label, kept.risk);
  keptVerdicts.set(tool, kept.category);
  const file = byFile.get(tool.file) ?? tally();
  byFile.set(tool.file, file);
  for (const t of [file, total]) {
    t.tools += 1;
    t.servers.add(`${tool.file}\t${tool.server}`);
    if (kept.category === tool.label) t.kept += 1;
    if (stripped.category === tool.label) t.stripped += 1;
    if (dangerousMiss) t.dangerousMisses += 1;
  }
  (confusion[tool.label] as Record<string, number>)[kept.category] += 1;
  if (reviewOf({ classification: kept })) {
    queue.tools += 1;
    if (kept.category !== tool.label) queue.disagreements += 1;
    if (dangerousMiss) queue.dangerousMisses += 1;
  }
  if (kept.category !== tool.label)
    misses.push(
      `${tool.file}:${tool.line} ${tool.server} ${tool.name}: labelled ${tool.label}, rated ${kept.category} (${kept.confidence})${tool.note ? `\n    note: ${tool.note}` : ''}`,
    );
}

// A sample labelled a second time, blind to the first label: how far two labellers agree, and the
// classifier (annotations kept) against each label and where the two agree.
const secondLabels = secondLabelFigures(second.labels, (tool) => keptVerdicts.get(tool) as Category);
const row = (t: Tally) => ({
  tools: t.tools,
  servers: t.servers.size,
  kept: percent(t.kept, t.tools),
  stripped: percent(t.stripped, t.tools),
  dangerousMisses: t.dangerousMisses,
});

if (values.json) {
  const files = Object.fromEntries([...byFile].map(([f, t]) => [f, row(t)]));
  process.stdout.write(
    `${JSON.stringify({ total: row(total), files, confusion, reviewQueue: queue, secondLabels }, null, 2)}\n`,
  );
} else {
  const out = [`== external set: ${plural(total.tools, 'tool')} of ${plural(total.servers.size, 'server')} ==`];
  const line = (name: string, t: Tally) =>
    `  ${name.padEnd(44)} ${String(t.tools).padStart(5)} tools  kept ${percent(t.kept, t.tools).toFixed(1).padStart(5)}%  stripped ${percent(t.stripped, t.tools).toFixed(1).padStart(5)}%  dangerous misses ${t.dangerousMisses}`;
  for (const [file, t] of byFile) out.push(line(file, t));
  out.push(line('all', total));
  out.push('  confusion matrix, annotations kept (rows: label, columns: verdict):');
  out.push(`    ${''.padEnd(12)}${CATEGORIES.map((c) => c.slice(0, 5).padStart(7)).join('')}`);
  for (const label of CATEGORIES)
    out.push(
      `    ${label.padEnd(12)}${CATEGORIES.map((c) => String((confusion[label] as Record<string, number>)[c]).padStart(7)).join('')}`,
    );
  out.push(
    `  review queue: ${plural(queue.tools, 'tool')}, holding ${queue.disagreements} of ${misses.length} disagreements and ${queue.dangerousMisses} of ${total.dangerousMisses} dangerous misses; ${percent(total.kept + queue.disagreements, total.tools)}% once they are settled`,
  );
  out.push(
    `  second blind labels (${SECOND_LABELS_FILE}): ${plural(secondLabels.tools, 'tool')}, the same label as the first on ${secondLabels.labellersAgree}%;`,
    `    the classifier (kept) agrees with the first on ${secondLabels.classifierWithFirst}%, with the second on ${secondLabels.classifierWithSecond}%, and on ${secondLabels.classifierWhereBothAgree}% where the two agree`,
  );
  if (values.all) {
    out.push('  disagreements:', ...misses.map((m) => `    ${m}`));
    out.push('  where the second blind label differs from the first:');
    for (const s of second.labels.filter((l) => l.label !== l.tool.label))
      out.push(
        `    ${s.tool.file}:${s.tool.line} ${s.tool.server} ${s.tool.name}: first ${s.tool.label}, second ${s.label}${s.note ? `\n    second note: ${s.note}` : ''}`,
      );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
