import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  evaluate,
  conditionHolds,
  counterKey,
  limitsFor,
  parsePolicy,
  type Condition,
  type Policy,
} from '#src/policy/index.ts';

/** Parses through the real schema, so every table row is also a valid policy. */
function policy(p: unknown): Policy {
  const { policy, problems } = parsePolicy(p);
  assert.deepEqual(problems, []);
  return policy!;
}

type Row = [op: Condition['op'], value: Condition['value'], args: Record<string, unknown>, holds: boolean];

// Each row: a condition on `args.v` (unless noted), the call's args, and whether it holds.
const ROWS: Row[] = [
  ['eq', 5, { v: 5 }, true],
  ['eq', 5, { v: 6 }, false],
  ['eq', 5, { v: '5' }, false],
  ['eq', 'a', { v: 'a' }, true],
  ['eq', true, { v: true }, true],
  ['eq', true, { v: 'true' }, false],
  ['eq', null, { v: null }, true],
  ['eq', null, {}, false],
  ['eq', 'a', { v: ['a'] }, false],
  ['eq', 5, {}, false],
  ['neq', 5, { v: 6 }, true],
  ['neq', 5, { v: 5 }, false],
  ['neq', 5, { v: '5' }, true],
  ['neq', 'a', { v: { x: 1 } }, true],
  ['neq', 5, {}, false],
  ['lt', 10, { v: 9 }, true],
  ['lt', 10, { v: 10 }, false],
  ['lt', 10, { v: '9' }, false],
  ['lt', 10, {}, false],
  ['lte', 10, { v: 10 }, true],
  ['lte', 10, { v: 10.5 }, false],
  ['lte', 10, {}, false],
  ['gt', 10, { v: 11 }, true],
  ['gt', 10, { v: 10 }, false],
  ['gt', 10, { v: true }, false],
  ['gt', 10, {}, false],
  ['gte', 10, { v: 10 }, true],
  ['gte', 10, { v: 9.99 }, false],
  ['gte', -1, { v: null }, false],
  ['gte', 10, {}, false],
  ['in', ['a', 1, true], { v: 'a' }, true],
  ['in', ['a', 1, true], { v: 1 }, true],
  ['in', ['a', 1, true], { v: true }, true],
  ['in', ['a', 1, true], { v: '1' }, false],
  ['in', ['a', 1, true], { v: 'true' }, false],
  ['in', ['a', 1, true], { v: false }, false],
  ['in', ['a', 1, true], { v: ['a'] }, false],
  ['in', ['a', 1, true], {}, false],
  ['not_in', ['a', 1, true], { v: 'b' }, true],
  ['not_in', ['a', 1, true], { v: '1' }, true],
  ['not_in', ['a', 1, true], { v: 1 }, false],
  ['not_in', ['a', 1, true], { v: true }, false],
  ['not_in', ['a', 1, true], {}, false],
  ['exists', true, { v: 0 }, true],
  ['exists', true, { v: null }, true],
  ['exists', true, {}, false],
  ['exists', false, {}, true],
  ['exists', false, { v: false }, false],
  ['exists', false, { v: undefined }, true],
  ['regex', '^[a-z]+\\.json$', { v: 'flow.json' }, true],
  ['regex', '^[a-z]+\\.json$', { v: '../flow.json' }, false],
  ['regex', '\\.\\./', { v: 'a/../b' }, true],
  ['regex', '^\\p{Lu}', { v: 'Élan' }, true],
  ['regex', '^1', { v: 12 }, false],
  ['regex', '.*', {}, false],
  ['contains', 'secret', { v: 'top secret plan' }, true],
  ['contains', 'secret', { v: 'public' }, false],
  ['contains', 'x', { v: ['x', 'y'] }, true],
  ['contains', 'x', { v: ['xy'] }, false],
  ['contains', '1', { v: [1] }, false],
  ['contains', 'x', { v: { x: 1 } }, false],
  ['contains', 'x', {}, false],
];

