import type { APIRoute } from 'astro';
import site from '#site-config';
import { robotsTxt } from '#src/views/sitemap.ts';
import { absoluteUrl, sitemapIndexUrl } from '#src/views/urls.ts';

export const GET: APIRoute = () =>
  new Response(robotsTxt(absoluteUrl(sitemapIndexUrl(), site.url)), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
