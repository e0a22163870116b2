import type { Condition, DenyRule, Limit, Policy, ToolRule } from '#src/model/policy.ts';
import { toCedar, type CedarExport, type CedarFlavour, type CedarOptions } from './cedar.ts';

const condition = (c: Condition) => ({ path: c.path, op: c.op, value: c.value });
const limit = (l: Limit) => ({ counter: l.counter, window: l.window, max: l.max, scope: l.scope });
const denyRule = (d: DenyRule) => ({ conditions: d.conditions.map(condition), on_deny: d.on_deny });

function toolRule(r: ToolRule): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (r.require) out.require = r.require.map(condition);
  if (r.deny_if) out.deny_if = r.deny_if.map(denyRule);
  if (r.limits) out.limits = r.limits.map(limit);
  return out;
}

/**
 * Canonical JSON for a policy: keys in a fixed order (version, default, hide, all_tools, tools;
 * in a rule require, deny_if, limits; in a condition path, op, value; in a limit counter, window,
 * max, scope; in a deny rule conditions, on_deny), tools in the order the policy lists them,
 * two-space indent and a trailing newline. The site shows and copies exactly these bytes, so the
 * JSON a user pastes is the JSON that was validated.
 */
export function printPolicy(policy: Policy): string {
  const out: Record<string, unknown> = { version: policy.version, default: policy.default };
  if (policy.hide) out.hide = [...policy.hide];
  if (policy.all_tools) out.all_tools = policy.all_tools.limits ? { limits: policy.all_tools.limits.map(limit) } : {};
  if (policy.tools) {
    const tools: Record<string, unknown> = {};
    for (const [name, rule] of Object.entries(policy.tools)) tools[name] = toolRule(rule);
    out.tools = tools;
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

/**
 * The same policy in one Cedar flavour (see cedar.ts): the text to paste into the gateway, the
 * schema it is validated against, and what Cedar cannot say. The JSON above and this text are
 * always printed from one validated `Policy` object.
 */
export function printCedar(policy: Policy, flavour: CedarFlavour, opts: CedarOptions): CedarExport {
  return toCedar(policy, flavour, opts);
}
