import type { APIRoute, GetStaticPaths } from 'astro';
import { getIndex } from '#src/views/site-data.ts';
import { serverPolicyJson } from '#src/views/server-page.ts';
import type { ServerEntry } from '#src/catalogue/index.ts';

export const getStaticPaths = (async () => {
  const index = await getIndex();
  return index.servers.map((server) => ({ params: { server: server.id }, props: { server } }));
}) satisfies GetStaticPaths;

/** The server's full policy as a file: the same bytes the server page shows and copies. */
export const GET: APIRoute = ({ props }) =>
  new Response(serverPolicyJson((props as { server: ServerEntry }).server), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
