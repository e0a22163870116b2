import results from '#src/classify/corpus/results.json' with { type: 'json' };
import type { Category } from '#src/model/taxonomy.ts';
import type { Classification, InputSchema } from '#src/model/tool.ts';
import type { ToolEntry, ToolSummary, ServerEntry } from '#src/catalogue/index.ts';
import { codeSpan, isolate } from '#src/model/text.ts';

/** One row of the "input parameters" table, flattened one level into nested objects. */
export interface ParamRow {
  name: string;
  type: string;
  required: boolean;
  defaultValue?: string;
  constraints: string[];
  description?: string;
}

function typeOf(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return 'enum';
  if (typeof schema.type === 'string') {
    if (schema.type === 'array' && schema.items && typeof schema.items === 'object') {
      return `array of ${typeOf(schema.items as Record<string, unknown>)}`;
    }
    return schema.type;
  }
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  for (const key of ['anyOf', 'oneOf'] as const) {
    const alts = schema[key];
    if (Array.isArray(alts))
      return alts.map((a) => (a && typeof a === 'object' ? typeOf(a as Record<string, unknown>) : '?')).join(' | ');
  }
  return 'any';
}

function constraintsOf(schema: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (Array.isArray(schema.enum)) out.push(`one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (typeof schema.minimum === 'number' && typeof schema.maximum === 'number')
    out.push(`${schema.minimum} to ${schema.maximum}`);
  else if (typeof schema.minimum === 'number') out.push(`at least ${schema.minimum}`);
  else if (typeof schema.maximum === 'number') out.push(`at most ${schema.maximum}`);
  if (typeof schema.minLength === 'number') out.push(`min length ${schema.minLength}`);
  if (typeof schema.maxLength === 'number') out.push(`max length ${schema.maxLength}`);
  if (typeof schema.pattern === 'string') out.push(`pattern ${schema.pattern}`);
  if (typeof schema.format === 'string') out.push(`format ${schema.format}`);
  return out;
}

/** The tool's arguments as table rows; nested object properties appear as `parent.child`. */
export function paramRows(inputSchema: InputSchema, depth = 2): ParamRow[] {
  const rows: ParamRow[] = [];
  const walk = (schema: Record<string, unknown>, prefix: string, level: number) => {
    const props = schema.properties;
    if (!props || typeof props !== 'object') return;
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    for (const [name, raw] of Object.entries(props as Record<string, unknown>)) {
      const prop = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
      rows.push({
        name: prefix + name,
        type: typeOf(prop),
        required: required.has(name),
        ...('default' in prop ? { defaultValue: JSON.stringify(prop.default) } : {}),
        constraints: constraintsOf(prop),
        ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
      });
      if (level < depth && prop.type === 'object') walk(prop, `${prefix}${name}.`, level + 1);
    }
  };
  walk(inputSchema as Record<string, unknown>, '', 1);
  return rows;
}

const WHAT_CATEGORY: Record<Category, string> = {
  Read: 'retrieves data and changes nothing',
  Write: 'creates or changes data, in a way that can be undone',
  Execute: 'runs code, queries, commands or workflows',
  Destructive: 'deletes or overwrites data with no undo',
  Financial: 'moves money or commits to spend it',
};

export const describeCategory = (c: Category) => WHAT_CATEGORY[c];

/** The tool's top-level arguments: names and which are required. */
function argumentsOf(tool: ToolEntry): { names: string[]; required: string[] } {
  const schema = tool.record.definition.inputSchema;
  const names = Object.keys(schema.properties ?? {});
  const required = (schema.required ?? []).filter((r) => names.includes(r));
  return { names, required };
}

const codeList = (names: string[]) => {
  const items = names.map(codeSpan);
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
};

/** "It takes 2 arguments: `city` (required) and `units`." or that it takes none. */
function argumentSentence(tool: ToolEntry): string {
  const { names, required } = argumentsOf(tool);
  if (names.length === 0) return 'It takes no arguments.';
  if (names.length <= 5) {
    const items = names.map((n) => `${codeList([n])}${required.includes(n) ? ' (required)' : ''}`);
    const list = items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
    return `It takes ${names.length === 1 ? 'one argument' : `${names.length} arguments`}: ${list}.`;
  }
  const req = required.length
    ? `, ${required.length} of them required: ${codeList(required.slice(0, 5))}${required.length > 5 ? ' and more' : ''}`
    : ', none of them required';
  return `It takes ${names.length} arguments${req}.`;
}

/** What the server's annotations claim, as a sentence, or nothing when it declares no hints. */
function hintSentence(tool: ToolEntry): string {
  const a = tool.record.definition.annotations ?? {};
  const claims: string[] = [];
  if (a.readOnlyHint === true) claims.push('read-only');
  if (a.destructiveHint === true) claims.push('destructive');
  if (a.idempotentHint === true) claims.push('idempotent');
  if (a.openWorldHint === true) claims.push('reaching outside systems');
  if (claims.length === 0) return '';
  return ` The server marks it as ${claims.length === 1 ? claims[0] : `${claims.slice(0, -1).join(', ')} and ${claims.at(-1)}`}; such hints come from the server and are not proof.`;
}

/** Arguments whose names say they carry code, queries, commands, paths or addresses. */
function steeringArguments(tool: ToolEntry): string[] {
  return argumentsOf(tool).names.filter((n) =>
    /(^|_|-|\b)(sql|query|code|command|cmd|script|expression|js|javascript|url|uri|path|file|filename|body|content|template|prompt|args)($|_|-|s\b)/i.test(
      n,
    ),
  );
}

/** "Why it needs a policy" when no editor has written one: the category's risk, made specific. */
const WHY_CATEGORY: Record<Category, (tool: ToolEntry, server: string) => string> = {
  Read: (t, server) =>
    `${t.name} reads from ${server} and, by its definition, changes nothing, so the recommended rule allows it. Under a default-deny policy that rule is how you say on purpose that agents may call it.\n\nReading is still half of every data leak: whatever ${t.name} returns lands in the agent's context, and from there it can reach any tool that sends data out. Pair it with strict rules on those tools.`,
  Write: (t, server) =>
    `${t.name} changes data in ${server}. Each change can be undone, but an agent stuck in a loop, or one steered by text injected into its context, can make many changes before anyone looks.\n\nThe recommended rule allows ${t.name} under a limit of 30 calls a minute, which leaves normal use alone and stops a flood.`,
  Execute: (t, server) => {
    const steer = steeringArguments(t);
    const which = steer.length
      ? `what it runs is decided by ${steer.length === 1 ? 'its argument' : 'its arguments'} ${codeList(steer.slice(0, 4))}, which the agent fills in`
      : 'what it does depends on the input the agent gives it, not on its name';
    return `${t.name} runs work on ${server}: ${which}. Injected text that reaches the agent's context can turn it into a way to run anything the server can.\n\nThe recommended rule allows ${t.name} under a limit of 10 calls a minute. Add \`require\` conditions that pin its inputs to what your tasks need.`;
  },
  Destructive: (t, server) =>
    `${t.name} deletes or overwrites in ${server} with no undo. A misunderstanding, a hallucinated instruction or injected text is enough to trigger it, and a \`confirm\` argument does not help: the agent sets it itself.\n\nThe recommended rule hides ${t.name}, so agents cannot see or call it. If an agent truly needs it, let a person approve each call in your gateway before it goes through; the policy language itself cannot ask anyone.`,
  Financial: (t, server) =>
    `${t.name} moves money or commits to spend it through ${server}. Such a call cannot simply be taken back, and the agent's judgement is the only thing between a prompt injection and a payment.\n\nThe recommended rule keeps ${t.name} in the policy's tool list but denies every call with a message that a person's approval is needed, which a gateway with an approval flow can route to a human. Gateways that list only the tools an agent may call, such as AgentCore and ToolHive, leave it out of the agent's list.`,
};

export function whyText(tool: ToolEntry, server: ServerEntry<ToolSummary>): string {
  return tool.record.editorial?.why ?? WHY_CATEGORY[tool.category](tool, isolate(server.record.name));
}

/**
 * The opening of a description that has no usable first sentence (one word, or a run of text
 * with no sentence end): all of it when short, else its first 200 characters to a word end and "…".
 */
function openingWords(text: string | undefined): string | undefined {
  const flat = text?.replace(/\s+/g, ' ').trim();
  if (!flat) return undefined;
  if (flat.length <= 200) return flat;
  const cut = Array.from(flat).slice(0, 200).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${atWord.length >= 100 ? atWord : cut}…`;
}

/** The first sentence of the server's description, trimmed, when there is a usable one. */
function firstSentence(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const flat = text.replace(/\s+/g, ' ').trim();
  const match = /^(.{12,300}?[.!?])(\s|$)/.exec(flat);
  const sentence = match?.[1] ?? (flat.length <= 300 ? flat : undefined);
  return sentence && sentence.length >= 12 ? sentence : undefined;
}

export function summaryText(tool: ToolEntry, server: ServerEntry<ToolSummary>): string {
  if (tool.record.editorial?.summary) return tool.record.editorial.summary;
  const description = tool.record.definition.description;
  const said = firstSentence(description) ?? openingWords(description);
  const whole = said !== undefined && said === description?.replace(/\s+/g, ' ').trim();
  const intro = said
    ? `${tool.name} is a tool of ${isolate(server.record.name)}. Its own description ${whole ? 'reads' : 'begins'}: “${isolate(said.replaceAll('`', "'"))}”${/[.!?]$/.test(said) ? '' : '.'}`
    : `${tool.name} is a tool of ${isolate(server.record.name)}, which gives it no description.`;
  return `${intro} ${argumentSentence(tool)} The catalogue classifies it as ${tool.category}, ${tool.risk} risk: by its definition it ${WHAT_CATEGORY[tool.category]}.${hintSentence(tool)}`;
}

/** The text an agent's context pays for one tool: its name, description and schemas as sent. */
export function definitionText(tool: ToolEntry): string {
  return JSON.stringify({ name: tool.name, ...tool.record.definition });
}

/** A name cut after each `_`, `.`, `-` or `/`, where a line may break; the parts join back to it. */
export function nameParts(name: string): string[] {
  return name.split(/(?<=[_.\-/])(?=.)/);
}

/**
 * What a confidence level has meant, measured: how often the classifier's verdicts at that level
 * matched the hand labels on the test half of the labelled corpus, with annotations kept as
 * servers send them (src/classify/corpus/results.json, written by `npm run classify:score`).
 */
export function confidenceRecord(record: {
  classification: Pick<Classification, 'confidence'>;
  editorial?: { category?: Category };
}): string | undefined {
  // Where an editor set the category, the classifier's confidence no longer decides anything.
  if (record.editorial?.category) return undefined;
  const level = record.classification.confidence;
  const r = results.test.modes.kept.perConfidence[level];
  return `On servers it was never tuned on, its ${level}-confidence verdicts matched a careful reviewer's category for ${r.percent.toFixed(1)}% of tools (${r.agree.toLocaleString('en-US')} of ${r.total.toLocaleString('en-US')}).`;
}
