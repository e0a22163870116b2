import type { Category, RiskLevel } from '#src/model/taxonomy.ts';
import type { ProblemCode } from '#src/model/codes.ts';

/** Every URL the site links to is made here, so routes and links cannot drift apart. */
export const serverUrl = (serverId: string) => `/servers/${serverId}/`;
export const toolUrl = (serverId: string, tool: string) => `/servers/${serverId}/${tool}/`;
export const serverPolicyUrl = (serverId: string) => `/servers/${serverId}/policy.json`;
export const riskUrl = (risk: RiskLevel) => `/risk/${risk.toLowerCase()}/`;
export const categoryUrl = (category: Category) => `/categories/${category.toLowerCase()}/`;
export const attackPatternUrl = (id: string) => `/attack-patterns/${id}/`;

/** Listing pages (risk, category) hold this many tools; page n > 1 lives at `<base>n/`. */
export const LIST_PAGE_SIZE = 100;
export const listPageUrl = (base: string, page: number) => (page <= 1 ? base : `${base}${page}/`);
export const guidePageUrl = (slug: string) => `/${slug}/`;
export const homeUrl = () => '/';
export const serversUrl = () => '/servers/';
export const attackPatternsUrl = () => '/attack-patterns/';

// Machine-readable outputs.
export const toolMarkdownUrl = (serverId: string, tool: string) => `/servers/${serverId}/${tool}.md`;
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
export const problemsUrl = () => '/problems/';
export const problemCodeUrl = (code: ProblemCode) => `/problems/#${code}`;
