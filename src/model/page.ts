import { z } from 'astro/zod';

/** Front matter of content/pages/<slug>.mdx: long-form pages by the catalogue's own editors. */
export const pageSchema = z.strictObject({
  title: z.string().min(1).max(120),
  summary: z.string().min(1).max(300),
});
export type PageRecord = z.infer<typeof pageSchema>;
