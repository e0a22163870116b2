import type { Condition, Operator, Policy } from '#src/model/policy.ts';
import { showValue, type Problem } from '#src/model/problems.ts';
import { closest, plausible } from './suggest.ts';
import { isObject } from '#src/model/object.ts';

/** What the checks need to know about a tool of the server. */
export interface ToolInfo {
  name: string;
  inputSchema?: { properties?: Record<string, unknown>; required?: string[]; [key: string]: unknown };
}

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'array' | 'object';

/** The JSON types an argument's schema allows, from `type`, `enum`, `const`, `anyOf` and `oneOf`; empty when unknown. */
function typesOf(schema: unknown): Set<JsonType> {
  const out = new Set<JsonType>();
  if (!isObject(schema)) return out;
  const t = schema.type;
  for (const name of Array.isArray(t) ? t : t === undefined ? [] : [t])
    if (typeof name === 'string') out.add(name as JsonType);
  const values = [...(Array.isArray(schema.enum) ? schema.enum : []), ...('const' in schema ? [schema.const] : [])];
  for (const v of values) out.add(jsonType(v));
  for (const key of ['anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    const member = list.map(typesOf);
    if (member.some((s) => s.size === 0)) return new Set(); // one member accepts anything we can tell
    for (const s of member) for (const x of s) out.add(x);
  }
  if (out.has('integer')) out.add('number');
  return out;
}

function jsonType(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v as JsonType;
}

function fits(value: unknown, types: Set<JsonType>): boolean {
  const t = jsonType(value);
  return types.has(t) || (t === 'integer' && types.has('number'));
}

const OPERATORS_FOR: Record<string, string> = {
  string: '"eq", "neq", "in", "not_in", "regex", "contains" or "exists"',
  number: '"eq", "neq", "lt", "lte", "gt", "gte", "in", "not_in" or "exists"',
  boolean: '"eq", "neq" or "exists"',
  array: '"contains" or "exists"',
  object: '"exists" (or a condition on one of its fields)',
  null: '"eq", "neq" or "exists"',
};

/** The operators that fit an argument of these types, as words for a message. */
function fittingOperators(types: Set<JsonType>): string {
  return OPERATORS_FOR[[...types].find((t) => t !== 'integer' && t !== 'null') ?? [...types][0]!] ?? '"exists"';
}

function typeWords(types: Set<JsonType>): string {
  const list = [...types].filter((t) => !(t === 'number' && types.has('integer')));
  return list
    .map((t) => (t === 'array' || t === 'object' || t === 'integer' ? `an ${t}` : t === 'null' ? 'null' : `a ${t}`))
    .join(' or ');
}

/**
 * The schema for `args.a.b...`: `{ schema }` when found, `{ unknownAt }` (segment index) when a
 * declared object has no such property, `{ unknownAt, through }` when the segment before it is an
 * argument whose schema declares only types that have no fields (a string, a number, an array…),
 * `{}` when the schema says too little to tell.
 */
function argumentSchema(
  input: ToolInfo['inputSchema'],
  path: string,
): { schema?: unknown; unknownAt?: number; known?: string[]; through?: Set<JsonType> } {
  let schema: unknown = input;
  const segments = path.split('.').slice(1);
  for (const [i, segment] of segments.entries()) {
    if (!isObject(schema) || !isObject(schema.properties)) {
      // An argument declared as a string, a number, an array… has no fields a path can name.
      const types = i > 0 ? typesOf(schema) : new Set<JsonType>();
      if (types.size > 0 && !types.has('object')) return { unknownAt: i, through: types };
      return {};
    }
    const props = schema.properties;
    if (Object.prototype.hasOwnProperty.call(props, segment)) {
      schema = props[segment];
      continue;
    }
    // An object that also accepts other keys (a map) cannot be checked by name.
    if (
      isObject(schema.additionalProperties) ||
      schema.additionalProperties === true ||
      isObject(schema.patternProperties)
    )
      return {};
    return { unknownAt: i, known: Object.keys(props) };
  }
  return { schema };
}

function operatorProblems(tool: string, c: Condition, at: string, types: Set<JsonType>): Problem[] {
  const arg = c.path.slice('args.'.length);
  const is = `the argument "${arg}" of "${tool}" is ${typeWords(types)}`;
  const fitting = fittingOperators(types);
  const opProblem = (needs: string): Problem => ({
    code: 'policy-operator-type',
    path: `${at}.op`,
    value: c.op,
    message: `The operator "${c.op}" at "${at}.op" works on ${needs}, but ${is}. Use an operator that fits it: ${fitting}.`,
  });
  const numeric: Operator[] = ['lt', 'lte', 'gt', 'gte'];
  if (numeric.includes(c.op)) return types.has('number') ? [] : [opProblem('numbers')];
  if (c.op === 'regex') return types.has('string') ? [] : [opProblem('strings')];
  if (c.op === 'contains') return types.has('string') || types.has('array') ? [] : [opProblem('strings and arrays')];
  // eq, neq, in and not_in compare single values; their value cannot be an array or an object.
  if (![...types].some((t) => t !== 'array' && t !== 'object'))
    return [opProblem('strings, numbers, booleans and null')];
  const valueProblem = (value: unknown, path: string): Problem => ({
    code: 'policy-operator-type',
    path,
    value,
    message: `The value ${showValue(value)} at "${path}" can never match, because ${is}. Write the value as ${typeWords(types)}.`,
  });
  if (c.op === 'eq' || c.op === 'neq') return fits(c.value, types) ? [] : [valueProblem(c.value, `${at}.value`)];
  if (c.op === 'in' || c.op === 'not_in') {
    return (c.value as unknown[]).flatMap((v, i) => (fits(v, types) ? [] : [valueProblem(v, `${at}.value[${i}]`)]));
  }
  return [];
}

/**
 * Checks that need the server's tools: every tool named under `tools` and in `hide` exists
 * (`policy-unknown-tool`, suggesting the closest real name), no tool is both hidden and listed
 * (`policy-hidden-and-listed`; hiding "*" hides every listed tool too), and, where a tool's
 * input schema is known, every condition path names a declared argument
 * (`policy-unknown-argument`) and its operator and value fit the argument's JSON-schema type
 * (`policy-operator-type`).
 */
export function checkPolicyAgainstServer(policy: Policy, tools: ToolInfo[]): Problem[] {
  const problems: Problem[] = [];
  const names = tools.map((t) => t.name);
  const byName = new Map(tools.map((t) => [t.name, t]));
  const unknownTool = (name: string, path: string): Problem => {
    const hint = closest(name, names);
    return {
      code: 'policy-unknown-tool',
      path,
      value: name,
      message: `The tool "${name}" at "${path}" is not a tool of this server. ${hint ? `Did you mean "${hint}"? ` : ''}Use a tool name exactly as the server lists it${hint ? '' : ' (this server lists no tools)'}.`,
    };
  };

  const hidden = new Set<string>();
  (policy.hide ?? []).forEach((name, i) => {
    if (name === '*') return;
    hidden.add(name);
    if (!byName.has(name)) problems.push(unknownTool(name, `hide[${i}]`));
  });
  const hidesAll = (policy.hide ?? []).includes('*');

  for (const [name, rule] of Object.entries(policy.tools ?? {})) {
    const base = `tools.${name}`;
    const tool = byName.get(name);
    if (!tool) {
      problems.push(unknownTool(name, base));
      continue;
    }
    if (hidesAll || hidden.has(name)) {
      problems.push({
        code: 'policy-hidden-and-listed',
        path: base,
        value: name,
        message: `The tool "${name}" is hidden (${hidesAll ? '"hide" is ["*"]' : 'it is listed under "hide"'}) and also has a rule at "${base}", which can never apply. Remove the rule, or stop hiding the tool.`,
      });
      continue;
    }
    if (!tool.inputSchema) continue;
    const conditions: [Condition, string][] = [
      ...(rule.require ?? []).map((c, i): [Condition, string] => [c, `${base}.require[${i}]`]),
      ...(rule.deny_if ?? []).flatMap((d, j) =>
        d.conditions.map((c, i): [Condition, string] => [c, `${base}.deny_if[${j}].conditions[${i}]`]),
      ),
    ];
    for (const [c, at] of conditions) {
      const found = argumentSchema(tool.inputSchema, c.path);
      if (found.unknownAt !== undefined) {
        const segments = c.path.split('.');
        const bad = segments[found.unknownAt + 1]!;
        if (found.through) {
          const parent = segments.slice(1, found.unknownAt + 1).join('.');
          problems.push({
            code: 'policy-unknown-argument',
            path: `${at}.path`,
            value: c.path,
            message: `The path "${c.path}" at "${at}.path" names the argument "${segments.slice(1, found.unknownAt + 2).join('.')}", which "${name}" does not take: "${parent}" is ${typeWords(found.through)}, which has no field "${bad}", so the path is never present in a call. Put the condition on "args.${parent}" itself, with an operator that fits it: ${fittingOperators(found.through)}.`,
          });
          continue;
        }
        const hint = plausible(bad, found.known ?? []);
        const known = found.known?.length
          ? `It takes: ${found.known.map((k) => `"${k}"`).join(', ')}.`
          : 'It declares no arguments there.';
        problems.push({
          code: 'policy-unknown-argument',
          path: `${at}.path`,
          value: c.path,
          message: `The path "${c.path}" at "${at}.path" names the argument "${segments.slice(1, found.unknownAt + 2).join('.')}", which "${name}" does not take. ${hint ? `Did you mean "${[...segments.slice(0, found.unknownAt + 1), hint].join('.')}"? ` : ''}${known}`,
        });
        continue;
      }
      if (c.op === 'exists' || found.schema === undefined) continue;
      const types = typesOf(found.schema);
      if (types.size > 0) problems.push(...operatorProblems(name, c, at, types));
    }
  }
  return problems;
}
