// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import site from './site.config.ts';
import outsideOutDir from '#src/integrations/outside-out-dir.ts';
import sliceRoutes from '#src/integrations/slice-routes.ts';

// ATLAS_OUT and ATLAS_CACHE let tests and the benchmark build other catalogues side by side.
export default defineConfig({
  site: site.url,
  // 'ignore' so that POST /api/contact reaches the endpoint: Astro answers a missing slash with a
  // 301, which clients follow as a GET and lose the message. Every link the site makes ends in '/'.
  trailingSlash: 'ignore',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  // The catalogue is checked by its content loader (src/catalogue/source.ts), and the search index
  // is built by scripts/build.ts after each slice is rendered.
  integrations: [outsideOutDir(), sliceRoutes(), mdx()],
  // Every script is a file, never inlined into a page, so the Content-Security-Policy that
  // scripts/serve.ts sends can allow scripts from 'self' plus the one theme script by its hash.
  // No module-preload helper either: it would add about 1.7 KB to every page for the two
  // dynamic imports (search, playground) that load only when opened.
  vite: {
    build: {
      assetsInlineLimit: 0,
      modulePreload: false,
      rolldownOptions: {
        // Astro marks every MDX module with its own "use astro:head-inject" directive, and the
        // bundler warns once per MDX file that it may not keep it (withastro/astro#18087): thirty
        // lines of a build's log that say nothing about the catalogue.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
  build: { format: 'directory' },
  // Code in the editors' MDX: light colours inline, dark ones as --shiki-dark (see global.css).
  markdown: { shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' } } },
  // The contact endpoint (the only on-demand route) checks Origin itself so a refusal can say
  // per field what is wrong, in JSON or HTML; Astro's built-in check would answer plain text.
  security: { checkOrigin: false },
  ...(process.env.ATLAS_OUT ? { outDir: process.env.ATLAS_OUT } : {}),
  ...(process.env.ATLAS_CACHE ? { cacheDir: process.env.ATLAS_CACHE } : {}),
});
