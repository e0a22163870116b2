import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CODES, CODE_AREAS, PROBLEM_CODES, POLICY_CODES, codeArea, isProblemCode } from '#src/model/codes.ts';
import { problemCodeGroups, problemCodesMarkdown, README_MARKERS, withProblemCodes } from '#src/views/problems.ts';
import { ROOT } from '../helpers/server.ts';
import { sourceFiles } from '../helpers/source.ts';

const AREA_PREFIX = new RegExp(`^(${Object.keys(CODE_AREAS).join('|')})-[a-z0-9]+(-[a-z0-9]+)*$`);

/**
 * The string literals that sit where a problem code goes: a `code:` property, the first argument
 * of `new AtlasError(…)`, the code argument of `zodProblems(…)` and the contact route's
 * `refuse(status, code, …)`. Literals without an area prefix (the poisoning detector's flag codes,
 * which are findings stored in records, not problems) are left out.
 */
const CODE_POSITIONS = [
  /\bcode:\s*(['"])([^'"\n]+)\1/g,
  /\bnew AtlasError\(\s*(['"])([^'"\n]+)\1/g,
  /\bzodProblems\([^;]*?,\s*(['"])([^'"\n]+)\1/g,
  /\brefuse\(\s*\d+,\s*(['"])([^'"\n]+)\1/g,
];

function codesUsedIn(files: { file: string; text: string }[]): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const { file, text } of files) {
    for (const pattern of CODE_POSITIONS) {
      for (const m of text.matchAll(pattern)) {
        const code = m[2]!;
        if (!AREA_PREFIX.test(code)) continue;
        used.set(code, [...(used.get(code) ?? []), file]);
      }
    }
  }
  return used;
}

const source = sourceFiles('src', 'scripts').filter((f) => f.file !== join('src', 'model', 'codes.ts'));
const used = codesUsedIn(source);

test('every code used in src/ and scripts/ is in the registry', () => {
  const missing = [...used].filter(([code]) => !isProblemCode(code));
  assert.deepEqual(
    missing.map(([code, files]) => `${code} (${[...new Set(files)].join(', ')})`),
    [],
    'add these codes to src/model/codes.ts, with their summary, explanation and fix',
  );
});

test('every code in the registry is reported somewhere, so the docs describe nothing that cannot happen', () => {
  const unused = ALL_CODES.filter((code) => !used.has(code));
  assert.deepEqual(unused, []);
});

test('the scan finds codes of every area (it is not vacuous)', () => {
  for (const area of Object.keys(CODE_AREAS)) {
    assert.ok(
      [...used.keys()].some((code) => code.startsWith(`${area}-`)),
      `no ${area}-* code was found in the source`,
    );
  }
  // A code written where a code goes, but missing from the registry, is caught.
  const planted = codesUsedIn([{ file: 'x.ts', text: "throw new AtlasError(\n  'import-not-registered', 'x');" }]);
  assert.deepEqual([...planted.keys()], ['import-not-registered']);
  assert.ok(!isProblemCode('import-not-registered'));
});

test('every entry is documented: a one-line summary, an explanation and a fix, in sentences', () => {
  for (const code of ALL_CODES) {
    assert.match(code, AREA_PREFIX, `${code} must start with an area (${Object.keys(CODE_AREAS).join(', ')})`);
    assert.ok(codeArea(code) in CODE_AREAS);
    const doc = PROBLEM_CODES[code] as Record<string, unknown>;
    assert.deepEqual(Object.keys(doc).sort(), ['explanation', 'fix', 'summary'], code);
    for (const key of ['summary', 'explanation', 'fix'] as const) {
      const text = doc[key];
      assert.equal(typeof text, 'string', `${code}.${key}`);
      assert.ok((text as string).trim().length >= 10, `${code}.${key} is too short to help anyone`);
      assert.match(text as string, /[.?)]$/, `${code}.${key} must end as a sentence`);
      assert.ok(!(text as string).includes('\n'), `${code}.${key} must be one line of source text`);
      assert.equal(((text as string).match(/`/g) ?? []).length % 2, 0, `${code}.${key} has an unclosed code span`);
    }
    assert.ok((doc.summary as string).length <= 100, `${code}.summary must fit on one line`);
  }
});

test('the /problems/ page model lists every code once, under its area, linking to its own anchor', () => {
  const groups = problemCodeGroups();
  assert.deepEqual(
    groups.map((g) => g.area),
    Object.keys(CODE_AREAS),
  );
  const listed = groups.flatMap((g) => g.codes.map((c) => c.code));
  assert.deepEqual([...listed].sort(), [...ALL_CODES].sort());
  assert.equal(new Set(listed).size, listed.length);
  for (const g of groups) {
    for (const c of g.codes) {
      assert.equal(codeArea(c.code), g.area);
      assert.equal(c.href, `/problems/#${c.code}`);
      assert.equal(c.summary, PROBLEM_CODES[c.code].summary);
    }
  }
});

test("the README's Problem codes table is the one the registry makes (npm run codes:readme)", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  assert.ok(readme.includes(README_MARKERS.start) && readme.includes(README_MARKERS.end));
  assert.equal(readme, withProblemCodes(readme), 'README.md is out of date: run npm run codes:readme');
  const table = problemCodesMarkdown();
  for (const code of ALL_CODES) assert.ok(table.includes(`| \`${code}\` |`), code);
});

test('POLICY_CODES, the policy engine export, is the policy part of the registry', () => {
  assert.deepEqual(Object.keys(POLICY_CODES).sort(), ALL_CODES.filter((c) => c.startsWith('policy-')).sort());
});
