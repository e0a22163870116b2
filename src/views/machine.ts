/**
 * The catalogue for machines: Markdown twins of tool and server pages, JSON documents, llms.txt,
 * and the policy in every format a page offers. Every policy here comes from the policy object
 * the build validated, printed by `printPolicy` (JSON) or `printCedar` (Cedar), so the page, the
 * Markdown, the JSON and the downloads hold the same bytes.
 *
 * Text an MCP server sent (descriptions, schemas, evidence quotes, flags) is untrusted: in
 * Markdown it only ever appears inside code spans or fenced blocks, never as Markdown.
 */
import { printPolicy, CEDAR_FLAVOURS, type CedarExport } from '#src/policy/index.ts';
import { REVIEW_REASON_TEXT, reviewOf } from '#src/classify/review.ts';
import type { CatalogueIndex, ServerEntry, ToolEntry, ToolSummary } from '#src/catalogue/index.ts';
import { riskCounts, categoryCounts, zeroCounts } from '#src/catalogue/index.ts';
import type { SiteIndex } from './site-data.ts';
import { serverWithRecords } from './server-page.ts';
import { toolPolicy, serverPolicyFor, toolCedar, serverCedar } from '#src/catalogue/policies.ts';
import { confidenceRecord, summaryText, whyText, describeCategory } from './tool-view.ts';
import { codeSpans, plural, revealInvisible } from '#src/model/text.ts';
import { RISK_LEVELS } from '#src/model/taxonomy.ts';
import type { IndexDocument, ServerDocument } from '#src/model/catalogue-json.ts';
import {
  toolUrl,
  serverUrl,
  toolMarkdownUrl,
  serverMarkdownUrl,
  serverJsonUrl,
  serverPolicyUrl,
  serverCedarUrl,
  serverCedarSchemaUrl,
  catalogueJsonUrl,
  jsonSchemaUrl,
  guidePageUrl,
  attackPatternUrl,
  absoluteUrl,
  llmsTxtUrl,
} from './urls.ts';

export interface Alternate {
  href: string;
  type: string;
  title: string;
}

/** One way to get a policy: policy.json or a Cedar flavour. */
export interface PolicyFormat {
  id: string;
  label: string;
  /** The label of its button on a page. */
  short: string;
  /** The exact text shown, copied and downloaded. */
  text: string;
  /** File name for a download. */
  filename: string;
  /** What this format cannot say (Cedar); empty for policy.json. */
  notes: string[];
  /** False when a Cedar export is stricter than the policy. */
  exact: boolean;
  /** The schema a Cedar export is validated against, with its download path. */
  schema?: { text: string; href?: string; filename: string };
}

function cedarFormat(exp: CedarExport, base: string, schemaHref?: string): PolicyFormat {
  const info = CEDAR_FLAVOURS.find((f) => f.id === exp.flavour)!;
  return {
    id: info.id,
    label: `Cedar: ${info.label}`,
    short: `${info.short} (Cedar)`,
    text: exp.text,
    filename: `${base}.${info.suffix}.cedar`,
    notes: exp.notes,
    exact: exp.exact,
    schema: {
      text: exp.schema,
      filename: `${base}.${info.suffix}.cedarschema`,
      ...(schemaHref ? { href: schemaHref } : {}),
    },
  };
}

/** The tool page's policy in every format: policy.json first, then each Cedar flavour. */
export function toolPolicyFormats(tool: ToolEntry, server: ServerEntry): PolicyFormat[] {
  const json = printPolicy(toolPolicy(tool).policy);
  return [
    {
      id: 'json',
      label: 'policy.json',
      short: 'policy.json',
      text: json,
      filename: `${tool.name}.policy.json`,
      notes: [],
      exact: true,
    },
    ...CEDAR_FLAVOURS.map((f) => cedarFormat(toolCedar(tool, server.tools, f.id), tool.name)),
  ];
}

/** The server policy in every format, each a download of its own. */
export function serverPolicyFormats(server: ServerEntry): PolicyFormat[] {
  const json = printPolicy(serverPolicyFor(server.tools));
  return [
    {
      id: 'json',
      label: 'policy.json',
      short: 'policy.json',
      text: json,
      filename: `${server.id}.policy.json`,
      notes: [],
      exact: true,
    },
    ...CEDAR_FLAVOURS.map((f) =>
      cedarFormat(serverCedar(server.id, server.tools, f.id, true), server.id, serverCedarSchemaUrl(server.id, f.id)),
    ),
  ];
}

/** Where a format of the server policy is downloaded from. */
export function serverFormatUrl(serverId: string, format: string): string {
  return format === 'json' ? serverPolicyUrl(serverId) : serverCedarUrl(serverId, format);
}

