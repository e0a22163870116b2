import type { APIRoute, GetStaticPaths } from 'astro';
import { getIndex } from '#src/views/site-data.ts';
import { serverWithRecords } from '#src/views/server-page.ts';
import { serverDocument, jsonText } from '#src/views/machine.ts';
import type { ServerEntry } from '#src/catalogue/index.ts';

export const getStaticPaths = (async () => {
  const index = await getIndex();
  return index.rendered.servers
    .map((s) => serverWithRecords(s, index))
    .map((server) => ({ params: { server: server.id }, props: { server } }));
}) satisfies GetStaticPaths;

/** One server with every tool, its classification and its policies. */
export const GET: APIRoute = ({ props }) =>
  new Response(jsonText(serverDocument((props as { server: ServerEntry }).server)), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
