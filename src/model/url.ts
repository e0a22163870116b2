import { z } from 'astro/zod';

/**
 * Every URL a record or the site config holds becomes a link on the site, so it must be http or
 * https: `javascript:` and `data:` URLs would run script when clicked.
 */
export const httpUrl = () =>
  z.url({
    protocol: /^https?$/,
    error: 'Write an http:// or https:// URL, such as https://example.org/.',
  });
