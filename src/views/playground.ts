import type { ServerEntry } from '#src/catalogue/index.ts';
import type { RiskLevel } from '#src/model/taxonomy.ts';
import type { ToolInfo } from '#src/policy/index.ts';

/**
 * The data the policy playground loads when it is opened: every tool the policy may name, with
 * its input schema as the server sent it (the checks read argument types from it, and the form
 * is built from it). Removed tools are included, as their pages carry a playground too.
 */
export interface PlaygroundData {
  server: string;
  tools: (ToolInfo & { risk: RiskLevel; removed: boolean })[];
}

export function playgroundData(server: ServerEntry): PlaygroundData {
  return {
    server: server.id,
    tools: server.tools.map((t) => ({
      name: t.name,
      inputSchema: t.record.definition.inputSchema as ToolInfo['inputSchema'],
      risk: t.risk,
      removed: t.removed,
    })),
  };
}
