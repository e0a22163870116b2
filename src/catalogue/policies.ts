import {
  rateCounter,
  recommendedPolicy,
  serverPolicy,
  printCedar,
  type Policy,
  type ToolInfo,
  type CedarExport,
  type CedarFlavour,
} from '#src/policy/index.ts';
import type { Category, RiskLevel } from '#src/model/taxonomy.ts';
import type { ToolEntry } from './index.ts';

/**
 * Every policy the site shows is made here, so that the build's checks and the pages print the
 * very same documents.
 */

/** The policy a tool page recommends: the editor's override when there is one. */
export function toolPolicy(tool: ToolEntry): { policy: Policy; overridden: boolean } {
  const override = tool.record.editorial?.policy;
  if (override) return { policy: override as Policy, overridden: true };
  return { policy: recommendedPolicy(tool.name, tool.category), overridden: false };
}

/** One policy for all of a server's live tools, each under its own tool page's rule. */
export function serverPolicyFor(tools: ToolEntry[]): Policy {
  return serverPolicy(
    tools
      .filter((t) => !t.removed)
      .map((t) => ({
        name: t.name,
        category: t.category,
        ...(t.record.editorial?.policy ? { override: t.record.editorial.policy as Policy } : {}),
      })),
  );
}

/** Calls a minute in the FAQ's rate-limit example: the recommended figure where there is one. */
const FAQ_RATE: Record<Category, number> = { Read: 60, Write: 30, Execute: 10, Destructive: 5, Financial: 5 };

/** The FAQ's answer to "can it be rate-limited?": the tool allowed under a per-minute limit. */
export function rateLimitSnippet(tool: string, category: Category): Policy {
  return {
    version: '1',
    default: 'deny',
    tools: {
      [tool]: { limits: [{ counter: rateCounter(tool), window: 'minute', max: FAQ_RATE[category], scope: 'grant' }] },
    },
  } as Policy;
}

/**
 * The FAQ's answer to "can it be rate-limited?" for a Critical tool: a limit alone would let
 * calls through, which the Critical promise forbids, so the answer puts every call behind a
 * person's approval instead (the Financial rule's shape).
 */
export function approvalSnippet(tool: string): Policy {
  return {
    version: '1',
    default: 'deny',
    tools: { [tool]: { deny_if: [{ conditions: [], on_deny: `${tool} needs a person's approval.` }] } },
  } as Policy;
}

/** The policy the FAQ gives as its answer to rate-limiting: a limit, or approval for Critical tools. */
export function rateAnswerSnippet(tool: string, category: Category, risk: RiskLevel): Policy {
  return risk === 'Critical' ? approvalSnippet(tool) : rateLimitSnippet(tool, category);
}

/** The FAQ's answer to "how do I block it?": hidden from the tool list and every call denied. */
export function blockSnippet(tool: string): Policy {
  return { version: '1', default: 'deny', hide: [tool] } as Policy;
}

export const faqRate = (category: Category) => FAQ_RATE[category];

/** What the policy checks and the Cedar exports know of a tool: its name and input schema. */
export const toolInfo = (t: ToolEntry): ToolInfo => ({ name: t.name, inputSchema: t.record.definition.inputSchema });

/**
 * The tools a tool page's policy is checked against: the server's live tools, and the tool
 * itself when it has been removed (its page keeps its policy).
 */
export function toolScope(tool: ToolEntry, serverTools: ToolEntry[]): ToolInfo[] {
  const live = serverTools.filter((t) => !t.removed).map(toolInfo);
  return tool.removed ? [...live, toolInfo(tool)] : live;
}

/** The tool page's policy in one Cedar flavour. */
export function toolCedar(tool: ToolEntry, serverTools: ToolEntry[], flavour: CedarFlavour): CedarExport {
  return printCedar(toolPolicy(tool).policy, flavour, { server: tool.serverId, tools: toolScope(tool, serverTools) });
}

/** The server's combined policy in one Cedar flavour; `fullSchema` for the downloadable schema. */
export function serverCedar(
  serverId: string,
  serverTools: ToolEntry[],
  flavour: CedarFlavour,
  fullSchema = false,
): CedarExport {
  const live = serverTools.filter((t) => !t.removed);
  return printCedar(serverPolicyFor(live), flavour, { server: serverId, tools: live.map(toolInfo), fullSchema });
}
