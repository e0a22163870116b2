import { z } from 'astro/zod';
import { TOOL_NAME_PATTERN } from './tool.ts';

/**
 * The policy language, version "1", as the site's /policy-language/ page explains it to readers
 * (content/pages/policy-language.mdx). This module holds the shape only; `src/policy/` adds the
 * checks zod cannot express on its own (regex compile and safety, duplicate counters), the checks
 * against a server's tools, and the evaluator.
 */

export const OPERATORS = [
  'eq',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'not_in',
  'exists',
  'regex',
  'contains',
] as const;
export type Operator = (typeof OPERATORS)[number];

export const WINDOWS = ['minute', 'hour', 'day'] as const;
export type Window = (typeof WINDOWS)[number];

/** `args` then one or more `.<field>` segments. */
export const CONDITION_PATH_PATTERN = /^args(\.[A-Za-z0-9_-]+)+$/;
export const COUNTER_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
export const REGEX_MAX_LENGTH = 256;
export const ON_DENY_MAX_LENGTH = 500;
export const LIMIT_MAX = 1_000_000;

/**
 * Length in Unicode code points, the unit of every length limit in the language (`on_deny` is
 * counted the same way by zod's `max`), so "😀" is one character, not two UTF-16 units.
 */
export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** What each operator accepts as `value`, as a test and the sentence that explains it. */
const VALUE_RULES: Record<Operator, { ok: (v: unknown) => boolean; expect: string }> = {
  eq: { ok: (v) => v === null || isScalar(v), expect: 'a string, a number, true, false or null' },
  neq: { ok: (v) => v === null || isScalar(v), expect: 'a string, a number, true, false or null' },
  lt: { ok: (v) => typeof v === 'number' && Number.isFinite(v), expect: 'a finite number' },
  lte: { ok: (v) => typeof v === 'number' && Number.isFinite(v), expect: 'a finite number' },
  gt: { ok: (v) => typeof v === 'number' && Number.isFinite(v), expect: 'a finite number' },
  gte: { ok: (v) => typeof v === 'number' && Number.isFinite(v), expect: 'a finite number' },
  in: {
    ok: (v) => Array.isArray(v) && v.length > 0 && v.every(isScalar),
    expect: 'a non-empty array of strings, numbers or booleans',
  },
  not_in: {
    ok: (v) => Array.isArray(v) && v.length > 0 && v.every(isScalar),
    expect: 'a non-empty array of strings, numbers or booleans',
  },
  exists: { ok: (v) => typeof v === 'boolean', expect: 'true or false' },
  regex: {
    ok: (v) => typeof v === 'string' && codePoints(v) <= REGEX_MAX_LENGTH,
    expect: `a string of at most ${REGEX_MAX_LENGTH} characters`,
  },
  contains: { ok: (v) => typeof v === 'string', expect: 'a string' },
};

/** The sentence that says what `value` must be for an operator; shared with the engine's messages. */
export function expectedValue(op: Operator): string {
  return VALUE_RULES[op].expect;
}

export type ConditionValue = string | number | boolean | null | Array<string | number | boolean>;

export const conditionSchema = z
  .strictObject({
    path: z.string().refine((p) => CONDITION_PATH_PATTERN.test(p), {
      message:
        'A condition path is "args" followed by one or more ".<field>" segments of letters, digits, "_" or "-", for example "args.amount" or "args.options.force". Write it in that form.',
    }),
    op: z.enum(OPERATORS),
    // Checked against `op` below, so the message can name the operator.
    value: z.custom<ConditionValue>(() => true),
  })
  .superRefine((c, ctx) => {
    const rule = VALUE_RULES[c.op];
    if (!rule.ok(c.value)) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `With the operator "${c.op}" the value must be ${rule.expect}. Change the value, or use an operator that fits it.`,
      });
    }
  });

export const limitSchema = z.strictObject({
  counter: z.string().refine((s) => COUNTER_PATTERN.test(s), {
    message: 'A counter name is 1 to 64 letters, digits, "_", ".", ":" or "-". Rename it, for example "X_rate".',
  }),
  window: z.enum(WINDOWS),
  max: z.number().refine((n) => Number.isInteger(n) && n >= 1 && n <= LIMIT_MAX, {
    message: `A limit's "max" is a whole number from 1 to ${LIMIT_MAX}. Change it to a whole number in that range.`,
  }),
  scope: z.literal('grant'),
});

export const denyRuleSchema = z.strictObject({
  conditions: z.array(conditionSchema),
  on_deny: z.string().min(1).max(ON_DENY_MAX_LENGTH),
});

export const toolRuleSchema = z.strictObject({
  require: z.array(conditionSchema).optional(),
  deny_if: z.array(denyRuleSchema).optional(),
  limits: z.array(limitSchema).optional(),
});

const toolNameMessage =
  'A tool name is 1 to 128 letters, digits, "_", "-" or "." (the MCP rule for tool names). Use the name exactly as the server lists it.';

export const hideSchema = z.array(z.string()).superRefine((names, ctx) => {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name === '*') {
      if (names.length > 1) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message:
            '"*" hides every tool, so it must be the only entry. Write exactly ["*"], or list tool names without "*".',
        });
      }
      return;
    }
    if (!TOOL_NAME_PATTERN.test(name)) {
      ctx.addIssue({ code: 'custom', path: [i], message: toolNameMessage });
      return;
    }
    if (seen.has(name)) {
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: `The tool "${name}" is listed twice under "hide". Remove the repeated entry.`,
      });
    }
    seen.add(name);
  });
});

export const policySchema = z.strictObject({
  version: z.literal('1'),
  default: z.enum(['allow', 'deny']),
  hide: hideSchema.optional(),
  all_tools: z.strictObject({ limits: z.array(limitSchema).optional() }).optional(),
  tools: z
    .record(
      z.string().refine((name) => TOOL_NAME_PATTERN.test(name), { message: toolNameMessage }),
      toolRuleSchema,
    )
    .optional(),
});

export type Policy = z.infer<typeof policySchema>;
export type ToolRule = z.infer<typeof toolRuleSchema>;
export type DenyRule = z.infer<typeof denyRuleSchema>;
export type Limit = z.infer<typeof limitSchema>;
export type Condition = z.infer<typeof conditionSchema>;
