import { mkdtempSync, rmSync } from 'node:fs';

const made: string[] = [];

// Each test file runs in its own process; its folders go when it exits, unless kept for a look.
process.on('exit', () => {
  if (process.env.ATLAS_KEEP_TEST_FILES === '1') return;
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh folder, as `mkdtempSync(prefix)` makes one, removed when the test process exits.
 * `ATLAS_KEEP_TEST_FILES=1` keeps them, to look at a failed build's output.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(prefix);
  made.push(dir);
  return dir;
}
