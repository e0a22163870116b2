import type { APIRoute, GetStaticPaths } from 'astro';
import { getIndex } from '#src/views/site-data.ts';
import { toolSegment } from '#src/views/urls.ts';
import { toolMarkdown } from '#src/views/machine.ts';
import type { ToolEntry } from '#src/catalogue/index.ts';

export const getStaticPaths = (async () => {
  const index = await getIndex();
  return index.rendered.tools.map((tool) => ({
    params: { server: tool.serverId, tool: toolSegment(tool.name) },
    props: { tool },
  }));
}) satisfies GetStaticPaths;

/** The tool page's Markdown twin. */
export const GET: APIRoute = async ({ props }) =>
  new Response(toolMarkdown((props as { tool: ToolEntry }).tool, await getIndex()), {
    headers: { 'Content-Type': 'text/markdown; charset=utf-8' },
  });