describe('conditions', () => {
  for (const [op, value, args, holds] of ROWS) {
    test(`"${op}" ${JSON.stringify(value)} ${holds ? 'holds' : 'fails'} for args ${JSON.stringify(args)}`, () => {
      assert.equal(conditionHolds({ path: 'args.v', op, value }, args), holds);
    });
  }

  test('every operator has at least one row that holds and one that fails', () => {
    for (const op of ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'not_in', 'exists', 'regex', 'contains']) {
      const rows = ROWS.filter((r) => r[0] === op);
      assert.ok(rows.some((r) => r[3]) && rows.some((r) => !r[3]), op);
    }
  });

  test('a nested path is followed through objects and is absent when a step is missing or not an object', () => {
    const c: Condition = { path: 'args.options.force', op: 'eq', value: true };
    assert.equal(conditionHolds(c, { options: { force: true } }), true);
    assert.equal(conditionHolds(c, { options: {} }), false);
    assert.equal(conditionHolds(c, { options: 'force' }), false);
    assert.equal(conditionHolds(c, { options: [true] }), false);
    assert.equal(conditionHolds(c, {}), false);
    assert.equal(conditionHolds({ path: 'args.options.force', op: 'exists', value: false }, { options: 'x' }), true);
  });

  test('inherited properties of the arguments object are not arguments', () => {
    assert.equal(conditionHolds({ path: 'args.constructor', op: 'exists', value: true }, {}), false);
    assert.equal(conditionHolds({ path: 'args.toString', op: 'exists', value: false }, {}), true);
  });

  test('a call without args behaves like a call with empty args', () => {
    assert.equal(conditionHolds({ path: 'args.v', op: 'exists', value: false }, undefined), true);
    assert.equal(conditionHolds({ path: 'args.v', op: 'eq', value: 1 }, undefined), false);
  });
});

