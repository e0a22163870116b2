import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    const lines = readFileSync(join(dir, name), 'utf8').split('\n');
    if (lines[0] !== EXTERNAL_COLUMNS.join('\t')) {
      problems.push(`${file}:1: the header must be the columns ${EXTERNAL_COLUMNS.join(', ')}, separated by tabs.`);
      continue;
    }
    lines.slice(1).forEach((text, index) => {
      const line = index + 2;
      if (text.trim() === '') return;
      const fields = text.split('\t');
      if (fields.length !== EXTERNAL_COLUMNS.length) {
        problems.push(
          `${file}:${line}: has ${fields.length} fields; write ${EXTERNAL_COLUMNS.length}, separated by tabs (leave a field empty, never drop it).`,
        );
        return;
      }
      const [repo, server, tool, label, description, properties, annotations, note] = fields as string[];
      if (!(CATEGORIES as readonly string[]).includes(label as string)) {
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
      for (const pair of (annotations as string).split(',').filter(Boolean)) {
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
        repo: repo as string,
        server: server as string,
        name: tool as string,
        label: label as Category,
        ...(note ? { note } : {}),
        definition: {
          ...(description ? { description } : {}),
          inputSchema: { type: 'object', properties: propertiesOf(properties as string) },
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
  const byKey = new Map(tools.map((t) => [`${t.file.split('/').pop()}\t${t.server}\t${t.name}`, t]));
  const lines = readFileSync(join(root, SECOND_LABELS_FILE), 'utf8').split('\n');
  const problems: string[] = [];
  const labels: SecondLabel[] = [];
  const seen = new Set<string>();
  if (lines[0] !== SECOND_LABEL_COLUMNS.join('\t'))
    return {
      labels,
      problems: [
        `${SECOND_LABELS_FILE}:1: the header must be the columns ${SECOND_LABEL_COLUMNS.join(', ')}, separated by tabs.`,
      ],
    };
  lines.slice(1).forEach((text, index) => {
    const where = `${SECOND_LABELS_FILE}:${index + 2}`;
    if (text.trim() === '') return;
    const fields = text.split('\t');
    if (fields.length !== SECOND_LABEL_COLUMNS.length) {
      problems.push(`${where}: has ${fields.length} fields; write ${SECOND_LABEL_COLUMNS.length}, separated by tabs.`);
      return;
    }
    const [file, server, name, label, note] = fields as string[];
    const key = `${file}\t${server}\t${name}`;
    const tool = byKey.get(key);
    if (!tool) {
      problems.push(
        `${where}: no tool "${name}" of ${server} in ${EXTERNAL_DIR}/${file}; name the file, server and tool as that file writes them.`,
      );
      return;
    }
    if (!(CATEGORIES as readonly string[]).includes(label as string)) {
      problems.push(`${where}: the label "${label}" is not a category; write one of ${CATEGORIES.join(', ')}.`);
      return;
    }
    if (seen.has(key)) {
      problems.push(`${where}: "${name}" of ${server} is labelled twice; keep one line.`);
      return;
    }
    seen.add(key);
    labels.push({ tool, label: label as Category, ...(note ? { note } : {}) });
  });
  return { labels, problems };
}
