import { limitsFor, printPolicy, recommendedPolicy, type Policy } from '#src/policy/index.ts';
import type { CatalogueIndex, ServerEntry, ToolEntry, ToolSummary, PatternEntry } from '#src/catalogue/index.ts';
import { patternsFor, relatedTools } from '#src/catalogue/index.ts';
import { toolPolicy, rateAnswerSnippet, blockSnippet, faqRate } from '#src/catalogue/policies.ts';
import { highlightJson, highlightForTool } from './highlight.ts';
import { confidenceRecord, paramRows, summaryText, whyText, describeCategory, type ParamRow } from './tool-view.ts';
import { serverUrl } from './urls.ts';
import { codeSpans } from '#src/model/text.ts';
import { reviewOf } from '#src/classify/review.ts';
import { withArticle } from '#src/model/taxonomy.ts';

export interface FaqItem {
  question: string;
  /** Plain-text answer; `code` spans allowed. */
  answer: string;
  /** An optional policy example, already highlighted. */
  snippet?: { json: string; html: string };
}

const PLACEHOLDER = 'Tool__PLACEHOLDER__';

/** Highlights a policy derived from a template by tool name, reusing one highlighted template. */
async function highlightPolicyFor(json: string, tool: string, template: () => string): Promise<string> {
  return highlightForTool(json, tool, PLACEHOLDER, template());
}

export interface ToolPageModel {
  tool: ToolEntry;
  server: ServerEntry<ToolSummary>;
  summary: string;
  why: string;
  categoryMeaning: string;
  params: ParamRow[];
  patterns: PatternEntry[];
  related: ToolSummary[];
  policy: { json: string; html: string; overridden: boolean; verdict: Verdict };
  /** Who stands behind the category: an editor's decision, or the classifier and how sure it was. */
  verdictNote: string;
  /** Whether the tool waits in the review queue (`reviewOf`): the page links to the note. */
  unchecked: boolean;
  /**
   * What the classifier's confidence level has meant when measured: how often its verdicts at that
   * level matched the hand labels of servers the rules were never tuned on. Undefined when an
   * editor set the category.
   */
  confidenceRecord: string | undefined;
  faq: FaqItem[];
  serverCount: number;
}

/** Everything a tool page shows, derived from the record and the catalogue index. */
export async function toolPageModel(tool: ToolEntry, index: CatalogueIndex<ToolSummary>): Promise<ToolPageModel> {
  const server = index.serverById.get(tool.serverId)!;
  const { policy, overridden } = toolPolicy(tool);
  const json = printPolicy(policy);
  const html = overridden
    ? await highlightJson(json)
    : await highlightPolicyFor(json, tool.name, () => printPolicy(recommendedPolicy(PLACEHOLDER, tool.category)));

  const critical = tool.risk === 'Critical';
  const rate = printPolicy(rateAnswerSnippet(tool.name, tool.category, tool.risk));
  const block = printPolicy(blockSnippet(tool.name));
  const liveTools = server.tools.filter((t) => !t.removed).length;
  const summary = summaryText(tool, server);
  const riskWord = { Low: 'low', Medium: 'medium', High: 'high', Critical: 'critical' }[tool.risk];

  const faq: FaqItem[] = [
    { question: `What does ${tool.name} do?`, answer: summary },
    {
      question: `How do I enforce a policy on ${tool.name}?`,
      answer: `Put the recommended policy above into the policy file your MCP gateway applies to ${server.record.name}. The gateway checks every \`tools/call\` for \`${tool.name}\` against it before the call reaches the server, and refuses the ones the policy denies. Check the file first with \`npm run validate -- policy.json --server ${server.id}\`.`,
    },
    {
      question: `What is the risk level of ${tool.name}?`,
      answer: `${tool.risk}. It is classified as ${tool.category}: it ${describeCategory(tool.category)}, which makes its risk ${riskWord}.${tool.overridden ? ' A catalogue editor set this classification.' : ' The classification comes from the signals quoted under "From the tool\'s definition".'}`,
    },
    {
      question: `Can ${tool.name} be rate-limited?`,
      answer: critical
        ? `A limit alone is not enough here. A \`limits\` entry caps how often a tool may be called in a minute, an hour or a day, but every call under the cap still goes through, and the language promises that no call to a Critical tool does. Put each call behind a person's approval instead: a \`deny_if\` rule with no conditions refuses every call with a message that a gateway with an approval flow can route to a human.`
        : `Yes. A \`limits\` entry caps how often it may be called in a minute, an hour or a day; a call past \`max\` is refused as rate-limited. This policy allows at most ${faqRate(tool.category)} calls a minute:`,
      snippet: {
        json: rate,
        html: await highlightPolicyFor(rate, tool.name, () =>
          printPolicy(rateAnswerSnippet(PLACEHOLDER, tool.category, tool.risk)),
        ),
      },
    },
    {
      question: `How do I block ${tool.name} completely?`,
      answer: `List it under \`hide\`. A hidden tool is removed from the tool list the agent sees, and every call to it is denied:`,
      snippet: {
        json: block,
        html: await highlightPolicyFor(block, tool.name, () => printPolicy(blockSnippet(PLACEHOLDER))),
      },
    },
    {
      question: `Which server provides ${tool.name}?`,
      answer: `${server.record.name} (server id \`${server.id}\`), one of its ${liveTools} tools. Its page at ${serverUrl(server.id)} lists them all, with one policy that covers every tool.`,
    },
  ];

  return {
    tool,
    server,
    summary,
    why: whyText(tool, server),
    categoryMeaning: describeCategory(tool.category),
    params: paramRows(tool.record.definition.inputSchema),
    patterns: patternsFor(tool, index),
    related: relatedTools(tool, index),
    policy: { json, html, overridden, verdict: policyVerdict(policy, tool.name) },
    verdictNote: verdictNote(tool),
    unchecked: reviewOf(tool.record) !== undefined,
    confidenceRecord: confidenceRecord(tool.record),
    faq,
    serverCount: index.servers.length,
  };
}

