import type { Category } from '#src/model/taxonomy.ts';
import type { Policy, ToolRule } from '#src/model/policy.ts';

/** Calls per minute allowed by the recommended rule of a Write (Medium) and an Execute (High) tool. */
export const RECOMMENDED_MAX = { Write: 30, Execute: 10 } as const;

/**
 * The counter of a tool's recommended limit: `<tool>_rate`. A counter name holds at most 64
 * characters and a tool name up to 128, so a long name keeps its first 49 characters and a hash of
 * the whole name, which keeps counters of different tools apart.
 */
export function rateCounter(tool: string): string {
  const plain = `${tool}_rate`;
  if (plain.length <= 64) return plain;
  // FNV-1a, 32 bits: small, dependency-free and the same in the browser.
  let hash = 0x811c9dc5;
  for (let i = 0; i < tool.length; i++) {
    hash ^= tool.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${tool.slice(0, 49)}_${hash.toString(16).padStart(8, '0')}_rate`;
}

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
          limits: [{ counter: rateCounter(tool), window: 'minute', max: RECOMMENDED_MAX[category], scope: 'grant' }],
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
