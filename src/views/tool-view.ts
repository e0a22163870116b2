import type { Category } from '#src/model/taxonomy.ts';
import type { InputSchema } from '#src/model/tool.ts';
import type { ToolEntry, ServerEntry } from '#src/catalogue/index.ts';

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

/** "Why it needs a policy" when no editor has written one: what the category means for an agent. */
const WHY_CATEGORY: Record<Category, (tool: string) => string> = {
  Read: (t) =>
    `${t} only reads, according to its definition, so the recommended rule allows it. Under a default-deny policy that rule is how you say on purpose that agents may call it.\n\nReading is still half of every data leak: what ${t} returns can end up wherever the agent can write next. Pair it with strict rules on the tools that send data out.`,
  Write: (t) =>
    `${t} changes data. Each change can be undone, but an agent stuck in a loop, or one steered by text injected into its context, can make many changes before anyone looks.\n\nThe recommended rule allows ${t} under a limit of 30 calls a minute, which leaves normal use alone and stops a flood.`,
  Execute: (t) =>
    `${t} runs code, queries, commands or workflows, so what it can do depends on the input an agent gives it, not on its name. Injected text that reaches the agent's context can turn it into a way to run anything.\n\nThe recommended rule allows ${t} under a limit of 10 calls a minute. Add \`require\` conditions that pin its inputs to what your tasks need.`,
  Destructive: (t) =>
    `${t} deletes or overwrites with no undo. A misunderstanding, a hallucinated instruction or injected text is enough to trigger it, and a \`confirm\` argument does not help: the agent sets it itself.\n\nThe recommended rule hides ${t}, so agents cannot see or call it. If an agent truly needs it, replace the rule with one that asks for a person's approval.`,
  Financial: (t) =>
    `${t} moves money or commits to spend it. Such a call cannot simply be taken back, and the agent's judgement is the only thing between a prompt injection and a payment.\n\nThe recommended rule keeps ${t} visible but denies every call with a message that a person's approval is needed, which a gateway with an approval flow can route to a human.`,
};

export function whyText(tool: ToolEntry): string {
  return tool.record.editorial?.why ?? WHY_CATEGORY[tool.category](tool.name);
}

export function summaryText(tool: ToolEntry, server: ServerEntry): string {
  if (tool.record.editorial?.summary) return tool.record.editorial.summary;
  return `${tool.name} is a ${tool.category} tool of ${server.record.name}: by its definition it ${WHAT_CATEGORY[tool.category]}. The server's own description is quoted above.`;
}

/** The text an agent's context pays for one tool: its name, description and schemas as sent. */
export function definitionText(tool: ToolEntry): string {
  return JSON.stringify({ name: tool.name, ...tool.record.definition });
}

/** A name cut after each `_`, `.`, `-` or `/`, where a line may break; the parts join back to it. */
export function nameParts(name: string): string[] {
  return name.split(/(?<=[_.\-/])(?=.)/);
}
