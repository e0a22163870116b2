import { z } from 'astro/zod';
import { categorySchema } from './taxonomy.ts';

/** Front matter of content/attack-patterns/<id>.mdx, written by the catalogue's editors. */
export const attackPatternSchema = z.strictObject({
  title: z.string().min(1).max(120),
  summary: z.string().min(1).max(400),
  /** The tool categories this pattern threatens; tools in them link here. */
  categories: z.array(categorySchema).min(1),
  /** Order on the attack patterns index. */
  order: z.number().int().min(0).default(100),
});
export type AttackPatternRecord = z.infer<typeof attackPatternSchema>;
