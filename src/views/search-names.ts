/**
 * The exact-name lookup: every tool name of the catalogue, in buckets by a hash of the lower-cased
 * name (src/client/search-core.ts's nameBucket), so a browser that is asked for an exact name
 * fetches one small file and lists that tool first, however large the catalogue.
 */
import { nameBucket, type NameRow } from '#src/views/search-keys.ts';

/** Rows per bucket the lookup aims for: a bucket stays near 2 KB compressed. */
export const ROWS_PER_BUCKET = 48;

/** The bucket count for `rows` names: a power of two, so the browser can mask the hash. */
export function bucketCount(rows: number): number {
  let n = 1;
  while (n * ROWS_PER_BUCKET < rows) n *= 2;
  return n;
}

/** The lookup's files: `index.json` (the bucket count) and one `<n>.json` per bucket, by name. */
export function nameFiles(rows: readonly NameRow[]): Map<string, string> {
  const buckets = bucketCount(rows.length);
  const filled: NameRow[][] = Array.from({ length: buckets }, () => []);
  for (const row of rows) filled[nameBucket(row[0], buckets)]!.push(row);
  const files = new Map<string, string>([['index.json', `${JSON.stringify({ buckets })}\n`]]);
  filled.forEach((list, i) => files.set(`${i}.json`, `${JSON.stringify(list)}\n`));
  return files;
}
