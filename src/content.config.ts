import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { serverSchema } from '#src/model/server.ts';
import { storedToolSchema } from '#src/model/tool.ts';
import { attackPatternSchema } from '#src/model/attack-pattern.ts';
import { pageSchema } from '#src/model/page.ts';
import { contentDir } from '#src/catalogue/paths.ts';

const base = contentDir();
/** Ids are file paths without the extension, verbatim: tool names keep their case, `_` and `.`. */
const pathId = ({ entry }: { entry: string }) => entry.replace(/\.(ya?ml|mdx?)$/, '');

export const collections = {
  servers: defineCollection({
    loader: glob({ pattern: '*.{yaml,yml}', base: `${base}/servers`, generateId: pathId }),
    schema: serverSchema,
  }),
  /** id: `<server-id>/<tool-name>` */
  tools: defineCollection({
    loader: glob({ pattern: '*/*.{yaml,yml}', base: `${base}/tools`, generateId: pathId }),
    schema: storedToolSchema,
  }),
  attackPatterns: defineCollection({
    loader: glob({ pattern: '*.{md,mdx}', base: `${base}/attack-patterns`, generateId: pathId }),
    schema: attackPatternSchema,
  }),
  /** Long-form MDX by the catalogue's editors; never third-party text. */
  pages: defineCollection({
    loader: glob({ pattern: '*.{md,mdx}', base: `${base}/pages`, generateId: pathId }),
    schema: pageSchema,
  }),
};
