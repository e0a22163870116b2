/**
 * The URL a contact form posts to, from `site.contact.endpoint`. The site uses
 * `trailingSlash: 'always'`, and the Node server answers a slash-less path with a 301 that a
 * browser turns into a GET, losing the message. So a site-relative endpoint without a trailing
 * slash or file extension gets one added; an absolute URL (another team's endpoint) is left as is.
 */
export function contactAction(endpoint: string): string {
  if (!endpoint.startsWith('/') || endpoint.startsWith('//')) return endpoint;
  const cut = endpoint.search(/[?#]/);
  const path = cut === -1 ? endpoint : endpoint.slice(0, cut);
  const rest = cut === -1 ? '' : endpoint.slice(cut);
  if (path.endsWith('/') || /\.[a-z0-9]+$/i.test(path.split('/').pop() ?? '')) return endpoint;
  return `${path}/${rest}`;
}
