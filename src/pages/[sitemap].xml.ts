import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import site from '#site-config';
import { getIndex } from '#src/views/site-data.ts';
import { sitemapFiles, sitemapSource, sitePaths } from '#src/views/sitemap.ts';
import { sitemapIndexUrl, sitemapUrl } from '#src/views/urls.ts';

/**
 * sitemap-index.xml and sitemap-N.xml, made from the catalogue's data. A sitemap needs absolute
 * URLs, so without a site `url` in the config none is made (and robots.txt names none).
 */
export const getStaticPaths = (async () => {
  if (!site.url) return [];
  const guides = (await getCollection('pages')).map((p) => p.id);
  const { index, files } = sitemapFiles(sitePaths(sitemapSource(await getIndex(), guides)), site.url);
  const name = (path: string) => path.replace(/^\//, '').replace(/\.xml$/, '');
  return [
    { params: { sitemap: name(sitemapIndexUrl()) }, props: { xml: index } },
    ...files.map((xml, i) => ({ params: { sitemap: name(sitemapUrl(i + 1)) }, props: { xml } })),
  ];
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response((props as { xml: string }).xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