describe('evaluate', () => {
  const p = policy({
    version: '1',
    default: 'deny',
    hide: ['wipe'],
    all_tools: { limits: [{ counter: 'c', window: 'day', max: 100, scope: 'grant' }] },
    tools: {
      pay: {
        require: [
          { path: 'args.currency', op: 'in', value: ['EUR', 'USD'] },
          { path: 'args.note', op: 'exists', value: false },
        ],
        deny_if: [
          { conditions: [{ path: 'args.amount', op: 'gt', value: 1000 }], on_deny: 'Large payments need approval.' },
          {
            conditions: [
              { path: 'args.amount', op: 'gt', value: 100 },
              { path: 'args.currency', op: 'eq', value: 'USD' },
            ],
            on_deny: 'USD payments over 100 need approval.',
          },
        ],
        limits: [{ counter: 'c', window: 'minute', max: 3, scope: 'grant' }],
      },
      read: {},
    },
  });
  const ok = { currency: 'EUR', amount: 10 };

  test('a hidden tool is hidden, by the rule "hide"', () => {
    const d = evaluate(p, { tool: 'wipe', args: {} });
    assert.equal(d.decision, 'hidden');
    assert.equal(d.rule, 'hide');
  });

  test('hide ["*"] hides every tool, listed or not, even under default allow', () => {
    const all = policy({ version: '1', default: 'allow', hide: ['*'] });
    for (const tool of ['pay', 'read', 'anything']) assert.equal(evaluate(all, { tool }).decision, 'hidden');
  });

  test('a failed requirement denies the call and names the path', () => {
    const d = evaluate(p, { tool: 'pay', args: { currency: 'GBP', amount: 1 } });
    assert.deepEqual([d.decision, d.rule], ['denied', 'tools.pay.require[0]']);
    assert.match(d.message, /requirement not met/);
    assert.match(d.message, /"args\.currency"/);
    assert.match(d.message, /"GBP"/);
  });

  test('an absent required path denies the call, and says it is missing', () => {
    const d = evaluate(p, { tool: 'pay', args: { amount: 1 } });
    assert.deepEqual([d.decision, d.rule], ['denied', 'tools.pay.require[0]']);
    assert.match(d.message, /missing/);
  });

  test('exists: false in require denies a call that has the argument', () => {
    const d = evaluate(p, { tool: 'pay', args: { ...ok, note: 'x' } });
    assert.deepEqual([d.decision, d.rule], ['denied', 'tools.pay.require[1]']);
  });

  test('the first deny rule whose conditions all hold decides, with its on_deny', () => {
    assert.deepEqual(evaluate(p, { tool: 'pay', args: { currency: 'USD', amount: 5000 } }), {
      decision: 'denied',
      rule: 'tools.pay.deny_if[0]',
      message: 'Large payments need approval.',
    });
    const second = evaluate(p, { tool: 'pay', args: { currency: 'USD', amount: 500 } });
    assert.deepEqual(
      [second.decision, second.rule, second.message],
      ['denied', 'tools.pay.deny_if[1]', 'USD payments over 100 need approval.'],
    );
    assert.equal(evaluate(p, { tool: 'pay', args: { currency: 'EUR', amount: 500 } }).decision, 'allowed');
  });

  test('a deny rule with no conditions denies every call', () => {
    const q = policy({
      version: '1',
      default: 'allow',
      tools: { pay: { deny_if: [{ conditions: [], on_deny: 'pay needs a person.' }] } },
    });
    assert.deepEqual(evaluate(q, { tool: 'pay', args: {} }), {
      decision: 'denied',
      rule: 'tools.pay.deny_if[0]',
      message: 'pay needs a person.',
    });
  });

  test('requirements are checked before deny rules, and deny rules before limits', () => {
    const key = counterKey({ tool: 'pay' }, 'c');
    assert.equal(
      evaluate(p, { tool: 'pay', args: { currency: 'GBP', amount: 5000 } }, { [key]: 3 }).rule,
      'tools.pay.require[0]',
    );
    assert.equal(
      evaluate(p, { tool: 'pay', args: { currency: 'EUR', amount: 5000 } }, { [key]: 3 }).rule,
      'tools.pay.deny_if[0]',
    );
  });

  test('a call is allowed when its counter is one below max, and rate-limited at exactly max', () => {
    const key = counterKey({ tool: 'pay' }, 'c');
    const below = evaluate(p, { tool: 'pay', args: ok }, { [key]: 2 });
    assert.equal(below.decision, 'allowed');
    assert.deepEqual(below.count, [key, counterKey('all_tools', 'c')]);
    const at = evaluate(p, { tool: 'pay', args: ok }, { [key]: 3 });
    assert.deepEqual([at.decision, at.rule], ['rate-limited', 'tools.pay.limits[0]']);
    assert.match(at.message, /3 calls per minute/);
    assert.equal(evaluate(p, { tool: 'pay', args: ok }, { [key]: 4 }).decision, 'rate-limited');
  });

  test('all_tools limits are checked after the tool limits, and apply to listed tools', () => {
    const all = counterKey('all_tools', 'c');
    assert.equal(evaluate(p, { tool: 'read' }, { [all]: 99 }).decision, 'allowed');
    const d = evaluate(p, { tool: 'read' }, { [all]: 100 });
    assert.deepEqual([d.decision, d.rule], ['rate-limited', 'all_tools.limits[0]']);
  });

  test('a tool counter and an all_tools counter with the same name have different keys', () => {
    assert.notEqual(counterKey({ tool: 'pay' }, 'c'), counterKey('all_tools', 'c'));
    assert.deepEqual(
      limitsFor(p, 'pay').map((l) => l.key),
      ['tools.pay/c', 'all_tools/c'],
    );
    // The tool's own counter at max does not limit another tool through the shared name.
    assert.equal(evaluate(p, { tool: 'read' }, { 'tools.pay/c': 3 }).decision, 'allowed');
  });

  test('an unlisted tool is denied by default deny, by the rule "default"', () => {
    assert.deepEqual(
      [evaluate(p, { tool: 'other' }).decision, evaluate(p, { tool: 'other' }).rule],
      ['denied', 'default'],
    );
  });

  test('an unlisted tool under default allow is allowed, still subject to all_tools limits', () => {
    const q = policy({
      version: '1',
      default: 'allow',
      all_tools: { limits: [{ counter: 'calls', window: 'hour', max: 1, scope: 'grant' }] },
    });
    const d = evaluate(q, { tool: 'any' });
    assert.deepEqual([d.decision, d.rule, d.count], ['allowed', 'default', ['all_tools/calls']]);
    assert.deepEqual(
      [
        evaluate(q, { tool: 'any' }, { 'all_tools/calls': 1 }).decision,
        evaluate(q, { tool: 'any' }, { 'all_tools/calls': 1 }).rule,
      ],
      ['rate-limited', 'all_tools.limits[0]'],
    );
  });

  test('a tool listed with an empty rule is allowed with nothing to count', () => {
    const q = policy({ version: '1', default: 'deny', tools: { read: {} } });
    assert.deepEqual(evaluate(q, { tool: 'read', args: { anything: 1 } }), {
      decision: 'allowed',
      rule: 'tools.read',
      message: 'The call to "read" is allowed by its rule.',
      count: [],
    });
  });

  test('the evaluator changes neither the policy, the call nor the counters, and repeats itself', () => {
    const before = structuredClone(p);
    const args = { ...ok };
    const counters = { 'tools.pay/c': 1 };
    const first = evaluate(p, { tool: 'pay', args }, counters);
    const second = evaluate(p, { tool: 'pay', args }, counters);
    assert.deepEqual(first, second);
    assert.deepEqual(p, before);
    assert.deepEqual(args, ok);
    assert.deepEqual(counters, { 'tools.pay/c': 1 });
  });

  test('a tool named like an Object property is not mistaken for a listed tool', () => {
    assert.equal(
      evaluate(policy({ version: '1', default: 'deny', tools: {} }), { tool: 'constructor' }).decision,
      'denied',
    );
  });
});
