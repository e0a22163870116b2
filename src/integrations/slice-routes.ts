import { readFileSync } from 'node:fs';
import type { AstroIntegration } from 'astro';

/** Routes whose pages are about one server: every slice renders those of its own servers. */
const PER_SERVER = ['src/pages/servers/[server]', 'src/pages/catalogue/servers/[server]'];

/**
 * In a slice of `npm run build` other than the first, the pages about no single server (home,
 * lists, feeds, guides, sitemaps) are not prerendered: the first slice renders them and the merge
 * takes them from there. Rendering them in every slice cost each slice seconds at 200,000 tools
 * (the servers table and the change feed list the whole catalogue) for pages thrown away.
 */
export default function sliceRoutes(planFile = process.env.ATLAS_SLICE): AstroIntegration {
  const index = planFile ? (JSON.parse(readFileSync(planFile, 'utf8')) as { index: number }).index : 0;
  return {
    name: 'policy-atlas:slice-routes',
    hooks: {
      'astro:route:setup': ({ route }) => {
        if (index > 0 && !PER_SERVER.some((prefix) => route.component.startsWith(prefix))) route.prerender = false;
      },
    },
  };
}
