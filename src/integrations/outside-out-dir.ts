import { existsSync, lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * Lets `ATLAS_OUT` point outside the project. The server build (the contact endpoint, and the
 * chunks Astro runs to prerender the static pages) imports packages such as `@oslojs/encoding`
 * by name, and Node looks for them in the `node_modules` folders above the importing file, which
 * an output folder elsewhere does not have. So such an output folder gets a `node_modules` link
 * to the project's own; `dist/client`, the part that is published, is
 * untouched.
 */
export default function outsideOutDir(): AstroIntegration {
  let root = '';
  let out = '';
  return {
    name: 'policy-atlas:outside-out-dir',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        out = fileURLToPath(config.outDir);
      },
      // After Astro has emptied the output folder, before the server code is built and run.
      'astro:build:setup': () => {
        const inside = relative(root, out);
        if (inside && !inside.startsWith('..') && !isAbsolute(inside)) return;
        const link = join(out, 'node_modules');
        const target = join(root, 'node_modules');
        if (!existsSync(target)) return;
        mkdirSync(out, { recursive: true });
        try {
          if (lstatSync(link)) return;
        } catch {
          // no link yet
        }
        symlinkSync(target, link, 'dir');
      },
    },
  };
}
