/**
 * Kept in its own module so the header's search trigger, loaded on every page, does not pull in
 * the rest of search-core.
 */
/** True when a key press happens while the visitor is typing, so `/` must type a slash. */
export function isTypingTarget(target: { tagName?: string; isContentEditable?: boolean } | null): boolean {
  if (!target) return false;
  const tag = (target.tagName ?? '').toUpperCase();
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || Boolean(target.isContentEditable);
}
