/**
 * What the build's search files and the browser's search code must agree on, kept in one small
 * pure module that both import: the exact-name lookup's rows and buckets.
 */

/**
 * The exact-name lookup's bucket of a name: FNV-1a over the lower-cased name's UTF-16 code units,
 * modulo the bucket count (a power of two). The build (src/views/search-names.ts) and the browser must
 * agree, so both call this.
 */
export function nameBucket(name: string, buckets: number): number {
  const key = name.trim().toLowerCase();
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash & (buckets - 1);
}

/**
 * A row of the exact-name lookup: `[tool name, tool URL, risk, category, server name, the start of
 * its description]`, risk and category as indices into RISK_LEVELS and CATEGORIES. A server has
 * rows too, under its name and under its id: `[name or id, server URL, -1, -1, server name, the
 * start of its summary]` (SERVER_ROW in both indices).
 */
/** The risk and category index of a server's own row in the exact-name lookup. */
export const SERVER_ROW = -1;

export type NameRow = [name: string, url: string, risk: number, category: number, server: string, text: string];
