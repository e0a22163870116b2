import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { serverSchema } from '#src/model/server.ts';
import { storedToolSchema } from '#src/model/tool.ts';
import { attackPatternSchema } from '#src/model/attack-pattern.ts';
import { pageSchema } from '#src/model/page.ts';
import { recordLoader, manifestLoader, mdxLoader } from '#src/catalogue/astro-loaders.ts';

/** Ids are file paths without the extension, verbatim. */
const pathId = ({ entry }: { entry: string }) => entry.replace(/\.(mdx?)$/, '');

// Records come from the project's own loader (src/catalogue/source.ts), read and checked once;
// the schemas below give the collections their types.
export const collections = {
  servers: defineCollection({ loader: recordLoader('servers'), schema: serverSchema }),
  /** id: `<server-id>/<tool-name>`; in a sliced build, the slice's tools only. */
  tools: defineCollection({ loader: recordLoader('tools'), schema: storedToolSchema }),
  /** One entry: the summary of every tool (src/catalogue/manifest.ts) and the slice this build renders. */
  catalogue: defineCollection({
    loader: manifestLoader(),
    schema: z.object({
      tools: z.array(z.tuple([z.string(), z.string(), z.number(), z.number(), z.number()])),
      changes: z.array(z.tuple([z.string(), z.string(), z.string(), z.number(), z.array(z.string())])),
      slice: z.object({ index: z.number(), count: z.number(), servers: z.array(z.string()).nullable() }),
    }),
  }),
  attackPatterns: defineCollection({
    loader: mdxLoader('patterns', 'attack-patterns', pathId),
    schema: attackPatternSchema,
  }),
  /** Long-form MDX by the catalogue's editors; never third-party text. */
  pages: defineCollection({ loader: mdxLoader('pages', 'pages', pathId), schema: pageSchema }),
};
