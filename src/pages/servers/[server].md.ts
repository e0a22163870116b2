import type { APIRoute, GetStaticPaths } from 'astro';
import { getIndex } from '#src/views/site-data.ts';
import { serverWithRecords } from '#src/views/server-page.ts';
import { serverMarkdown } from '#src/views/machine.ts';
import type { ServerEntry } from '#src/catalogue/index.ts';

export const getStaticPaths = (async () => {
  const index = await getIndex();
  return index.rendered.servers
    .map((s) => serverWithRecords(s, index))
    .map((server) => ({ params: { server: server.id }, props: { server } }));
}) satisfies GetStaticPaths;

/** The server page's Markdown twin. */
export const GET: APIRoute = ({ props }) =>
  new Response(serverMarkdown((props as { server: ServerEntry }).server), {
    headers: { 'Content-Type': 'text/markdown; charset=utf-8' },
  });
