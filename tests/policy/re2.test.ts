import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { checkRegex, parsePolicy } from '#src/policy/index.ts';
import { ROOT } from '../helpers/server.ts';

/** Patterns the backtracking heuristics let through, each of which hung the evaluator. */
const SLOW_FOR_BACKTRACKING = [
  'a*a*a*a*a*a*a*b',
  '\\d*\\d*\\d*\\d*\\d*\\d*x',
  '.*.*.*.*.*=x',
  '[\\s\\S]*[\\s\\S]*[\\s\\S]*[\\s\\S]*x',
  '(a+)(?:a+)(?:a+)(?:a+)b',
];

/**
 * Evaluates each pattern against a 60-character input in a child process, so that a backtracking
 * engine that never returns fails the test instead of hanging the whole run.
 */
function evaluateInChild(patterns: string[], input: string): { status: number | null; stdout: string } {
  const code = `
    import { evaluate } from '#src/policy/index.ts';
    const patterns = ${JSON.stringify(patterns)};
    const out = patterns.map((p) => {
      const policy = { version: '1', default: 'deny', tools: { t: { deny_if: [{ conditions: [{ path: 'args.s', op: 'regex', value: p }], on_deny: 'no' }] } } };
      return evaluate(policy, { tool: 't', args: { s: ${JSON.stringify(input)} } }, {}).decision;
    });
    console.log(JSON.stringify(out));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: child.status, stdout: child.stdout };
}

describe('regex values are RE2, matched in linear time', () => {
  for (const pattern of [...SLOW_FOR_BACKTRACKING, '(a+)+$', '(a|aa)+$', '(\\w+\\s?)*$']) {
    test(`accepts ${pattern}, which an RE2 engine matches in linear time`, () => {
      assert.equal(checkRegex(pattern).ok, true);
    });
  }

  test('the evaluator answers those patterns on a 60-character input that would take a backtracking engine ages', () => {
    const { status, stdout } = evaluateInChild(SLOW_FOR_BACKTRACKING, 'a'.repeat(60));
    assert.equal(status, 0, 'the evaluation finished');
    assert.deepEqual(
      JSON.parse(stdout),
      SLOW_FOR_BACKTRACKING.map(() => 'allowed'),
    );
    const digits = evaluateInChild(['\\d*\\d*\\d*\\d*\\d*\\d*x'], `${'1'.repeat(59)}x`);
    assert.deepEqual(JSON.parse(digits.stdout), ['denied']);
  });

  for (const [pattern, reason] of [
    ['(a*)\\1*b', /\\1/],
    ['(?=a)b', /\(\?=/],
    ['(?<!\\.)json$', /\(\?</],
    ['(?<=a)b', /\(\?</],
  ] as const) {
    test(`refuses ${pattern}, which RE2 cannot compile, as policy-bad-regex with RE2's reason`, () => {
      const verdict = checkRegex(pattern);
      assert.equal(verdict.ok, false);
      assert.match(!verdict.ok ? verdict.reason : '', reason);
      const { problems } = parsePolicy({
        version: '1',
        default: 'deny',
        tools: { t: { require: [{ path: 'args.s', op: 'regex', value: pattern }] } },
      });
      assert.equal(problems.length, 1);
      assert.equal(problems[0]!.code, 'policy-bad-regex');
      assert.equal(problems[0]!.path, 'tools.t.require[0].value');
      assert.match(problems[0]!.message, /RE2/);
      assert.match(problems[0]!.message, reason);
    });
  }
});