/**
 * One sentence on who stands behind the tool's category. A tool of the review queue
 * (`npm run review`, `reviewOf`) says why a reader should look at the signals before relying on
 * it; otherwise an editor's category equal to the classifier's confirms it.
 */
export function verdictNote(tool: ToolEntry): string {
  const said = tool.record.classification;
  const review = reviewOf(tool.record);
  const same = tool.category === said.category && tool.risk === said.risk;
  if (review?.reason === 'definition-changed')
    return `An editor set this category, but the server has changed the tool's definition since, so it waits to be checked again${same ? '' : `; on the new definition the classifier says ${said.category} (${said.risk})`}.`;
  if (review?.sign)
    return `No editor has checked this verdict yet, and the definition also reads like ${withArticle(review.sign)} tool (the signals below say where): if it is one, give it that category's stricter policy.`;
  if (review)
    return `The classifier was unsure of this category, and no editor has checked it yet: read the signals below before you rely on it.`;
  if (!tool.overridden) return '';
  return same
    ? `An editor confirmed the classifier's category.`
    : `An editor overrode the classifier, which said ${said.category} (${said.risk}).`;
}

/** What a policy does to one tool, in a word (for the badge) and a sentence. */
export interface Verdict {
  kind: 'allowed' | 'limited' | 'conditional' | 'approval' | 'denied' | 'hidden';
  label: string;
  text: string;
}

const WINDOW_WORD = { minute: 'a minute', hour: 'an hour', day: 'a day' } as const;

/** Reads a policy's rule for one tool the way the evaluator applies it, as one sentence. */
export function policyVerdict(policy: Policy, tool: string): Verdict {
  if ((policy.hide ?? []).some((n) => n === '*' || n === tool))
    return {
      kind: 'hidden',
      label: 'Hidden',
      text: 'Agents never see it in the tool list, and every call is refused.',
    };
  const rule = policy.tools && Object.hasOwn(policy.tools, tool) ? policy.tools[tool] : undefined;
  if (!rule && policy.default === 'deny')
    return { kind: 'denied', label: 'Denied', text: "Every call is refused by the policy's default." };
  if (rule?.deny_if?.some((r) => r.conditions.length === 0))
    return {
      kind: 'approval',
      label: 'Needs approval',
      text: "Every call is refused with a message asking for a person's approval.",
    };
  const limits = limitsFor(policy, tool)
    .map((l) => `${l.max.toLocaleString('en-US')} ${l.max === 1 ? 'call' : 'calls'} ${WINDOW_WORD[l.window]}`)
    .join(' and ');
  const conditional = (rule?.require?.length ?? 0) + (rule?.deny_if?.length ?? 0) > 0;
  const when = conditional ? ' when its conditions hold' : '';
  if (limits)
    return {
      kind: conditional ? 'conditional' : 'limited',
      label: 'Rate-limited',
      text: `Allowed${when}, at most ${limits}.`,
    };
  return conditional
    ? { kind: 'conditional', label: 'Conditional', text: 'Allowed when its conditions hold.' }
    : { kind: 'allowed', label: 'Allowed', text: 'Allowed without conditions.' };
}

/** The answer without its `code` span marks, as search engines read it. */
const plainText = (answer: string) =>
  codeSpans(answer)
    .map((part) => part.text)
    .join('');

/** FAQPage structured data: the same questions and answers as the page, as plain text. */
export function faqJsonLd(faq: FaqItem[]): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    mainEntity: faq.map((item) => ({
      '@type': 'Question',
      name: item.question,
      acceptedAnswer: {
        '@type': 'Answer',
        text: item.snippet ? `${plainText(item.answer)}\n${item.snippet.json}` : plainText(item.answer),
      },
    })),
  };
}
