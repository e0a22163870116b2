import type { APIRoute, GetStaticPaths } from 'astro';
import { getIndex } from '#src/views/site-data.ts';
import { serverWithRecords } from '#src/views/server-page.ts';
import { playgroundData } from '#src/views/playground.ts';
import type { ServerEntry } from '#src/catalogue/index.ts';

export const getStaticPaths = (async () => {
  const index = await getIndex();
  return index.rendered.servers
    .map((s) => serverWithRecords(s, index))
    .map((server) => ({ params: { server: server.id }, props: { server } }));
}) satisfies GetStaticPaths;

/** What the policy playground checks a policy against: the server's tools and their schemas. */
export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify(playgroundData((props as { server: ServerEntry }).server)), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
