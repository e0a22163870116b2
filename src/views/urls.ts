import type { Category, RiskLevel } from '#src/model/taxonomy.ts';
import type { ProblemCode } from '#src/model/codes.ts';

/** Every URL the site links to is made here, so routes and links cannot drift apart. */
export const serverUrl = (serverId: string) => `/servers/${serverId}/`;
export const toolUrl = (serverId: string, tool: string) => `/servers/${serverId}/${tool}/`;
export const serverPolicyUrl = (serverId: string) => `/servers/${serverId}/policy.json`;
export const riskUrl = (risk: RiskLevel) => `/risk/${risk.toLowerCase()}/`;
export const categoryUrl = (category: Category) => `/categories/${category.toLowerCase()}/`;
export const attackPatternUrl = (id: string) => `/attack-patterns/${id}/`;
export const contactUrl = '/contact/';
export const contactSentUrl = '/contact/sent/';
export const contactProblemUrl = '/contact/problem/';
/** A long-form page from content/pages/<slug>.mdx. */
export const pageUrl = (slug: string) => `/${slug}/`;
/** A server's tools with their input schemas, read by the policy playground when it opens. */
export const serverPlaygroundUrl = (serverId: string) => `/servers/${serverId}/playground.json`;
export const problemsUrl = () => '/problems/';
export const problemCodeUrl = (code: ProblemCode) => `/problems/#${code}`;
