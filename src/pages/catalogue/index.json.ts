import type { APIRoute } from 'astro';
import site from '#site-config';
import { getIndex } from '#src/views/site-data.ts';
import { indexDocument, jsonText } from '#src/views/machine.ts';

/** The catalogue index: every server, its counts, and where its JSON lives. */
export const GET: APIRoute = async () =>
  new Response(jsonText(indexDocument(await getIndex(), site)), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
