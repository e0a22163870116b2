import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CATEGORIES, type Category } from '#src/model/taxonomy.ts';
import type { ToolDefinition } from '#src/model/tool.ts';

/** Where the external set lives, relative to the project root (see its README.md). */
export const EXTERNAL_DIR = 'src/classify/external';

/** The columns of an external-set file, in order, as its header line names them. */
export const EXTERNAL_COLUMNS = [
  'repo',
  'server',
  'tool',
  'label',
  'description',
  'properties',
  'annotations',
  'note',
] as const;

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object']);
const HINTS = new Set(['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint']);

/** One tool of the external set: a definition read from a server's source, labelled by hand. */
export interface ExternalTool {
  file: string;
  line: number;
  repo: string;
  server: string;
  name: string;
  label: Category;
  note?: string;
  definition: ToolDefinition;
  /** The names of the server's tools in the set, this one included. */
  siblings: readonly string[];
}

export interface LoadedExternal {
  tools: ExternalTool[];
  /** Lines that do not parse, each naming its file, line and fix. */
  problems: string[];
}

/**
 * `name:type[a|b]` items, comma-separated, as the input schema's top-level properties. A type the
 * source did not resolve reads as a string; the bracket lists enum values.
 */
function propertiesOf(text: string): Record<string, { type: string; enum?: string[] }> {
  const out: Record<string, { type: string; enum?: string[] }> = {};
  for (const item of text.split(/,(?![^[]*\])/)) {
    const match = /^\s*([^:[\s]+)\s*(?::\s*([a-z|]*))?\s*(?:\[(.*)\])?\s*$/i.exec(item);
    if (!match) continue;
    const [, name, type = 'string', values] = match;
    const first = type.split('|')[0] ?? 'string';
    out[name as string] = { type: TYPES.has(first) ? first : 'string', ...(values ? { enum: values.split('|') } : {}) };
  }
  return out;
}

/**
 * The lines of a tab-separated file under its header, each split into the named columns and handed
 * to `each` with its line number, in order. A wrong header, or a line with the wrong number of
 * fields, is a problem naming the file and line, pushed in that same order; blank lines are skipped.
 */
function readTsv<C extends readonly string[]>(
  path: string,
  file: string,
  columns: C,
  problems: string[],
  each: (line: number, fields: Record<C[number], string>) => void,
): void {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[0] !== columns.join('\t')) {
    problems.push(`${file}:1: the header must be the columns ${columns.join(', ')}, separated by tabs.`);
    return;
  }
  lines.slice(1).forEach((text, index) => {
    const line = index + 2;
    if (text.trim() === '') return;
    const values = text.split('\t');
    if (values.length !== columns.length)
      problems.push(
        `${file}:${line}: has ${values.length} fields; write ${columns.length}, separated by tabs (leave a field empty, never drop it).`,
      );
    else each(line, Object.fromEntries(columns.map((c, i) => [c, values[i]])) as Record<C[number], string>);
  });
}

/** Reads every `.tsv` file of the external set into labelled definitions. */
export function loadExternal(root: string): LoadedExternal {
  const dir = join(root, EXTERNAL_DIR);
  const problems: string[] = [];
  const rows: Omit<ExternalTool, 'siblings'>[] = [];
  const seen = new Set<string>();
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.tsv'))
    .sort()) {
    const file = `${EXTERNAL_DIR}/${name}`;
    readTsv(join(dir, name), file, EXTERNAL_COLUMNS, problems, (line, fields) => {
      const { repo, server, tool, label, description, properties, annotations, note } = fields;
      if (!(CATEGORIES as readonly string[]).includes(label)) {
        problems.push(
          `${file}:${line}: the label "${label}" is not a category; write one of ${CATEGORIES.join(', ')}.`,
        );
        return;
      }
      const key = `${name}\t${server}\t${tool}`;
      if (seen.has(key)) {
        problems.push(`${file}:${line}: "${tool}" of ${server} is listed twice; keep one line.`);
        return;
      }
      seen.add(key);
      const hints: Record<string, boolean> = {};
      for (const pair of annotations.split(',').filter(Boolean)) {
        const [hint, value] = pair.split('=').map((s) => s.trim());
        if (!HINTS.has(hint as string) || (value !== 'true' && value !== 'false')) {
          problems.push(
            `${file}:${line}: the annotation "${pair}" is not one of ${[...HINTS].join(', ')} set to true or false.`,
          );
          continue;
        }
        hints[hint as string] = value === 'true';
      }
      rows.push({
        file,
        line,
        repo,
        server,
        name: tool,
        label: label as Category,
        ...(note ? { note } : {}),
        definition: {
          ...(description ? { description } : {}),
          inputSchema: { type: 'object', properties: propertiesOf(properties) },
          ...(Object.keys(hints).length > 0 ? { annotations: hints } : {}),
        },
      });
    });
  }
  const names = new Map<string, string[]>();
  for (const row of rows) {
    const key = `${row.file}\t${row.server}`;
    names.set(key, [...(names.get(key) ?? []), row.name]);
  }
  return {
    tools: rows.map((row) => ({ ...row, siblings: names.get(`${row.file}\t${row.server}`) ?? [row.name] })),
    problems,
  };
}

