import type { Condition, Limit, Policy, Window } from '#src/model/policy.ts';
import { showValue } from '#src/model/problems.ts';
import { regexMatches } from './regex.ts';

export interface Decision {
  decision: 'allowed' | 'denied' | 'hidden' | 'rate-limited';
  /**
   * JSON path of the rule that decided: 'hide', 'tools.X.require[0]', 'tools.X.deny_if[1]',
   * 'tools.X.limits[0]', 'all_tools.limits[0]', 'tools.X' (allowed by the tool's rule) or
   * 'default'.
   */
  rule: string;
  /** One or two sentences for the agent (denials) or the user (allowed). */
  message: string;
  /** When allowed: the counter keys (see `counterKey`) the caller must increment by one. */
  count?: string[];
}

export interface Call {
  tool: string;
  args?: Record<string, unknown>;
}

/** One limit that applies to a call, with the key its counter is stored under. */
export interface AppliedLimit {
  key: string;
  /** JSON path of the limit, e.g. `tools.X.limits[0]` or `all_tools.limits[1]`. */
  rule: string;
  counter: string;
  window: Window;
  max: number;
}

/**
 * The key under which the caller stores a counter: the owner of the limit, a slash, and the
 * counter's name. `tools.<tool>/<counter>` for a tool rule's limit, `all_tools/<counter>` for a
 * quota across all tools. Neither tool names nor counter names may contain "/", and the owners
 * differ, so a tool's counter and an all_tools counter with the same name never share a key.
 *
 * The caller keeps one value per key and per calendar window (UTC minute, hour or day, as the
 * limit says; `limitsFor` tells which) and passes the current window's values to `evaluate`.
 * The evaluator reads no clock and stores nothing.
 */
export function counterKey(owner: { tool: string } | 'all_tools', counter: string): string {
  return owner === 'all_tools' ? `all_tools/${counter}` : `tools.${owner.tool}/${counter}`;
}

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function isHidden(policy: Policy, tool: string): boolean {
  return (policy.hide ?? []).some((name) => name === '*' || name === tool);
}

/** The limits that count a call to `tool`, tool rule first, then all_tools (evaluation order). */
export function limitsFor(policy: Policy, tool: string): AppliedLimit[] {
  const out: AppliedLimit[] = [];
  const rule = policy.tools && own(policy.tools, tool) ? policy.tools[tool] : undefined;
  const add = (limits: Limit[] | undefined, owner: { tool: string } | 'all_tools', base: string) =>
    (limits ?? []).forEach((l, i) =>
      out.push({
        key: counterKey(owner, l.counter),
        rule: `${base}.limits[${i}]`,
        counter: l.counter,
        window: l.window,
        max: l.max,
      }),
    );
  if (rule) add(rule.limits, { tool }, `tools.${tool}`);
  if (rule || policy.default === 'allow') add(policy.all_tools?.limits, 'all_tools', 'all_tools');
  return out;
}

/** Looks up `args.a.b`; `present` is false when any segment is missing. Only own keys of plain objects are followed. */
export function resolvePath(
  args: Record<string, unknown> | undefined,
  path: string,
): { present: boolean; value?: unknown } {
  let current: unknown = args ?? {};
  for (const segment of path.split('.').slice(1)) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !own(current, segment))
      return { present: false };
    current = (current as Record<string, unknown>)[segment];
  }
  return current === undefined ? { present: false } : { present: true, value: current };
}

const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null;

/**
 * Whether one condition holds for the call's arguments.
 * - An absent path fails every operator except `exists: false`, which then holds.
 * - Comparisons are strict: no type coercion (`"5"` is not `5`); `lt`..`gte` need a number.
 * - `neq` and `not_in` hold for any present value that differs, objects and arrays included.
 * - `regex` needs a string argument; `contains` a string (substring) or an array (element).
 */
