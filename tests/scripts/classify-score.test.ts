import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/classify-score.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('classify:score --json prints the report the results file holds, and --no-write leaves it alone', () => {
  const before = readFileSync(join(ROOT, 'src/classify/corpus/results.json'), 'utf8');
  const { code, stdout } = run('--json', '--no-write');
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(stdout), JSON.parse(before));
  assert.equal(readFileSync(join(ROOT, 'src/classify/corpus/results.json'), 'utf8'), before);
});

test('classify:score prints both halves in both modes, and refuses an unknown option', () => {
  const { code, stdout } = run('--no-write');
  assert.equal(code, 0);
  for (const half of ['tuning', 'test'])
    assert.match(stdout, new RegExp(`== ${half} half: [\\d,]+ tools of [\\d,]+ servers ==`));
  assert.match(stdout, /annotations kept: agreement \d+\.\d% \(\d+\/\d+\)/);
  assert.match(stdout, /annotations stripped: agreement/);
  assert.match(stdout, /confusion matrix/);
  const bad = run('--bogus');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /Unknown option '--bogus'/);
});
