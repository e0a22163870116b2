/**
 * A corpus of calls for one tool under one policy, derived from the tool's input schema and the
 * policy's rule for it: one call meant to be allowed, one per `require` condition that fails, one
 * per `deny_if` rule that matches, calls with absent arguments, calls to hidden tools and to a
 * tool the policy does not list. Values follow the schema's types, as a gateway passes them, except
 * in the hostile calls: each argument a condition reads, sent with a value of another kind.
 */
import type { Condition, Policy } from '#src/policy/index.ts';
import type { ToolInfo } from '#src/policy/index.ts';

export interface CorpusCall {
  label: string;
  tool: string;
  args?: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => structuredClone(v);

function propSchema(schema: unknown, path: string): Record<string, unknown> | undefined {
  let s: unknown = schema;
  for (const seg of path.split('.').slice(1)) {
    if (!isObject(s) || !isObject(s.properties) || !isObject(s.properties[seg])) return undefined;
    s = s.properties[seg];
  }
  return isObject(s) ? s : undefined;
}

const typeOf = (s: Record<string, unknown> | undefined): string | undefined =>
  typeof s?.type === 'string'
    ? s.type
    : Array.isArray(s?.enum) && s.enum.length
      ? typeof s.enum[0] === 'number'
        ? 'number'
        : typeof s.enum[0]
      : undefined;

/** A value of the schema's type: the first enum value, or a plain sample. */
export function sample(schema: Record<string, unknown> | undefined): unknown {
  if (schema && Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  switch (typeOf(schema)) {
    case 'integer':
      return 1;
    case 'number':
      return 1.5;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return requiredArgs(schema);
    default:
      return 'sample';
  }
}

/** Every required argument with a sample of its type. */
export function requiredArgs(schema: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const props = isObject(schema?.properties) ? schema.properties : {};
  for (const name of Array.isArray(schema?.required) ? schema.required : []) {
    if (typeof name === 'string') out[name] = sample(isObject(props[name]) ? props[name] : undefined);
  }
  return out;
}

function setPath(args: Record<string, unknown>, path: string, value: unknown) {
  const segs = path.split('.').slice(1);
  let cur = args;
  for (const seg of segs.slice(0, -1)) {
    if (!isObject(cur[seg])) cur[seg] = {};
    cur = cur[seg] as Record<string, unknown>;
  }
  cur[segs.at(-1)!] = value;
}

function deletePath(args: Record<string, unknown>, path: string) {
  const segs = path.split('.').slice(1);
  let cur: unknown = args;
  for (const seg of segs.slice(0, -1)) {
    if (!isObject(cur)) return;
    cur = cur[seg];
  }
  if (isObject(cur)) delete cur[segs.at(-1)!];
}

const REGEX_CANDIDATES = [
  'sample',
  'abc',
  'ABC',
  'a1_-',
  '',
  'x',
  '../../x',
  'tmp',
  'admin',
  'https://example.com/',
  '0',
];

/** Strings that match and do not match a pattern, tried from a few candidates and the pattern's own literal text. */
function regexStrings(pattern: string): { match?: string; miss?: string } {
  const re = new RegExp(pattern, 'u');
  const literal = pattern.replace(/^\^|\$$/g, '').replace(/\\(.)/g, '$1');
  const alternatives = literal.split('|');
  const candidates = [...alternatives, ...REGEX_CANDIDATES, `${literal}zz`, `zz${literal}`];
  return { match: candidates.find((c) => re.test(c)), miss: candidates.find((c) => !re.test(c)) };
}

function differentFrom(v: unknown, type: string | undefined): unknown {
  if (typeof v === 'number') return v + 1;
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'string') return `${v}-other`;
  return type === 'integer' || type === 'number' ? 7 : type === 'boolean' ? true : 'other';
}

function notIn(list: unknown[], type: string | undefined): unknown {
  if (type === 'integer' || type === 'number')
    return Math.max(0, ...list.filter((x): x is number => typeof x === 'number')) + 1;
  if (type === 'boolean') return [true, false].find((b) => !list.includes(b)) ?? 'other';
  let s = 'not-listed';
  while (list.includes(s)) s += '-x';
  return s;
}

/** Makes `c` hold (`want` true) or fail (`want` false) in `args`; false when it cannot. */
export function force(args: Record<string, unknown>, c: Condition, schema: unknown, want: boolean): boolean {
  const prop = propSchema(schema, c.path);
  const type = typeOf(prop);
  const v = c.value;
  const set = (x: unknown) => (setPath(args, c.path, x), true);
  switch (c.op) {
    case 'exists':
      if (v === want) return set(sample(prop));
      deletePath(args, c.path);
      return true;
    case 'eq':
      return set(want ? v : differentFrom(v, type));
    case 'neq':
      return set(want ? differentFrom(v, type) : v);
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const n = v as number;
      // [a value that holds, a value that fails], integers, so they fit integer and number arguments alike.
      const holds = {
        lt: [Math.ceil(n) - 1, Math.ceil(n)],
        lte: [Math.floor(n), Math.floor(n) + 1],
        gt: [Math.floor(n) + 1, Math.floor(n)],
        gte: [Math.ceil(n), Math.ceil(n) - 1],
      }[c.op];
      return set(want ? holds[0] : holds[1]);
    }
    case 'in':
      return set(want ? (v as unknown[])[0] : notIn(v as unknown[], type));
    case 'not_in':
      return set(want ? notIn(v as unknown[], type) : (v as unknown[])[0]);
    case 'regex': {
      const s = regexStrings(v as string);
      const pick = want ? s.match : s.miss;
      return pick === undefined ? false : set(pick);
    }
    case 'contains':
      if (type === 'array') return set(want ? [v] : []);
      return set(want ? `x${v as string}x` : (v as string) === '' ? false : 'zzz'.replace(v as string, ''));
  }
}

