import RandExp from 'randexp';
import type { Condition, Policy } from '#src/model/policy.ts';
import type { RiskLevel } from '#src/model/taxonomy.ts';
import { showValue, type Problem } from '#src/model/problems.ts';
import { evaluate, limitsFor, type Decision } from './evaluate.ts';
import { regexMatches } from './regex.ts';
import { RECOMMENDED_MAX, rateCounter } from './recommended.ts';
import type { ToolInfo } from './server.ts';
import { isObject } from '#src/model/object.ts';

export interface PromisedTool extends ToolInfo {
  risk: RiskLevel;
}

/** A plausible value for an argument: its default, const, first enum value or example, else one of its type. */
function sampleValue(schema: unknown): unknown {
  if (!isObject(schema)) return 'example';
  if ('default' in schema) return schema.default;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'number':
    case 'integer':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return sampleArgs(schema);
    case 'null':
      return null;
    default:
      return 'example';
  }
}

/** Arguments for a typical call: every required argument, with a sample value. */
function sampleArgs(inputSchema: ToolInfo['inputSchema']): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const props = isObject(inputSchema?.properties) ? inputSchema.properties : {};
  for (const name of inputSchema?.required ?? [])
    put(args, name, sampleValue(Object.hasOwn(props, name) ? props[name] : undefined));
  return args;
}

/**
 * A string an RE2 pattern matches, when one can be built: randexp's first choice at every turn
 * (the lowest character of a class, the first alternative, the fewest repetitions). Randexp reads
 * JavaScript's syntax, so RE2's own spellings of flags, named groups and text anchors are
 * translated first; a pattern it cannot read gives nothing. The evaluator, which runs RE2, has the
 * last word on whether the string matches.
 */
