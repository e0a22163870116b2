import { defineSiteConfig } from '#src/model/site.ts';

/** Branding and links for this catalogue. Edit here; no template needs to change. */
export default defineSiteConfig({
  name: 'Policy Atlas',
  tagline: 'Every MCP tool, its risk, and the policy that keeps an agent safe around it.',
  // Where the site is deployed (canonical links, og:url, sitemaps). Set ATLAS_SITE_URL when
  // building, or write the URL here; left unset, those are omitted rather than made up.
  url: process.env.ATLAS_SITE_URL || undefined,
  social: { twitter_card: 'summary' },
  // Optional: leave out to show no call to action.
  cta: {
    label: 'How to apply it',
    href: '/apply/',
    text: 'Which gateways can enforce this policy, and how to load it into each.',
  },
  // Optional, shown in the footer when set:
  // repository: 'https://github.com/<owner>/<repo>',
  // license: { name: 'CC BY 4.0', href: 'https://creativecommons.org/licenses/by/4.0/' },
  contact: {
    endpoint: '/api/contact/',
  },
});
