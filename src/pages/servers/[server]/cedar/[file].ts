import type { APIRoute, GetStaticPaths } from 'astro';
import { getIndex } from '#src/views/site-data.ts';
import { serverWithRecords } from '#src/views/server-page.ts';
import { serverPolicyFormats } from '#src/views/machine.ts';

/** Each Cedar flavour of the server policy, and the schema it validates against, as files. */
export const getStaticPaths = (async () => {
  const index = await getIndex();
  return index.rendered.servers
    .map((s) => serverWithRecords(s, index))
    .flatMap((server) =>
      serverPolicyFormats(server)
        .filter((f) => f.schema)
        .flatMap((f) => [
          { params: { server: server.id, file: `${f.id}.cedar` }, props: { text: f.text } },
          { params: { server: server.id, file: `${f.id}.cedarschema` }, props: { text: f.schema!.text } },
        ]),
    );
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response((props as { text: string }).text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
