import { defineSiteConfig } from '#src/model/site.ts';

/** Branding and links for this catalogue. Edit here; no template needs to change. */
export default defineSiteConfig({
  name: 'Policy Atlas',
  tagline: 'Every MCP tool, its risk, and the policy that keeps an agent safe around it.',
  // Where the site is deployed (canonical links, og:url, sitemaps). Set ATLAS_SITE_URL when
  // building, or write the URL here; left unset, those are omitted rather than made up.
  url: process.env.ATLAS_SITE_URL || undefined,
  social: { twitter_card: 'summary' },
  cta: {
    label: 'Apply this policy in your gateway',
    href: 'https://policy-atlas.example.org/docs/gateways/',
    text: 'Paste the policy into any MCP gateway that speaks policy language version 1.',
  },
  contact: {
    endpoint: '/api/contact/',
  },
});