export function conditionHolds(condition: Condition, args: Record<string, unknown> | undefined): boolean {
  const { present, value } = resolvePath(args, condition.path);
  const v = condition.value;
  if (condition.op === 'exists') return present === v;
  if (!present) return false;
  switch (condition.op) {
    case 'eq':
      return isScalar(value) && value === v;
    case 'neq':
      return !(isScalar(value) && value === v);
    case 'lt':
      return typeof value === 'number' && value < (v as number);
    case 'lte':
      return typeof value === 'number' && value <= (v as number);
    case 'gt':
      return typeof value === 'number' && value > (v as number);
    case 'gte':
      return typeof value === 'number' && value >= (v as number);
    case 'in':
      return isScalar(value) && (v as unknown[]).some((x) => x === value);
    case 'not_in':
      return !(isScalar(value) && (v as unknown[]).some((x) => x === value));
    case 'regex':
      return typeof value === 'string' && regexMatches(v as string, value);
    case 'contains':
      if (typeof value === 'string') return value.includes(v as string);
      if (Array.isArray(value)) return value.some((x) => x === v);
      return false;
  }
}

const OP_WORDS: Record<Condition['op'], string> = {
  eq: 'be equal to',
  neq: 'not be equal to',
  lt: 'be less than',
  lte: 'be at most',
  gt: 'be greater than',
  gte: 'be at least',
  in: 'be one of',
  not_in: 'be none of',
  exists: 'be present',
  regex: 'match the pattern',
  contains: 'contain',
};

function describeRequirement(c: Condition): string {
  if (c.op === 'exists') return c.value ? `"${c.path}" must be present` : `"${c.path}" must be absent`;
  return `"${c.path}" must ${OP_WORDS[c.op]} ${showValue(c.value)}`;
}

/**
 * Decides one `tools/call` under a policy (POLICY-LANGUAGE.md, "Evaluation of one call").
 * Pure: the same policy, call and counters always give the same decision. `counters` holds the
 * current window's value for each key (see `counterKey`); a missing key counts as 0. A call is
 * rate-limited when its counter is already at `max` (this call would take it past `max`); at
 * `max - 1` it is allowed and brings the counter to `max`.
 */
export function evaluate(policy: Policy, call: Call, counters: Record<string, number> = {}): Decision {
  const { tool, args } = call;
  if (isHidden(policy, tool)) {
    return {
      decision: 'hidden',
      rule: 'hide',
      message: `The tool "${tool}" is hidden by this policy: it is not listed to the agent and every call to it is denied.`,
    };
  }
  const rule = policy.tools && own(policy.tools, tool) ? policy.tools[tool] : undefined;
  if (rule) {
    const base = `tools.${tool}`;
    for (const [i, c] of (rule.require ?? []).entries()) {
      if (!conditionHolds(c, args)) {
        const actual = resolvePath(args, c.path);
        const was = actual.present ? `it is ${showValue(actual.value)}` : 'it is missing';
        return {
          decision: 'denied',
          rule: `${base}.require[${i}]`,
          message: `The call to "${tool}" is denied: requirement not met: ${describeRequirement(c)}, but ${was}.`,
        };
      }
    }
    for (const [i, d] of (rule.deny_if ?? []).entries()) {
      if (d.conditions.every((c) => conditionHolds(c, args))) {
        return { decision: 'denied', rule: `${base}.deny_if[${i}]`, message: d.on_deny };
      }
    }
  } else if (policy.default === 'deny') {
    return {
      decision: 'denied',
      rule: 'default',
      message: `The call to "${tool}" is denied: the policy has no rule for this tool and denies by default.`,
    };
  }
  const limits = limitsFor(policy, tool);
  for (const limit of limits) {
    const used = counters[limit.key] ?? 0;
    if (used + 1 > limit.max) {
      return {
        decision: 'rate-limited',
        rule: limit.rule,
        message: `The call to "${tool}" is rate-limited: the counter "${limit.counter}" allows ${limit.max} call${limit.max === 1 ? '' : 's'} per ${limit.window} and ${used} ${used === 1 ? 'has' : 'have'} been made. Try again in the next ${limit.window}.`,
      };
    }
  }
  return {
    decision: 'allowed',
    rule: rule ? `tools.${tool}` : 'default',
    message: rule
      ? `The call to "${tool}" is allowed by its rule.`
      : `The call to "${tool}" is allowed: the policy has no rule for this tool and allows by default.`,
    count: limits.map((l) => l.key),
  };
}
