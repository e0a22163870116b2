import type { Category } from '#src/model/taxonomy.ts';
import type { Policy, ToolRule } from '#src/model/policy.ts';

/** Calls per minute allowed by the recommended rule of a Write (Medium) and an Execute (High) tool. */
export const RECOMMENDED_MAX = { Write: 30, Execute: 10 } as const;

/** The entry a category's recommended rule gives one tool: a rule under `tools`, or hidden. */
type Entry = { hide: true } | { rule: ToolRule };

function recommendedEntry(tool: string, category: Category): Entry {
  switch (category) {
    case 'Read':
      return { rule: {} };
    case 'Write':
    case 'Execute':
      return {
        rule: {
          limits: [{ counter: `${tool}_rate`, window: 'minute', max: RECOMMENDED_MAX[category], scope: 'grant' }],
        },
      };
    case 'Destructive':
      return { hide: true };
    case 'Financial':
      return { rule: { deny_if: [{ conditions: [], on_deny: `${tool} needs a person's approval.` }] } };
  }
}

/** The recommended policy for one tool (POLICY-LANGUAGE.md, the table at the end). */
export function recommendedPolicy(tool: string, category: Category): Policy {
  const entry = recommendedEntry(tool, category);
  return 'hide' in entry
    ? { version: '1', default: 'deny', hide: [tool] }
    : { version: '1', default: 'deny', tools: { [tool]: entry.rule } };
}

/** The entry an override policy gives one tool; none when the override does not mention it. */
function overrideEntry(tool: string, override: Policy): Entry | undefined {
  if ((override.hide ?? []).some((name) => name === tool || name === '*')) return { hide: true };
  if (override.tools && Object.prototype.hasOwnProperty.call(override.tools, tool))
    return { rule: override.tools[tool]! };
  return undefined;
}

/**
 * One policy for all of a server's tools: default deny, each tool under its recommended rule, or
 * under the override's entry for that tool (hidden when the override hides it, else its rule
 * under `tools`). An override that mentions the tool nowhere leaves it unlisted, so the default
 * denies it. Only per-tool entries are taken from an override; its `all_tools` is not merged.
 */
export function serverPolicy(tools: { name: string; category: Category; override?: Policy }[]): Policy {
  const hide: string[] = [];
  const rules: Record<string, ToolRule> = {};
  for (const t of tools) {
    const entry = t.override ? overrideEntry(t.name, t.override) : recommendedEntry(t.name, t.category);
    if (!entry) continue;
    if ('hide' in entry) hide.push(t.name);
    else rules[t.name] = entry.rule;
  }
  const policy: Policy = { version: '1', default: 'deny' };
  if (hide.length) policy.hide = hide;
  if (Object.keys(rules).length) policy.tools = rules;
  return policy;
}
