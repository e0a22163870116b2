import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkRegex } from '#src/policy/index.ts';

/** Refused by the old backtracking heuristics; RE2 matches every one of them in linear time. */
const NESTED_REPEATS = [
  '(a+)+',
  '(a*)*b',
  '(?:a+)+$',
  '(?<word>a+)*',
  '^([a-z]+\\.)+com$',
  '(x+x+)+y',
  '(a{1,3}){2,}',
  '^(a+){4}$',
  '(?:\\w+\\s?){2}x',
  '^(\\w+\\s?)+$',
  '^(a?){25}a{25}$',
  '((ab)*)+',
  '(a|a)*',
  '(a|aa)+',
  '(ab|ac)*',
  '(\\d|x)+',
  '(.|a)+',
  '(a|)+',
  'a+b+c+d+e+f+g+h+i+j+k+l+m+n+o+p+q+r+s+t+u+v+w+x+y+z+',
];

const SAFE = [
  '^[a-z0-9_-]+$',
  '\\.\\./',
  '^/home/[^/]+/projects/',
  '(foo|bar)+',
  '(ab)+',
  '(a{3})+',
  '^(\\d{1,3}\\.){3}\\d{1,3}$',
  '^(https?://)?example\\.com/',
  '\\p{L}+',
  '[\\]]+',
];

describe('regex values', () => {
  for (const pattern of [...NESTED_REPEATS, ...SAFE]) {
    test(`accepts ${pattern}`, () => {
      assert.equal(checkRegex(pattern).ok, true);
    });
  }
  for (const pattern of ['(', '[a-', 'a{2,1}', '\\', '(?<n>a)(?<n>b)', '\\p{Nope}', '^(?!\\.)[\\w.-]+$']) {
    test(`refuses ${pattern}, which does not compile, and says why`, () => {
      const verdict = checkRegex(pattern);
      assert.equal(verdict.ok, false);
      assert.ok(!verdict.ok && verdict.reason.length > 0);
    });
  }
});
