import { z } from 'astro/zod';
import { httpUrl } from './url.ts';
import { AtlasError, formatProblem, zodProblems } from './problems.ts';

/** The one file another team edits to brand the catalogue: site.config.ts at the project root. */
export const siteConfigSchema = z.strictObject({
  /** Shown in the header, titles and structured data. */
  name: z.string().min(1).max(80),
  /** One line under the name on the home page. */
  tagline: z.string().min(1).max(200),
  /**
   * Absolute base URL the site is deployed at, for canonical links, `og:url` and the sitemaps.
   * Optional: without it those are left out (a sitemap needs absolute URLs), never guessed.
   */
  url: httpUrl().optional(),
  /** Link previews. `twitter_card` is the card type; `image` an absolute URL for og:image. */
  social: z
    .strictObject({
      twitter_card: z.enum(['summary', 'summary_large_image']).default('summary'),
      twitter_site: z
        .string()
        .regex(/^@[A-Za-z0-9_]{1,15}$/)
        .optional(),
      image: httpUrl().optional(),
    })
    .default({ twitter_card: 'summary' }),
  /**
   * The call to action on tool and server pages: where to apply a policy. Leave it out and the
   * pages show none. `href` is an absolute URL or a path on this site ("/apply/").
   */
  cta: z
    .strictObject({
      label: z.string().min(1).max(80),
      href: z.union([httpUrl(), z.string().regex(/^\/(?!\/)\S*$/, 'Use an absolute URL or a path starting with "/".')]),
      /** One sentence shown next to the button. */
      text: z.string().min(1).max(300),
    })
    .optional(),
  /** The catalogue's source repository, linked from the footer when set. */
  repository: httpUrl().optional(),
  /** The licence the catalogue is published under, linked from the footer when set. */
  license: z.strictObject({ name: z.string().min(1).max(80), href: httpUrl() }).optional(),
  contact: z.strictObject({
    /**
     * Where contact forms post. The default, `/api/contact/`, is this project's own endpoint
     * (served by `npm start`); a team hosting the static files elsewhere points it at any URL
     * that accepts the same form fields.
     */
    endpoint: z.string().min(1).default('/api/contact/'),
  }),
});

export type SiteConfig = z.infer<typeof siteConfigSchema>;

/**
 * Checks the site configuration with the same friendly problems as records (file, field, value,
 * fix) and returns it with its defaults filled in; `site.config.ts` calls it. A mistake throws an
 * `AtlasError` with the code `site-config` listing every problem, which stops the build.
 */
export function defineSiteConfig(input: z.input<typeof siteConfigSchema>, file = 'site.config.ts'): SiteConfig {
  const result = siteConfigSchema.safeParse(input);
  if (result.success) return result.data;
  // Not "the document": Astro adds a hint about browser APIs to any config error naming one.
  const problems = zodProblems(result.error, input, 'site-config', file, 'The configuration');
  throw new AtlasError(
    'site-config',
    [
      `The site configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`,
      ...problems.map((p) => `  ${formatProblem(p)}`),
    ].join('\n'),
  );
}
