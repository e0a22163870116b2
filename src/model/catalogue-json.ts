import { z } from 'astro/zod';
import { categorySchema, riskSchema, REVIEW_REASONS } from './taxonomy.ts';
import { definitionSchema, evidenceSchema, flagSchema, historySchema } from './tool.ts';

/**
 * The catalogue as JSON for scripts and agents: one index document and one document per server.
 * These zod schemas are what the site's JSON is checked against in the tests, and what
 * `z.toJSONSchema` publishes as the JSON Schema of each document.
 */

/** A policy in the policy language v1, exactly as `policy.json` prints it (validated at build). */
const policyJson = z.record(z.string(), z.unknown()).describe('A policy in the policy language, version "1".');

const cedarExportJson = z.strictObject({
  gateway: z.string().describe('The gateway this Cedar is written for.'),
  policy: z.string().describe('The Cedar policy set, with comments on what Cedar cannot say.'),
  notes: z.array(z.string()).describe('What the Cedar export cannot say or says more strictly.'),
  exact: z.boolean().describe('False when the export is stricter than the policy (an inexpressible condition).'),
});

const cedarJson = z.record(z.string(), cedarExportJson).describe('The recommended policy in Cedar, by gateway.');

const riskCounts = z.strictObject({ Low: z.int(), Medium: z.int(), High: z.int(), Critical: z.int() });

export const serverDocumentSchema = z
  .strictObject({
    $schema: z.string(),
    id: z.string(),
    name: z.string(),
    summary: z.string(),
    page: z.string().describe('Path of the server page on this site.'),
    markdown: z.string(),
    repository: z.url().optional(),
    npm: z.string().optional(),
    tool_count: z.int(),
    by_risk: riskCounts,
    policy: policyJson.describe('One policy for all live tools of the server.'),
    policy_url: z.string(),
    cedar: cedarJson,
    tools: z.array(
      z.strictObject({
        name: z.string(),
        page: z.string(),
        markdown: z.string(),
        removed: z.boolean(),
        definition: definitionSchema,
        category: categorySchema,
        risk: riskSchema,
        confidence: z.enum(['high', 'medium', 'low']),
        overridden: z.boolean().describe('True when an editor set the category or risk.'),
        review: z
          .enum(REVIEW_REASONS)
          .nullable()
          .describe(
            'Why an editor should still check the category (npm run review): a Destructive or Financial sign in the text under a lower verdict, a definition changed since an editor set the category, or low or medium confidence; null when the classifier was sure or an editor set the category for this definition.',
          ),
        evidence: z.array(evidenceSchema),
        flags: z.array(flagSchema),
        hash: z.string().optional(),
        history: historySchema.optional(),
        policy: policyJson.describe('The recommended policy shown on the tool page.'),
        cedar: cedarJson,
      }),
    ),
  })
  .describe('One MCP server of the catalogue with every tool, its classification and policies.');

export const indexDocumentSchema = z
  .strictObject({
    $schema: z.string(),
    name: z.string(),
    description: z.string(),
    server_schema: z.string().describe('Path of the JSON Schema of a server document.'),
    counts: z.strictObject({
      servers: z.int(),
      tools: z.int(),
      by_risk: riskCounts,
      by_category: z.record(categorySchema, z.int()),
    }),
    servers: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        tool_count: z.int(),
        by_risk: riskCounts,
        page: z.string(),
        markdown: z.string(),
        json: z.string().describe('Path of the server document.'),
      }),
    ),
  })
  .describe('The catalogue index: every server, its counts, and where its JSON lives.');

export type ServerDocument = z.infer<typeof serverDocumentSchema>;
export type IndexDocument = z.infer<typeof indexDocumentSchema>;

/** The published JSON Schema (draft 2020-12) of each document. */
export function documentJsonSchema(name: 'index' | 'server'): object {
  return z.toJSONSchema(name === 'index' ? indexDocumentSchema : serverDocumentSchema, { io: 'input' });
}
