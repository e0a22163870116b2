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
export const changesUrl = () => '/changes/';
export const changesFeedUrl = () => '/changes.xml';
export const problemsUrl = () => '/problems/';
export const problemCodeUrl = (code: ProblemCode) => `/problems/#${code}`;