/** Where the second blind labels of a sample of the external set live (see the set's README.md). */
export const SECOND_LABELS_FILE = `${EXTERNAL_DIR}/second/labels.tsv`;
export const SECOND_LABEL_COLUMNS = ['file', 'server', 'tool', 'label', 'note'] as const;

/** A tool of the external set labelled a second time, blind to its first label. */
export interface SecondLabel {
  tool: ExternalTool;
  label: Category;
  note?: string;
}

/**
 * Reads the second blind labels and finds each one's tool in the set. A line that names no tool of
 * the set, or does not parse, is a problem naming its line and fix; the other lines still load.
 */
export function loadSecondLabels(
  root: string,
  tools: readonly ExternalTool[],
): { labels: SecondLabel[]; problems: string[] } {
  const path = join(root, SECOND_LABELS_FILE);
  if (!existsSync(path))
    return {
      labels: [],
      problems: [
        `${SECOND_LABELS_FILE}: missing; restore it from the repository, or write its header (${SECOND_LABEL_COLUMNS.join(', ')}) alone for a set with no second labels.`,
      ],
    };
  const byKey = new Map(tools.map((t) => [`${basename(t.file)}\t${t.server}\t${t.name}`, t]));
  const problems: string[] = [];
  const labels: SecondLabel[] = [];
  const seen = new Set<string>();
  readTsv(path, SECOND_LABELS_FILE, SECOND_LABEL_COLUMNS, problems, (line, fields) => {
    const { file, server, tool: name, label, note } = fields;
    const where = `${SECOND_LABELS_FILE}:${line}`;
    const key = `${file}\t${server}\t${name}`;
    const tool = byKey.get(key);
    if (!tool)
      problems.push(
        `${where}: no tool "${name}" of ${server} in ${EXTERNAL_DIR}/${file}; name the file, server and tool as that file writes them.`,
      );
    else if (!(CATEGORIES as readonly string[]).includes(label))
      problems.push(`${where}: the label "${label}" is not a category; write one of ${CATEGORIES.join(', ')}.`);
    else if (seen.has(key)) problems.push(`${where}: "${name}" of ${server} is labelled twice; keep one line.`);
    else {
      seen.add(key);
      labels.push({ tool, label: label as Category, ...(note ? { note } : {}) });
    }
  });
  return { labels, problems };
}

/** How far the second labels agree with the first, and a classifier's verdicts with each. */
export interface SecondLabelFigures {
  tools: number;
  /** Percent of the sample where the second label is the first. */
  labellersAgree: number;
  classifierWithFirst: number;
  classifierWithSecond: number;
  /** Percent right on the tools where the two labels agree. */
  classifierWhereBothAgree: number;
}

/** A share in percent, to one decimal; 0 of nothing is 0. */
export const percent = (n: number, d: number) => (d === 0 ? 0 : Math.round((1000 * n) / d) / 10);

/** The figures of the second labels, given the classifier's verdict on each of their tools. */
export function secondLabelFigures(
  labels: readonly SecondLabel[],
  verdictOf: (tool: ExternalTool) => Category,
): SecondLabelFigures {
  const agreeing = labels.filter((s) => s.label === s.tool.label);
  const right = (list: readonly SecondLabel[], labelOf: (s: SecondLabel) => Category) =>
    list.filter((s) => verdictOf(s.tool) === labelOf(s)).length;
  return {
    tools: labels.length,
    labellersAgree: percent(agreeing.length, labels.length),
    classifierWithFirst: percent(
      right(labels, (s) => s.tool.label),
      labels.length,
    ),
    classifierWithSecond: percent(
      right(labels, (s) => s.label),
      labels.length,
    ),
    classifierWhereBothAgree: percent(
      right(agreeing, (s) => s.label),
      agreeing.length,
    ),
  };
}
