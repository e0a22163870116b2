import type { APIRoute, GetStaticPaths } from 'astro';
import { documentJsonSchema } from '#src/model/catalogue-json.ts';
import { jsonText } from '#src/views/machine.ts';

export const getStaticPaths = (() =>
  (['index', 'server'] as const).map((name) => ({ params: { name }, props: { name } }))) satisfies GetStaticPaths;

/** The JSON Schema of the index and of a server document, made from the zod schemas that check them. */
export const GET: APIRoute = ({ props }) =>
  new Response(jsonText(documentJsonSchema((props as { name: 'index' | 'server' }).name)), {
    headers: { 'Content-Type': 'application/schema+json; charset=utf-8' },
  });
