import { defineSiteConfig } from '#src/model/site.ts';

/** Branding and links for this catalogue. Edit here; no template needs to change. */
export default defineSiteConfig({
  name: 'Policy Atlas',
  tagline: 'Every MCP tool, its risk, and the policy that keeps an agent safe around it.',
  url: 'https://policy-atlas.example.org',
  cta: {
    label: 'Apply this policy in your gateway',
    href: 'https://policy-atlas.example.org/docs/gateways/',
    text: 'Paste the policy into any MCP gateway that speaks policy language version 1.',
  },
  contact: {
    endpoint: '/api/contact/',
  },
});
