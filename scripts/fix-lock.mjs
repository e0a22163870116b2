// Keeps package-lock.json usable by `npm ci` on this project's machines.
//
// The registry these machines reach does not serve the other platforms' builds of a few optional
// native packages (for example @pagefind/darwin-x64). `npm install` then leaves them out of the
// lock file, and `npm ci` refuses a lock that lacks an optional dependency it expects. Listing each
// missing one as an optional entry satisfies `npm ci`, which skips it on this platform.
// Runs after every `npm install` (the `postinstall` script); plain JavaScript so any Node runs it.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
if (existsSync(file)) {
  const text = readFileSync(file, 'utf8');
  const lock = JSON.parse(text);
  const packages = lock.packages ?? {};
  let added = 0;
  for (const [path, entry] of Object.entries(packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const nested = path ? `${path}/node_modules/${name}` : `node_modules/${name}`;
      if (packages[nested] || packages[`node_modules/${name}`]) continue;
      packages[`node_modules/${name}`] = { version, optional: true };
      added += 1;
    }
  }
  if (added > 0) {
    lock.packages = Object.fromEntries(
      Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
    );
    writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
    console.log(`fix-lock: listed ${added} optional platform package(s) the registry does not serve.`);
  }
}
