/**
 * `node scripts/lib/index-site.ts <static dir> <search.json>...`: builds the site's search index
 * (src/integrations/pagefind.ts) in a process of its own, after every slice is rendered and placed,
 * and reports what it indexed on stderr.
 */
import { buildSearchIndex } from '#src/integrations/pagefind.ts';

const [root, ...files] = process.argv.slice(2);
if (!root) {
  console.error('Usage: node scripts/lib/index-site.ts <static dir> <search.json>...');
  process.exit(2);
}
await buildSearchIndex(root, files, (line) => console.error(line));
