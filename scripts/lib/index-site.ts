/**
 * `node scripts/lib/index-site.ts <guides dir> <output dir> <search.json>...`: builds the site's
 * search index (src/integrations/pagefind.ts) in a process of its own: the guides rendered under
 * the first slice's static folder, and every slice's search documents. Reports on stderr.
 */
import { buildSearchIndex } from '#src/integrations/pagefind.ts';

const [root, output, ...files] = process.argv.slice(2);
if (!root || !output) {
  console.error('Usage: node scripts/lib/index-site.ts <guides dir> <output dir> <search.json>...');
  process.exit(2);
}
await buildSearchIndex(root, files, output, (line) => console.error(line));
