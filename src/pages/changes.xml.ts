import type { APIRoute } from 'astro';
import site from '#site-config';
import { getIndex } from '#src/views/site-data.ts';
import { changeEntries, changesAtom } from '#src/views/changes.ts';
import { changesFeedUrl, changesUrl, serverUrl } from '#src/views/urls.ts';

/** The Atom feed of tool definition changes, built from the records' history. */
export const GET: APIRoute = async () => {
  const index = await getIndex();
  const body = changesAtom(changeEntries(index), site, {
    changes: changesUrl(),
    feed: changesFeedUrl(),
    server: serverUrl,
  });
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
