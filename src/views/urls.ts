import type { Category, RiskLevel } from '#src/model/taxonomy.ts';
import { toolFileStem } from '#src/model/tool.ts';
import type { ProblemCode } from '#src/model/codes.ts';

/**
 * Every URL the site links to is made here, so routes and links cannot drift apart.
 *
 * A server's own files sit at its root (`/servers/<id>/`, `/servers/<id>/policy.json`); each tool
 * has a folder of its own under `/servers/<id>/tools/`, named by `toolSegment`, and anything
 * more a tool gets goes inside that folder. So no tool name, however chosen, can shadow a
 * server-level file or route, and nothing but tool folders ever sits under `tools/`.
 */
export const serverUrl = (serverId: string) => `/servers/${serverId}/`;
/** The tool's folder name in URLs and in the built site: the same stem as its record file. */
export const toolSegment = (tool: string) => toolFileStem(tool);
export const toolUrl = (serverId: string, tool: string) => `/servers/${serverId}/tools/${toolSegment(tool)}/`;
export const serverPolicyUrl = (serverId: string) => `/servers/${serverId}/policy.json`;
export const riskUrl = (risk: RiskLevel) => `/risk/${risk.toLowerCase()}/`;
export const categoryUrl = (category: Category) => `/categories/${category.toLowerCase()}/`;
export const attackPatternUrl = (id: string) => `/attack-patterns/${id}/`;
export const methodologyUrl = () => '/methodology/';
/** The fixed pages of src/pages that explain the site: how it works, how to apply a policy. */
export const methodUrl = () => '/method/';
export const applyUrl = () => '/apply/';
export const changesUrl = () => '/changes/';
export const changesFeedUrl = () => '/changes.xml';

/** Listing pages (risk, category) hold this many tools; page n > 1 lives at `<base>n/`. */
export const LIST_PAGE_SIZE = 100;
export const listPageUrl = (base: string, page: number) => (page <= 1 ? base : `${base}${page}/`);
export const guidePageUrl = (slug: string) => `/${slug}/`;
export const homeUrl = () => '/';
export const serversUrl = () => '/servers/';
export const attackPatternsUrl = () => '/attack-patterns/';

// Machine-readable outputs.
/** Inside the tool's own folder, so no tool name can collide with another tool's twin. */
export const toolMarkdownUrl = (serverId: string, tool: string) => `${toolUrl(serverId, tool)}index.md`;
export const serverMarkdownUrl = (serverId: string) => `/servers/${serverId}.md`;
export const serverCedarUrl = (serverId: string, flavour: string) => `/servers/${serverId}/cedar/${flavour}.cedar`;
export const serverCedarSchemaUrl = (serverId: string, flavour: string) =>
  `/servers/${serverId}/cedar/${flavour}.cedarschema`;
export const catalogueJsonUrl = () => '/catalogue/index.json';
export const serverJsonUrl = (serverId: string) => `/catalogue/servers/${serverId}.json`;
export const jsonSchemaUrl = (name: 'index' | 'server') => `/catalogue/schema/${name}.json`;
export const llmsTxtUrl = () => '/llms.txt';
export const sitemapIndexUrl = () => '/sitemap-index.xml';
export const sitemapUrl = (n: number) => `/sitemap-${n}.xml`;

/** An absolute URL on the deployed site, or undefined when the site config sets no `url`. */
export function absoluteUrl(path: string, base: string | undefined): string | undefined {
  return base ? new URL(path, base).href : undefined;
}
export const contactUrl = '/contact/';
export const contactSentUrl = '/contact/sent/';
export const contactProblemUrl = '/contact/problem/';
/** A long-form page from content/pages/<slug>.mdx. */
export const pageUrl = (slug: string) => `/${slug}/`;
/** A server's tools with their input schemas, read by the policy playground when it opens. */
export const serverPlaygroundUrl = (serverId: string) => `/servers/${serverId}/playground.json`;
export const problemsUrl = () => '/problems/';
export const problemCodeUrl = (code: ProblemCode) => `/problems/#${code}`;
