/**
 * `node scripts/lib/index-slice.ts <static dir> <slice>`: builds the search index of one rendered
 * slice (src/integrations/pagefind.ts) in a process of its own, and prints its parts as JSON.
 */
import { buildSearchIndex } from '#src/integrations/pagefind.ts';

const [root, slice] = process.argv.slice(2);
if (!root || slice === undefined) {
  console.error('Usage: node scripts/lib/index-slice.ts <static dir> <slice>');
  process.exit(2);
}
const result = await buildSearchIndex(root, Number(slice), (line) => console.error(line));
console.log(JSON.stringify(result));
