import type { z } from 'astro/zod';
import { policySchema, expectedValue, OPERATORS, type Operator, type Policy } from '#src/model/policy.ts';
import { zodProblems, formatPath, showValue, valueAt, type Problem } from '#src/model/problems.ts';
import { checkRegex } from './regex.ts';
import { plausible } from './suggest.ts';
import { isObject } from '#src/model/object.ts';

/** The keys allowed in each kind of object, to suggest the right spelling of an unknown key. */
const KEYS = {
  policy: ['version', 'default', 'hide', 'all_tools', 'tools'],
  allTools: ['limits'],
  rule: ['require', 'deny_if', 'limits'],
  deny: ['conditions', 'on_deny'],
  condition: ['path', 'op', 'value'],
  limit: ['counter', 'window', 'max', 'scope'],
};

function keysAt(path: ReadonlyArray<PropertyKey>): string[] {
  const p = path.map(String);
  if (p.length === 0) return KEYS.policy;
  if (p.length === 1 && p[0] === 'all_tools') return KEYS.allTools;
  if (p.length === 2 && p[0] === 'tools') return KEYS.rule;
  const parent = p[p.length - 2];
  if (parent === 'deny_if') return KEYS.deny;
  if (parent === 'require' || parent === 'conditions') return KEYS.condition;
  if (parent === 'limits') return KEYS.limit;
  return [];
}

/**
 * zod issues as Problems with the code `policy-schema`. Adds what the shared helper cannot know:
 * the likely spelling of an unknown key, and what a missing `value` must be for its operator.
 */
function schemaProblems(error: z.ZodError, input: unknown): Problem[] {
  const problems = zodProblems(error, input, 'policy-schema');
  return error.issues.map((issue, i) => {
    const problem = problems[i]!;
    if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) {
      const hint = plausible(
        issue.keys[0]!,
        keysAt(issue.path).filter(
          (k) => !(isObject(valueAt(input, issue.path)) && k in (valueAt(input, issue.path) as object)),
        ),
      );
      if (hint) return { ...problem, message: `${problem.message} Did you mean "${hint}"?` };
    }
    if (issue.code === 'invalid_type' && issue.expected === 'nonoptional' && issue.path.at(-1) === 'value') {
      const op = valueAt(input, [...issue.path.slice(0, -1), 'op']);
      const what =
        typeof op === 'string' && (OPERATORS as readonly string[]).includes(op)
          ? ` With "${op}" it must be ${expectedValue(op as Operator)}.`
          : '';
      return {
        ...problem,
        message: `"${formatPath(issue.path)}" is required but missing. Add the value the condition compares with.${what}`,
      };
    }
    if (issue.code === 'invalid_type' && problem.value === undefined && !/^[a-z]+$/.test(issue.expected)) {
      return { ...problem, message: `"${formatPath(issue.path)}" is required but missing. Add it.` };
    }
    const where = `"${formatPath(issue.path)}"`;
    if (issue.code === 'invalid_value' && problem.value === undefined) {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(issue.values.length === 2 ? ' or ' : ', ');
      return { ...problem, message: `${where} is required but missing. Add it with the value ${allowed}.` };
    }
    if (issue.code === 'invalid_type' && issue.expected === 'record') {
      return { ...problem, message: problem.message.replaceAll('a record', 'an object') };
    }
    if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) {
      return { ...problem, message: `${where} is empty. Write some text there.` };
    }
    if (issue.code === 'invalid_key') {
      const inner = issue.issues[0]?.message ?? 'The key is not allowed.';
      return {
        ...problem,
        value: issue.path.at(-1),
        message: `The name ${showValue(issue.path.at(-1))} at "${formatPath(issue.path)}" is not allowed. ${inner}`,
      };
    }
    return problem;
  });
}

/**
 * Checks zod cannot express, run on the raw input so that they are reported together with
 * shape errors: each regex compiles as RE2, and counter names are unique within one tool
 * rule and within all_tools. Parts with the wrong shape are skipped (zod reports those).
 */
function extraProblems(input: unknown): Problem[] {
  const problems: Problem[] = [];
  if (!isObject(input)) return problems;

  const conditions = (list: unknown, at: PropertyKey[]) => {
    if (!Array.isArray(list)) return;
    list.forEach((c, i) => {
      if (!isObject(c) || c.op !== 'regex' || typeof c.value !== 'string') return;
      const verdict = checkRegex(c.value);
      if (verdict.ok) return;
      const path = formatPath([...at, i, 'value']);
      problems.push({
        code: 'policy-bad-regex',
        path,
        value: c.value,
        message: `The regex ${showValue(c.value)} at "${path}" is not a pattern RE2 accepts (${verdict.reason}). Regex values use RE2 syntax, which has no backreferences and no lookaround; rewrite the pattern without them.`,
      });
    });
  };
  const limits = (list: unknown, at: PropertyKey[], owner: string) => {
    if (!Array.isArray(list)) return;
    const seen = new Map<string, number>();
    list.forEach((l, i) => {
      if (!isObject(l) || typeof l.counter !== 'string') return;
      const first = seen.get(l.counter);
      if (first === undefined) {
        seen.set(l.counter, i);
        return;
      }
      const path = formatPath([...at, i, 'counter']);
      problems.push({
        code: 'policy-duplicate-counter',
        path,
        value: l.counter,
        message: `The counter "${l.counter}" at "${path}" is already used by "${formatPath([...at, first])}" in ${owner}. Give each limit there its own counter name, for example "${l.counter}_${i}".`,
      });
    });
  };

  if (isObject(input.all_tools)) limits(input.all_tools.limits, ['all_tools', 'limits'], 'all_tools');
  if (isObject(input.tools)) {
    // zod drops this key without a word, so a rule written under it would silently vanish.
    if (Object.prototype.hasOwnProperty.call(input.tools, '__proto__')) {
      problems.push({
        code: 'policy-schema',
        path: 'tools.__proto__',
        value: '__proto__',
        message:
          'The name "__proto__" cannot be used under "tools", because JavaScript objects cannot hold it as data. Hide that tool, or rely on "default" for it.',
      });
    }
    for (const [name, rule] of Object.entries(input.tools)) {
      if (!isObject(rule)) continue;
      conditions(rule.require, ['tools', name, 'require']);
      if (Array.isArray(rule.deny_if)) {
        rule.deny_if.forEach((d, i) => {
          if (isObject(d)) conditions(d.conditions, ['tools', name, 'deny_if', i, 'conditions']);
        });
      }
      limits(rule.limits, ['tools', name, 'limits'], `the rule for "${name}"`);
    }
  }
  return problems;
}

/**
 * Shape (zod, strict: unknown keys are errors) plus RE2 regex compilation and unique counters.
 * Problems carry the codes `policy-schema`, `policy-bad-regex` and `policy-duplicate-counter`.
 * `policy` is returned only when there are no problems at all; `shaped`, when the shape is right
 * but a regex or a counter is not, so the checks that read only the shape can still report.
 */
export function parsePolicy(input: unknown): { policy?: Policy; shaped?: Policy; problems: Problem[] } {
  const result = policySchema.safeParse(input);
  const problems = [...(result.success ? [] : schemaProblems(result.error, input)), ...extraProblems(input)];
  if (result.success && problems.length === 0) return { policy: result.data, problems };
  return result.success ? { shaped: result.data, problems } : { problems };
}
