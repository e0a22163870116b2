import { existsSync, lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * Gives an output folder outside the project a `node_modules` link to the project's own, so the
 * server code built into it finds its packages; returns whether it has one now. A folder inside the
 * project needs none (Node finds the project's `node_modules` above it) and gets none. Used by the
 * integration below for each slice's folder, and by `npm run build` for the folder the slices are
 * merged into, which is the one `npm start` serves.
 */
export function linkProjectPackages(root: string, out: string): boolean {
  const inside = relative(root, out);
  if (inside && !inside.startsWith('..') && !isAbsolute(inside)) return false;
  const link = join(out, 'node_modules');
  const target = join(root, 'node_modules');
  if (!existsSync(target)) return false;
  mkdirSync(out, { recursive: true });
  try {
    if (lstatSync(link)) return true;
  } catch {
    // no link yet
  }
  symlinkSync(target, link, 'dir');
  return true;
}

/**
 * Lets `ATLAS_OUT` point outside the project. The server build (the contact endpoint, and the
 * chunks Astro runs to prerender the static pages) imports packages such as `@oslojs/encoding`
 * by name, and Node looks for them in the `node_modules` folders above the importing file, which
 * an output folder elsewhere does not have. So such an output folder gets a `node_modules` link
 * to the project's (`linkProjectPackages`); `dist/client`, the part that is published, is
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
        linkProjectPackages(root, out);
      },
    },
  };
}
