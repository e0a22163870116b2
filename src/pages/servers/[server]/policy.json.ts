import type { APIRoute, GetStaticPaths } from 'astro';
import { getIndex } from '#src/views/site-data.ts';
import { serverPolicyJson, toolsWithRecords } from '#src/views/server-page.ts';
import type { ServerEntry, ToolSummary } from '#src/catalogue/index.ts';

export const getStaticPaths = (async () => {
  const index = await getIndex();
  return index.rendered.servers.map((server) => ({ params: { server: server.id }, props: { server } }));
}) satisfies GetStaticPaths;

/** The server's full policy as a file: the same bytes the server page shows and copies. */
export const GET: APIRoute = async ({ props }) =>
  new Response(
    serverPolicyJson(toolsWithRecords((props as { server: ServerEntry<ToolSummary> }).server, await getIndex())),
    { headers: { 'Content-Type': 'application/json; charset=utf-8' } },
  );
