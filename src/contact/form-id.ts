const formsOnPage = new WeakMap<Request, number>();

/**
 * An id prefix for the next contact form on the page being rendered: `cf`, then `cf2`, `cf3`…
 * Field ids stay unique if a page carries two forms, and, unlike a random suffix, the built HTML
 * is the same from one build to the next.
 */
export function contactFormId(request: Request): string {
  const n = (formsOnPage.get(request) ?? 0) + 1;
  formsOnPage.set(request, n);
  return n === 1 ? 'cf' : `cf${n}`;
}
