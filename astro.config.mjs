// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import site from './site.config.ts';

export default defineConfig({
  site: site.url,
  trailingSlash: 'always',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [mdx()],
  build: { format: 'directory' },
});