/** Labels of the calls whose values a gateway may not pass on as sent. */
export const HOSTILE_LABEL = 'hostile: ';
const HOSTILE: [string, unknown][] = [
  ['null', null],
  ['a string', '42'],
  ['a number', 42],
  ['a boolean', true],
  ['an array', ['x']],
  ['an object', { x: 1 }],
  ['a fraction', 100.5],
  ['a huge number', 1e16],
  ['a huge negative number', -1e16],
];

/** The corpus for one tool under `policy` (see the module comment). */
export function corpusFor(policy: Policy, tool: ToolInfo, serverTools: ToolInfo[]): CorpusCall[] {
  const schema = tool.inputSchema ?? { type: 'object' };
  const rule =
    policy.tools && Object.prototype.hasOwnProperty.call(policy.tools, tool.name) ? policy.tools[tool.name] : undefined;
  const base = requiredArgs(schema);
  const allowed = clone(base);
  for (const c of rule?.require ?? []) force(allowed, c, schema, true);
  for (const d of rule?.deny_if ?? []) if (d.conditions[0]) force(allowed, d.conditions[0], schema, false);
  const calls: CorpusCall[] = [{ label: 'allowed', tool: tool.name, args: allowed }];
  (rule?.require ?? []).forEach((c, i) => {
    const args = clone(allowed);
    if (force(args, c, schema, false)) calls.push({ label: `require[${i}] fails`, tool: tool.name, args });
  });
  (rule?.deny_if ?? []).forEach((d, i) => {
    const args = clone(allowed);
    if (d.conditions.every((c) => force(args, c, schema, true)))
      calls.push({ label: `deny_if[${i}] matches`, tool: tool.name, args });
  });
  // Values a gateway may not pass to Cedar as sent: each argument a condition reads, given null,
  // another type, an array, a fraction or a number beyond Cedar's range. The evaluator's answer
  // stands; an export may deny more, never allow more.
  const paths = new Set(
    [...(rule?.require ?? []), ...(rule?.deny_if ?? []).flatMap((d) => d.conditions)].map((c) => c.path),
  );
  for (const path of paths)
    for (const [what, value] of HOSTILE) {
      const args = clone(allowed);
      setPath(args, path, value);
      calls.push({ label: `${HOSTILE_LABEL}${path} ${what}`, tool: tool.name, args });
    }
  calls.push({ label: 'no arguments', tool: tool.name, args: {} });
  calls.push({ label: 'arguments absent', tool: tool.name });
  for (const name of policy.hide ?? [])
    if (name !== '*')
      calls.push({
        label: `hidden tool ${name}`,
        tool: name,
        args: requiredArgs(serverTools.find((t) => t.name === name)?.inputSchema),
      });
  if (policy.default === 'deny')
    calls.push({ label: 'a tool the policy does not list', tool: 'not_a_listed_tool', args: {} });
  return calls;
}