export function matchingString(pattern: string): string | undefined {
  const flags = /^\(\?([imsU]+)\)/.exec(pattern);
  const source = pattern
    .slice(flags?.[0].length ?? 0)
    .replace(/\(\?P</g, '(?<')
    .replace(/(^|[^\\])\\A/g, (_, before: string) => `${before}^`)
    .replace(/(^|[^\\])\\z/g, (_, before: string) => `${before}$`);
  try {
    const generator = new RandExp(source, flags?.[1]!.includes('i') ? 'i' : undefined);
    generator.randInt = (low: number) => low;
    generator.max = 1;
    return generator.gen();
  } catch {
    return undefined;
  }
}

/** A value that satisfies one condition, when one can be derived from the condition alone. */
function satisfying(c: Condition, current: unknown): { set: unknown } | { remove: true } | undefined {
  const v = c.value;
  switch (c.op) {
    case 'eq':
    case 'gte':
    case 'lte':
      return { set: v };
    case 'gt':
      return { set: (v as number) + 1 };
    case 'lt':
      return { set: (v as number) - 1 };
    case 'in':
      return { set: (v as unknown[])[0] };
    case 'neq':
      if (current !== undefined && current !== v) return undefined;
      return { set: typeof v === 'number' ? v + 1 : typeof v === 'boolean' ? !v : `${String(v)}_other` };
    case 'not_in':
      if (current !== undefined && !(v as unknown[]).includes(current)) return undefined;
      return { set: `${(v as unknown[]).map(String).join('_')}_other` };
    case 'exists':
      return v ? (current === undefined ? { set: 'example' } : undefined) : { remove: true };
    case 'contains':
      return { set: Array.isArray(current) ? [...current, v] : `${String(v)}` };
    case 'regex': {
      // A value an earlier pattern on the same argument gave is kept when this one matches it too.
      if (typeof current === 'string' && regexMatches(v as string, current)) return undefined;
      const text = matchingString(v as string);
      return text === undefined ? undefined : { set: text };
    }
  }
}

/**
 * Sets an own property, as JSON.parse would: a key such as "__proto__" (a valid path segment) is
 * data, never the object's prototype, so no call built here can reach Object.prototype.
 */
function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The object a path's last segment lives in, inside a copy of `args`, made up of own objects. */
function parentIn(args: Record<string, unknown>, segments: string[]): Record<string, unknown> {
  let parent = args;
  for (const s of segments.slice(0, -1)) {
    if (!Object.hasOwn(parent, s) || !isObject(parent[s])) put(parent, s, {});
    parent = parent[s] as Record<string, unknown>;
  }
  return parent;
}

function withCondition(args: Record<string, unknown>, c: Condition): Record<string, unknown> {
  const out = structuredClone(args);
  const segments = c.path.split('.').slice(1);
  const parent = parentIn(out, segments);
  const last = segments.at(-1)!;
  const change = satisfying(c, Object.hasOwn(parent, last) ? parent[last] : undefined);
  if (!change) return out;
  if ('remove' in change) delete parent[last];
  else put(parent, last, change.set);
  return out;
}

/** The schema an input schema declares for `args.a.b...`, when its `properties` lead there. */
function schemaAt(inputSchema: ToolInfo['inputSchema'], path: string): unknown {
  let schema: unknown = inputSchema;
  for (const segment of path.split('.').slice(1)) {
    if (!isObject(schema) || !isObject(schema.properties) || !Object.hasOwn(schema.properties, segment))
      return undefined;
    schema = schema.properties[segment];
  }
  return schema;
}

/** `args` with the argument at `path` present: kept when it already is, else a sample value of its schema. */
function withPresent(
  args: Record<string, unknown>,
  path: string,
  inputSchema: ToolInfo['inputSchema'],
): Record<string, unknown> {
  const out = structuredClone(args);
  const segments = path.split('.').slice(1);
  const parent = parentIn(out, segments);
  const last = segments.at(-1)!;
  if (!Object.hasOwn(parent, last)) put(parent, last, sampleValue(schemaAt(inputSchema, path)));
  return out;
}

/** Up to this many `deny_if` paths, every combination of them is tried; beyond it, each alone and all together. */
const MAX_SUBSET_PATHS = 6;

/**
 * Calls worth trying: a typical call that meets every `require` condition (when that can be
 * derived), the typical call itself, and a call with no arguments. A `deny_if` rule can hold
 * exactly when an optional argument is absent (`exists: false`, say), so calls that make the
 * arguments named by `deny_if` conditions present (every combination of them, or each alone and
 * all together when there are many) are tried too, and a call with every argument the schema
 * declares; those calls meet the `require` conditions as well, with the same witness values.
 */
function candidateCalls(policy: Policy, tool: PromisedTool): Record<string, unknown>[] {
  const base = sampleArgs(tool.inputSchema);
  const rule =
    policy.tools && Object.prototype.hasOwnProperty.call(policy.tools, tool.name) ? policy.tools[tool.name] : undefined;
  const meetRequire = (args: Record<string, unknown>) => {
    let out = args;
    for (const c of rule?.require ?? []) out = withCondition(out, c);
    return out;
  };
  const meeting = meetRequire(base);
  const calls = [meeting, base, {}];

  const denyPaths = [...new Set((rule?.deny_if ?? []).flatMap((d) => d.conditions.map((c) => c.path)))];
  const subsets =
    denyPaths.length <= MAX_SUBSET_PATHS
      ? Array.from({ length: 2 ** denyPaths.length - 1 }, (_, n) => denyPaths.filter((_, i) => (n + 1) & (1 << i)))
      : [...denyPaths.map((p) => [p]), denyPaths];
  for (const paths of subsets)
    calls.push(meetRequire(paths.reduce((args, p) => withPresent(args, p, tool.inputSchema), base)));

  const props = isObject(tool.inputSchema?.properties) ? tool.inputSchema.properties : {};
  const everything = { ...base };
  for (const [name, schema] of Object.entries(props))
    if (!Object.hasOwn(everything, name)) put(everything, name, sampleValue(schema));
  calls.push(meetRequire(everything), everything);
  return calls;
}

function rulePath(policy: Policy, tool: string): string {
  if (policy.tools && Object.prototype.hasOwnProperty.call(policy.tools, tool)) return `tools.${tool}`;
  const i = (policy.hide ?? []).findIndex((n) => n === tool || n === '*');
  return i >= 0 ? `hide[${i}]` : 'default';
}

function outcome(d: Decision): string {
  return `${d.decision === 'allowed' ? 'allows' : d.decision === 'hidden' ? 'hides' : 'denies'} it (rule "${d.rule}")`;
}

/**
 * Runs the evaluator to check that a tool's rule does what its risk level promises:
 * - Low: a call is allowed;
 * - Medium and High: a call is allowed, is counted by at least one limit, and is rate-limited
 *   once that counter is at its `max` (and still allowed one below it);
 * - Critical: no call is allowed (hidden, or denied, for example pending a person's approval).
 * The calls tried are built from the tool's input schema, the rule's own `require` conditions
 * and the arguments its `deny_if` conditions name (see `candidateCalls`). They are samples, not
 * a proof: a Critical rule that denies only some values of an argument the samples do not hit
 * can still pass. Problems have the code `policy-risk-mismatch` and point at the tool's entry.
 */
export function checkRiskPromise(policy: Policy, tool: PromisedTool): Problem[] {
  const path = rulePath(policy, tool.name);
  const calls = candidateCalls(policy, tool);
  const decisions = calls.map((args) => ({ args, d: evaluate(policy, { tool: tool.name, args }) }));
  const allowed = decisions.find((x) => x.d.decision === 'allowed');
  const problem = (message: string): Problem[] => [{ code: 'policy-risk-mismatch', path, value: tool.name, message }];
  const name = `"${tool.name}"`;

  if (tool.risk === 'Critical') {
    if (!allowed) return [];
    return problem(
      `${name} is a Critical-risk tool, so its rule must never allow a call, but the call with arguments ${showValue(allowed.args)} is allowed by "${allowed.d.rule}". Hide the tool ("hide": ["${tool.name}"]) or give it a "deny_if" rule with no conditions that asks for a person's approval.`,
    );
  }
  if (!allowed) {
    const first = decisions[0]!.d;
    const fix =
      tool.risk === 'Low'
        ? `give it a rule that allows the call, such as "tools": { "${tool.name}": {} }`
        : `give it a rule with a limit, such as "tools": { "${tool.name}": { "limits": [ { "counter": "${rateCounter(tool.name)}", "window": "minute", "max": ${tool.risk === 'High' ? RECOMMENDED_MAX.Execute : RECOMMENDED_MAX.Write}, "scope": "grant" } ] } }`;
    return problem(
      `${name} is a ${tool.risk}-risk tool, so its rule must allow a call${tool.risk === 'Low' ? '' : ' under a limit'}, but the policy ${outcome(first)}: ${first.message} To fix it, ${fix}.`,
    );
  }
  if (tool.risk === 'Low') return [];

  const limits = limitsFor(policy, tool.name);
  if (limits.length === 0) {
    return problem(
      `${name} is a ${tool.risk}-risk tool, so its rule must carry a limit, but calls are allowed without one. Add "limits": [ { "counter": "${rateCounter(tool.name)}", "window": "minute", "max": ${tool.risk === 'High' ? RECOMMENDED_MAX.Execute : RECOMMENDED_MAX.Write}, "scope": "grant" } ] to the rule at "${path}".`,
    );
  }
  const out: Problem[] = [];
  for (const limit of limits) {
    const below = evaluate(policy, { tool: tool.name, args: allowed.args }, { [limit.key]: limit.max - 1 });
    const at = evaluate(policy, { tool: tool.name, args: allowed.args }, { [limit.key]: limit.max });
    if (below.decision !== 'allowed' || at.decision !== 'rate-limited') {
      out.push(
        ...problem(
          `${name} is a ${tool.risk}-risk tool, so a call must be allowed below the limit "${limit.rule}" and rate-limited at its max of ${limit.max}, but the evaluator gave "${below.decision}" and "${at.decision}". Check the rule at "${path}".`,
        ),
      );
    }
  }
  return out;
}
