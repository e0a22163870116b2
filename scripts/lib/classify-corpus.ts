import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'astro/zod';
import { loadCatalogue, parseYaml } from '#src/catalogue/load.ts';
import { formatProblem, zodProblems } from '#src/model/problems.ts';
import { parseToolsListFile } from '#src/importer/parse.ts';
import { categorySchema } from '#src/model/taxonomy.ts';
import type { ToolDefinition } from '#src/model/tool.ts';
import { SPLITS, type LabelledTool } from '#src/classify/score.ts';

/** Where the hand labels live, relative to the project root. */
export const CORPUS_DIR = 'src/classify/corpus';
/** The results file `npm run classify:score` writes and the /methodology/ page reads. */
export const RESULTS_FILE = `${CORPUS_DIR}/results.json`;

const labelSchema = z.union([
  categorySchema,
  z.strictObject({
    label: categorySchema,
    note: z.string().min(1),
    /** In a file labelled twice: the two blind labels, first and second, where they differed. */
    labels: z.tuple([categorySchema, categorySchema]).optional(),
  }),
]);

/** One server's labels: `source` says where its definitions are read from. */
export const corpusFileSchema = z.strictObject({
  server: z.string().min(1),
  split: z.enum(SPLITS),
  /** `content` for a server of the catalogue, or a saved tools/list file relative to the root. */
  source: z.string().min(1),
  /** 2 when two labellers labelled every tool blind and a third settled each difference. */
  labellers: z.literal([1, 2]).default(1),
  tools: z.record(z.string(), labelSchema),
});
export type CorpusFile = z.infer<typeof corpusFileSchema>;

export interface LoadedCorpus {
  tools: LabelledTool[];
  files: (CorpusFile & { file: string })[];
  /** Labels that name no tool, tools with no label, files that do not parse. */
  problems: string[];
}

function definitionsOf(
  root: string,
  source: string,
  server: string,
  catalogue: ReturnType<typeof loadCatalogue>['catalogue'],
): Map<string, ToolDefinition> {
  if (source === 'content') {
    return new Map(
      catalogue.tools
        .filter((t) => t.data.server === server && !t.data.history?.removed)
        .map((t) => [t.data.name, t.data.definition]),
    );
  }
  const path = join(root, source);
  return new Map(parseToolsListFile(readFileSync(path, 'utf8'), source).tools.map((t) => [t.name, t.definition]));
}

/** Reads every corpus file and joins each label with the definition it judges. */
export function loadCorpus(root: string, contentDir = join(root, 'content')): LoadedCorpus {
  const dir = join(root, CORPUS_DIR);
  const { catalogue } = loadCatalogue(contentDir, root);
  const problems: string[] = [];
  const files: LoadedCorpus['files'] = [];
  const tools: LabelledTool[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()) {
    const file = `${CORPUS_DIR}/${name}`;
    const parsed = parseYaml(readFileSync(join(dir, name), 'utf8'), file);
    const checked = corpusFileSchema.safeParse(parsed.data);
    if (!checked.success) {
      problems.push(
        ...zodProblems(checked.error, parsed.data, 'cli-corpus', file, 'The corpus file').map(formatProblem),
      );
      continue;
    }
    const data = checked.data;
    if (`${data.server}.yaml` !== name) problems.push(`${file}: the file name must be the server id "${data.server}".`);
    files.push({ ...data, file });
    const definitions = definitionsOf(root, data.source, data.server, catalogue);
    const siblings = [...definitions.keys()];
    for (const toolName of siblings) {
      if (!(toolName in data.tools)) problems.push(`${file}: the tool "${toolName}" has no label.`);
    }
    for (const [toolName, entry] of Object.entries(data.tools)) {
      const definition = definitions.get(toolName);
      if (!definition) {
        problems.push(`${file}: "${toolName}" is not a tool of ${data.server} (source: ${data.source}).`);
        continue;
      }
      const { label, note, labels } = typeof entry === 'string' ? { label: entry } : entry;
      // Blind labels belong to a file labelled twice, and only where the two labellers differed.
      const labelsProblem =
        labels && data.labellers !== 2
          ? 'lists two blind labels, but the file does not say it was labelled twice. Add "labellers: 2" at the top, or remove "labels".'
          : labels && labels[0] === labels[1]
            ? `lists the same blind label twice (${labels[0]}). Keep "labels" only where the two labellers differed, or remove it.`
            : undefined;
      if (labelsProblem)
        problems.push(
          formatProblem({
            code: 'cli-corpus',
            file,
            path: `tools.${toolName}.labels`,
            value: labels,
            message: `"tools.${toolName}.labels" ${labelsProblem}`,
          }),
        );
      tools.push({
        server: data.server,
        split: data.split,
        name: toolName,
        label,
        ...(note ? { note } : {}),
        labellers: data.labellers,
        ...(labels ? { blind: labels } : {}),
        definition,
        siblings,
      });
    }
  }
  return { tools, files, problems };
}