export const toolAlternates = (tool: ToolEntry): Alternate[] => [
  { href: toolMarkdownUrl(tool.serverId, tool.name), type: 'text/markdown', title: `${tool.name} as Markdown` },
  { href: serverJsonUrl(tool.serverId), type: 'application/json', title: 'This server and its tools as JSON' },
];

/** The home page and the servers index: the catalogue index as JSON, and llms.txt. */
export const catalogueAlternates = (): Alternate[] => [
  { href: catalogueJsonUrl(), type: 'application/json', title: 'The catalogue index as JSON' },
  { href: llmsTxtUrl(), type: 'text/plain', title: 'llms.txt: the catalogue for language models' },
];

export const serverAlternates = (server: ServerEntry<ToolSummary>): Alternate[] => [
  { href: serverMarkdownUrl(server.id), type: 'text/markdown', title: `${server.record.name} as Markdown` },
  { href: serverJsonUrl(server.id), type: 'application/json', title: `${server.record.name} as JSON` },
];

// ---------------------------------------------------------------------------------------------
// Markdown.

/**
 * Characters XML 1.0 cannot carry, which the Atom feed (src/views/changes.ts) replaces with U+FFFD:
 * C0 controls other than tab and line breaks (an escape sequence starts with one), U+FFFE and U+FFFF.
 * A text file for people and language models has no use for them either.
 */
// eslint-disable-next-line no-control-regex -- these control characters are what it finds
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/**
 * Plain text as Markdown text: one line, every character Markdown could act on escaped, and the
 * characters the Atom feed cannot carry replaced as it replaces them.
 */
