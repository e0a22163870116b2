import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

export interface FileWrite {
  /** Absolute path of the record. */
  path: string;
  text: string;
}

/**
 * Writes every file in two steps: all contents go to temporary files beside their targets first,
 * then each is renamed over its target. A failure while writing leaves no half-written record
 * (the temporaries are removed); rename is atomic on one file system.
 */
export function writeAtomically(files: FileWrite[]): void {
  const staged: { tmp: string; path: string }[] = [];
  try {
    for (const file of files) {
      mkdirSync(dirname(file.path), { recursive: true });
      // A leading "." keeps the loader from reading a temporary that a crash might leave behind.
      const tmp = join(dirname(file.path), `.${basename(file.path)}.${process.pid}.tmp`);
      writeFileSync(tmp, file.text, 'utf8');
      staged.push({ tmp, path: file.path });
    }
  } catch (err) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    throw err;
  }
  for (const s of staged) renameSync(s.tmp, s.path);
}
