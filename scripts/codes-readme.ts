/**
 * npm run codes:readme    rewrite the README's "Problem codes" table from src/model/codes.ts
 * npm run codes:readme -- --check    exit 1 if the README's table is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withProblemCodes } from '#src/views/problems.ts';

export function main(argv: string[], root = process.cwd()): number {
  const file = join(root, 'README.md');
  const current = readFileSync(file, 'utf8');
  const next = withProblemCodes(current);
  if (argv.includes('--check')) {
    if (next === current) return 0;
    process.stderr.write('README.md: the "Problem codes" table is out of date. Run npm run codes:readme.\n');
    return 1;
  }
  if (next !== current) writeFileSync(file, next);
  process.stdout.write(next === current ? 'README.md is up to date.\n' : 'README.md: problem codes rewritten.\n');
  return 0;
}

if (import.meta.main) process.exitCode = main(process.argv.slice(2));