export function mdText(text: string): string {
  return text
    .replace(NOT_TEXT, '\ufffd')
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_[\]<>|~&]/g, (ch) => `\\${ch}`)
    .replace(/^([#+\-=>]|\d+[.)])/, (m) => `\\${m}`);
}

/** A code span holding `text` literally, whatever backticks it contains. */
export function mdCode(text: string): string {
  const one = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  const longest = Math.max(0, ...(one.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A space inside the fence only where CommonMark needs one (it strips one from each side).
  const pad = /^[` ]|[` ]$/.test(one) ? ' ' : '';
  return `${fence}${pad}${one}${pad}${fence}`;
}

/** A fenced block holding `text` literally: the fence is longer than any backtick run inside. */
export function mdBlock(text: string, lang = ''): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${text.endsWith('\n') ? text : `${text}\n`}${fence}`;
}

/** Editors' prose with `code` spans, paragraphs kept. */
function mdProse(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((para) =>
      codeSpans(para)
        .map((part) => (part.code ? mdCode(part.text) : mdText(part.text)))
        .join(''),
    )
    .join('\n\n');
}

function mdPolicyFormats(formats: PolicyFormat[], level = '###'): string[] {
  const out: string[] = [];
  for (const f of formats) {
    out.push(`${level} ${f.id === 'json' ? 'policy.json' : mdText(f.label)}`, '');
    if (f.notes.length) {
      out.push('What Cedar cannot say here (enforce it elsewhere):', '');
      for (const n of f.notes) out.push(`- ${mdText(n)}`);
      out.push('');
    }
    out.push(mdBlock(f.text, f.id === 'json' ? 'json' : 'cedar'), '');
  }
  return out;
}

/** The tool page as Markdown: its facts, classification, evidence, flags and policy. */
export function toolMarkdown(tool: ToolEntry, index: SiteIndex): string {
  const server = serverWithRecords(index.serverById.get(tool.serverId)!, index);
  const rec = tool.record;
  const def = rec.definition;
  const lines: string[] = [
    `# ${mdCode(tool.name)} on ${mdText(server.record.name)}`,
    '',
    `${tool.category} tool, ${tool.risk} risk. Page: ${toolUrl(tool.serverId, tool.name)} · Server: ${serverMarkdownUrl(server.id)}`,
    '',
  ];
  if (tool.removed) lines.push(`Removed from the server on ${rec.history?.removed}.`, '');
  lines.push('## What it does', '', mdProse(summaryText(tool, server)), '');
  lines.push('## Why it needs a policy', '', mdProse(whyText(tool, server)), '');
  const review = reviewOf(rec);
  const said = `${rec.classification.category} (${rec.classification.risk})`;
  lines.push(
    '## Classification',
    '',
    `- Category: ${tool.category} (it ${mdText(describeCategory(tool.category))})`,
    `- Risk: ${tool.risk}`,
    `- Classifier confidence: ${[rec.classification.confidence, confidenceRecord(rec)].filter(Boolean).join('. ')}`,
    // The same order as the page's note (verdictNote): the review queue first, then the editor.
    review?.reason === 'definition-changed'
      ? `- Set by an editor on an earlier definition, to be checked again; on this one the classifier says ${said}`
      : review
        ? `- Set by the classifier, not yet checked by an editor (${REVIEW_REASON_TEXT[review.reason]})`
        : tool.overridden
          ? `- Set by an editor; the classifier said ${said}`
          : '- Set by the classifier',
    '',
    '### Evidence from the definition',
    '',
  );
  if (rec.classification.evidence.length === 0) lines.push('No signal pointed to a category.', '');
  for (const e of rec.classification.evidence)
    lines.push(`- ${e.source}: ${mdCode(e.text)} suggests ${e.suggests} (${mdCode(e.signal)})`);
  if (rec.classification.evidence.length) lines.push('');
  const flags = rec.flags ?? [];
  if (flags.length) {
    lines.push('## Possible hidden instructions', '');
    for (const f of flags)
      lines.push(
        `- ${mdText(f.reason)} (${mdCode(f.code)}, in ${mdCode(f.field)}):`,
        '',
        mdBlock(revealInvisible(f.text), 'text'),
        '',
      );
  }
  lines.push('## Definition, as the server sends it', '');
  lines.push(def.description ? mdBlock(def.description, 'text') : 'No description.', '');
  lines.push('Input schema:', '', mdBlock(JSON.stringify(def.inputSchema, null, 2), 'json'), '');
  if (def.annotations) lines.push('Annotations:', '', mdBlock(JSON.stringify(def.annotations, null, 2), 'json'), '');
  if (rec.history) {
    lines.push('## History', '', `- First seen ${rec.history.first_seen}; definition hash ${mdCode(rec.history.hash)}`);
    for (const c of rec.history.changes ?? []) lines.push(`- Changed ${c.date}: ${c.summary.map(mdText).join('; ')}`);
    if (rec.history.removed) lines.push(`- Removed ${rec.history.removed}`);
    lines.push('');
  }
  lines.push(
    '## Recommended policy',
    '',
    toolPolicy(tool).overridden
      ? 'Written by a catalogue editor and checked against the server and the risk level.'
      : `The recommended rule for ${tool.category} tools, checked against the server and the risk level.`,
    '',
    ...mdPolicyFormats(toolPolicyFormats(tool, server)),
  );
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The server page as Markdown: its tools with their risk, and the server's policy. */
export function serverMarkdown(server: ServerEntry): string {
  const r = server.record;
  const live = server.tools.filter((t) => !t.removed);
  const lines: string[] = [
    `# ${mdText(r.name)}`,
    '',
    mdProse(r.summary),
    '',
    `Server id ${mdCode(server.id)} · Page: ${serverUrl(server.id)} · JSON: ${serverJsonUrl(server.id)}`,
    '',
  ];
  if (r.repository) lines.push(`Repository: <${r.repository}>`, '');
  lines.push(`## Tools (${live.length})`, '', '| Tool | Category | Risk | Markdown |', '| --- | --- | --- | --- |');
  for (const t of live)
    lines.push(
      `| ${mdCode(t.name)} | ${t.category} | ${t.risk} | [${mdText(t.name)}](${toolMarkdownUrl(t.serverId, t.name)}) |`,
    );
  lines.push('');
  const removed = server.tools.filter((t) => t.removed);
  if (removed.length) {
    lines.push('## Removed tools', '');
    for (const t of removed)
      lines.push(`- [${mdText(t.name)}](${toolMarkdownUrl(t.serverId, t.name)}), removed ${t.record.history?.removed}`);
    lines.push('');
  }
  lines.push('## One policy for the whole server', '', ...mdPolicyFormats(serverPolicyFormats(server)));
  return `${lines.join('\n').trimEnd()}\n`;
}

// ---------------------------------------------------------------------------------------------
// JSON.

const policyObject = (text: string) => JSON.parse(text) as Record<string, unknown>;

function cedarObject(formats: PolicyFormat[]): ServerDocument['cedar'] {
  const out: ServerDocument['cedar'] = {};
  for (const f of formats) {
    if (f.id === 'json') continue;
    const info = CEDAR_FLAVOURS.find((x) => x.id === f.id)!;
    out[f.id] = { gateway: info.label, policy: f.text, notes: f.notes, exact: f.exact };
  }
  return out;
}

function liveRiskCounts(tools: ToolSummary[]) {
  const out = zeroCounts(RISK_LEVELS);
  for (const t of tools) if (!t.removed) out[t.risk] += 1;
  return out;
}

/** One server with every tool, as the published server JSON Schema describes it. */
export function serverDocument(server: ServerEntry): ServerDocument {
  const r = server.record;
  const formats = serverPolicyFormats(server);
  return {
    $schema: jsonSchemaUrl('server'),
    id: server.id,
    name: r.name,
    summary: r.summary,
    page: serverUrl(server.id),
    markdown: serverMarkdownUrl(server.id),
    ...(r.repository ? { repository: r.repository } : {}),
    ...(r.npm ? { npm: r.npm } : {}),
    tool_count: server.tools.filter((t) => !t.removed).length,
    by_risk: liveRiskCounts(server.tools),
    policy: policyObject(formats[0]!.text),
    policy_url: serverPolicyUrl(server.id),
    cedar: cedarObject(formats),
    tools: server.tools.map((t) => {
      const tf = toolPolicyFormats(t, server);
      return {
        name: t.name,
        page: toolUrl(t.serverId, t.name),
        markdown: toolMarkdownUrl(t.serverId, t.name),
        removed: t.removed,
        definition: t.record.definition,
        category: t.category,
        risk: t.risk,
        confidence: t.record.classification.confidence,
        overridden: t.overridden,
        review: reviewOf(t.record)?.reason ?? null,
        evidence: t.record.classification.evidence,
        flags: t.record.flags ?? [],
        ...(t.record.history ? { hash: t.record.history.hash, history: t.record.history } : {}),
        policy: policyObject(tf[0]!.text),
        cedar: cedarObject(tf),
      };
    }),
  };
}

/** The catalogue index: servers, counts, and where each server's JSON lives. */
export function indexDocument(
  index: CatalogueIndex<ToolSummary>,
  site: { name: string; tagline: string },
): IndexDocument {
  return {
    $schema: jsonSchemaUrl('index'),
    name: site.name,
    description: site.tagline,
    server_schema: jsonSchemaUrl('server'),
    counts: {
      servers: index.servers.length,
      tools: index.tools.filter((t) => !t.removed).length,
      by_risk: riskCounts(index),
      by_category: categoryCounts(index),
    },
    servers: index.servers.map((s) => ({
      id: s.id,
      name: s.record.name,
      tool_count: s.tools.filter((t) => !t.removed).length,
      by_risk: liveRiskCounts(s.tools),
      page: serverUrl(s.id),
      markdown: serverMarkdownUrl(s.id),
      json: serverJsonUrl(s.id),
    })),
  };
}

/** JSON as the site serves it: two-space indent and a trailing newline. */
export const jsonText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

// ---------------------------------------------------------------------------------------------
// llms.txt (the llmstxt.org layout: title, summary, prose, then sections of links).

export function llmsTxt(
  index: CatalogueIndex<ToolSummary>,
  site: { name: string; tagline: string; url?: string },
  guides: { slug: string; title: string; summary: string }[],
): string {
  const link = (path: string) => absoluteUrl(path, site.url) ?? path;
  const tools = index.tools.filter((t) => !t.removed).length;
  const lines = [
    `# ${mdText(site.name)}`,
    '',
    `> ${mdText(site.tagline)}`,
    '',
    `A catalogue of ${index.servers.length} MCP server${index.servers.length === 1 ? '' : 's'} and ${tools} tool${tools === 1 ? '' : 's'}. Each tool is classified by what it does (Read, Write, Execute, Destructive, Financial) and by risk (Low, Medium, High, Critical), with the evidence from its definition, any suspected hidden instructions, and a recommended policy that an MCP gateway can enforce. Policies are in the policy language version 1 (policy.json) and in Cedar for ${new Intl.ListFormat('en').format(CEDAR_FLAVOURS.map((f) => f.label))}; every one is validated when the site is built.`,
    '',
    'Every server and tool page has a Markdown twin: for a server, the page URL without its trailing slash plus `.md` (/servers/<id>.md); for a tool, `index.md` inside the page URL (/servers/<id>/tools/<tool>/index.md). Each server Markdown file lists its tools with links to theirs.',
    '',
    '## Data',
    '',
    `- [Catalogue index (JSON)](${link(catalogueJsonUrl())}): every server with its counts and the URL of its JSON document`,
    `- [JSON Schema of the index](${link(jsonSchemaUrl('index'))}) and [of a server document](${link(jsonSchemaUrl('server'))})`,
    '',
    '## Servers',
    '',
    ...index.servers.map(
      (s) =>
        `- [${mdText(s.record.name)}](${link(serverMarkdownUrl(s.id))}): ${mdText(s.record.summary)} (${plural(s.tools.filter((t) => !t.removed).length, 'tool')}; [JSON](${link(serverJsonUrl(s.id))}))`,
    ),
    '',
  ];
  if (guides.length || index.patterns.length) {
    lines.push('## Optional', '');
    for (const g of guides) lines.push(`- [${mdText(g.title)}](${link(guidePageUrl(g.slug))}): ${mdText(g.summary)}`);
    for (const p of index.patterns)
      lines.push(`- [${mdText(p.record.title)}](${link(attackPatternUrl(p.id))}): ${mdText(p.record.summary)}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
