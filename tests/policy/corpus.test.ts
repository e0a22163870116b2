import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { validatePolicy, parsePolicy, printPolicy, POLICY_CODES } from '#src/policy/index.ts';
import { INVALID, VALID, FIXTURE_TOOLS } from '../fixtures/policies/corpus.ts';

const promisesFor = (names: string[] = []) => names.map((n) => FIXTURE_TOOLS.find((t) => t.name === n)!);

describe('the invalid corpus', () => {
  test('holds at least 40 policies and covers every required code', () => {
    assert.ok(INVALID.length >= 40, `only ${INVALID.length} invalid policies`);
    const codes = new Set(INVALID.map((c) => c.code));
    for (const code of [
      'policy-schema',
      'policy-unknown-tool',
      'policy-hidden-and-listed',
      'policy-unknown-argument',
      'policy-operator-type',
      'policy-bad-regex',
      'policy-duplicate-counter',
      'policy-risk-mismatch',
    ]) {
      assert.ok(codes.has(code), `no invalid policy produces ${code}`);
      assert.ok(code in POLICY_CODES, `${code} is not documented in POLICY_CODES`);
    }
  });

  for (const c of INVALID) {
    test(`rejects a policy where ${c.name}, with ${c.code} at "${c.path}"`, () => {
      const { policy, problems } = validatePolicy(c.policy, {
        tools: FIXTURE_TOOLS,
        promises: promisesFor(c.promises),
      });
      assert.equal(policy, undefined);
      assert.deepEqual(
        problems.map((p) => [p.code, p.path]),
        [[c.code, c.path]],
        `expected exactly one problem, got:\n${problems.map((p) => `${p.code} ${p.path}: ${p.message}`).join('\n')}`,
      );
      const [problem] = problems;
      assert.match(problem!.message, /^[A-Z"].*[.?]$/s, 'the message is one or more full sentences');
      assert.doesNotMatch(
        problem!.message,
        /Invalid input|expected nonoptional|Invalid key in record/,
        'no raw zod text',
      );
      if (c.says)
        assert.ok(
          problem!.message.includes(c.says),
          `the message should say ${JSON.stringify(c.says)}: ${problem!.message}`,
        );
    });
  }
});

describe('the valid corpus', () => {
  for (const c of VALID) {
    test(`accepts ${c.name}`, () => {
      const { policy, problems } = validatePolicy(c.policy, {
        tools: FIXTURE_TOOLS,
        promises: promisesFor(c.promises),
      });
      assert.deepEqual(
        problems.map((p) => `${p.code} ${p.path}: ${p.message}`),
        [],
      );
      assert.ok(policy);
    });
  }

  test('every valid policy prints to canonical JSON that parses back to the same policy', () => {
    for (const c of VALID) {
      const { policy } = parsePolicy(c.policy);
      assert.ok(policy, c.name);
      const printed = printPolicy(policy);
      assert.deepEqual(parsePolicy(JSON.parse(printed)).policy, policy, c.name);
      assert.equal(printPolicy(parsePolicy(JSON.parse(printed)).policy!), printed, c.name);
    }
  });
});

describe('problems for a user', () => {
  test('a long emoji regex is counted in code points and quoted without a broken character', () => {
    const regex = (value: string) =>
      parsePolicy({
        version: '1',
        default: 'deny',
        tools: { t: { require: [{ path: 'args.q', op: 'regex', value }] } },
      });
    // 202 characters (404 UTF-16 units) is within the limit of 256.
    assert.deepEqual(regex('^' + '😀'.repeat(201)).problems, []);
    const { problems } = regex('^' + '😀'.repeat(300));
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /at most 256 characters/);
    assert.ok(problems[0]!.message.isWellFormed(), problems[0]!.message);
  });

  test('a policy with several mistakes reports every one of them at once', () => {
    const { problems } = parsePolicy({
      version: '1',
      default: 'deny',
      tools: {
        a: {
          require: [{ path: 'args.x', op: 'regex', value: '(x+)\\1' }],
          limits: [
            { counter: 'c', window: 'minute', max: 0, scope: 'grant' },
            { counter: 'c', window: 'minute', max: 5, scope: 'grant' },
          ],
        },
      },
    });
    assert.deepEqual(problems.map((p) => p.code).sort(), [
      'policy-bad-regex',
      'policy-duplicate-counter',
      'policy-schema',
    ]);
  });

  test('each problem carries the bad value', () => {
    const { problems } = validatePolicy(
      { version: '1', default: 'deny', tools: { get_itme: {} } },
      { tools: FIXTURE_TOOLS },
    );
    assert.equal(problems[0]!.value, 'get_itme');
  });

  test('an unknown tool far from every real name still gets the closest suggestion', () => {
    const { problems } = validatePolicy(
      { version: '1', default: 'deny', tools: { zzz: {} } },
      { tools: [{ name: 'comfy_get_status' }] },
    );
    assert.match(problems[0]!.message, /Did you mean "comfy_get_status"\?/);
  });
});
