import { defineSiteConfig } from '#src/model/site.ts';

/** Branding and links for this catalogue. Edit here; no template needs to change. */
export default defineSiteConfig({
  name: 'Policy Atlas',
  tagline: 'Every MCP tool, its risk, and the policy that keeps an agent safe around it.',
  url: 'https://policy-atlas.example.org',
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
