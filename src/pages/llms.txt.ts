import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import site from '#site-config';
import { getIndex } from '#src/views/site-data.ts';
import { llmsTxt } from '#src/views/machine.ts';

/** What the catalogue is and where its Markdown and JSON live, for agents (llmstxt.org). */
export const GET: APIRoute = async () => {
  const guides = (await getCollection('pages')).map((p) => ({
    slug: p.id,
    title: p.data.title,
    summary: p.data.summary,
  }));
  return new Response(llmsTxt(await getIndex(), site, guides), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
};
