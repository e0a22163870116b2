import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  recommendedPolicy,
  rateCounter,
  serverPolicy,
  printPolicy,
  evaluate,
  validatePolicy,
  checkRiskPromise,
  limitsFor,
  parsePolicy,
  RECOMMENDED_MAX,
} from '#src/policy/index.ts';
import { CATEGORIES, CATEGORY_RISK } from '#src/model/taxonomy.ts';
import { matchingString } from '#src/policy/promise.ts';
import { RE2JS } from 're2js';

describe('the recommended rule of each category', () => {
  test('Read is an empty rule for the tool', () => {
    assert.deepEqual(recommendedPolicy('X', 'Read'), { version: '1', default: 'deny', tools: { X: {} } });
  });
  test('Write limits the tool to 30 calls a minute, Execute to 10', () => {
    for (const [category, max] of [
      ['Write', 30],
      ['Execute', 10],
    ] as const) {
      assert.deepEqual(recommendedPolicy('X', category), {
        version: '1',
        default: 'deny',
        tools: { X: { limits: [{ counter: 'X_rate', window: 'minute', max, scope: 'grant' }] } },
      });
    }
    assert.deepEqual(RECOMMENDED_MAX, { Write: 30, Execute: 10 });
  });
  test('Destructive hides the tool', () => {
    assert.deepEqual(recommendedPolicy('X', 'Destructive'), { version: '1', default: 'deny', hide: ['X'] });
  });
  test("Financial denies every call pending a person's approval", () => {
    assert.deepEqual(recommendedPolicy('X', 'Financial'), {
      version: '1',
      default: 'deny',
      tools: { X: { deny_if: [{ conditions: [], on_deny: "X needs a person's approval." }] } },
    });
  });

  for (const category of CATEGORIES) {
    const risk = CATEGORY_RISK[category];
    test(`the ${category} rule evaluates as its risk level (${risk}) promises`, () => {
      const policy = recommendedPolicy('tool_x', category);
      assert.deepEqual(parsePolicy(policy).problems, []);
      const call = { tool: 'tool_x', args: { a: 1 } };
      const fresh = evaluate(policy, call);
      if (risk === 'Low') {
        assert.equal(fresh.decision, 'allowed');
        assert.deepEqual(fresh.count, []);
      } else if (risk === 'Medium' || risk === 'High') {
        assert.equal(fresh.decision, 'allowed');
        const [limit] = limitsFor(policy, 'tool_x');
        assert.ok(limit);
        assert.equal(limit.max, risk === 'Medium' ? 30 : 10);
        assert.deepEqual(fresh.count, [limit.key]);
        assert.equal(evaluate(policy, call, { [limit.key]: limit.max - 1 }).decision, 'allowed');
        assert.equal(evaluate(policy, call, { [limit.key]: limit.max }).decision, 'rate-limited');
      } else {
        assert.ok(['hidden', 'denied'].includes(fresh.decision), fresh.decision);
        assert.equal(evaluate(policy, { tool: 'tool_x' }).decision, fresh.decision);
      }
      assert.deepEqual(checkRiskPromise(policy, { name: 'tool_x', risk }), []);
    });
  }

  test('a rule from another risk level breaks the promise of a stricter one', () => {
    assert.equal(
      checkRiskPromise(recommendedPolicy('t', 'Read'), { name: 't', risk: 'Medium' })[0]?.code,
      'policy-risk-mismatch',
    );
    assert.equal(
      checkRiskPromise(recommendedPolicy('t', 'Execute'), { name: 't', risk: 'Critical' })[0]?.code,
      'policy-risk-mismatch',
    );
    assert.equal(
      checkRiskPromise(recommendedPolicy('t', 'Destructive'), { name: 't', risk: 'Low' })[0]?.code,
      'policy-risk-mismatch',
    );
  });

  test("the risk check meets the rule's own requirements before deciding a Low tool is blocked", () => {
    const policy = parsePolicy({
      version: '1',
      default: 'deny',
      tools: {
        t: {
          require: [
            { path: 'args.n', op: 'gt', value: 5 },
            { path: 'args.mode', op: 'eq', value: 'safe' },
          ],
        },
      },
    }).policy!;
    assert.deepEqual(
      checkRiskPromise(policy, {
        name: 't',
        risk: 'Low',
        inputSchema: {
          type: 'object',
          properties: { n: { type: 'number' }, mode: { type: 'string' } },
          required: ['n'],
        },
      }),
      [],
    );
  });

  test('the risk check builds a value each pattern of the rule matches, in RE2 spellings too', () => {
    const schema = {
      type: 'object',
      properties: { path: { type: 'string' }, id: { type: 'string' }, name: { type: 'string' } },
      required: ['path', 'id'],
    };
    const limits = [{ counter: 't_rate', window: 'minute' as const, max: 10, scope: 'grant' as const }];
    for (const patterns of [
      ['^/opt/mcp/'],
      ['^(pi_[a-z]+)+$', '\\A[a-z_]{3,8}\\z'],
      ['(?i)^report-\\d{4}\\.(csv|json)$'],
      ['^(?P<scheme>https?)://[^/]+/'],
    ]) {
      const policy = parsePolicy({
        version: '1',
        default: 'deny',
        tools: { t: { require: patterns.map((value) => ({ path: 'args.path', op: 'regex', value })), limits } },
      }).policy!;
      assert.deepEqual(
        checkRiskPromise(policy, { name: 't', risk: 'High', inputSchema: schema }),
        [],
        patterns.join(' '),
      );
    }
  });

  test('a pattern no string can meet still fails the promise of a tool that must allow calls', () => {
    const policy = parsePolicy({
      version: '1',
      default: 'deny',
      tools: {
        t: {
          require: [
            { path: 'args.path', op: 'regex', value: '^a$' },
            { path: 'args.path', op: 'regex', value: '^b$' },
          ],
        },
      },
    }).policy!;
    assert.equal(checkRiskPromise(policy, { name: 't', risk: 'Low' })[0]?.code, 'policy-risk-mismatch');
  });

  /** stripe's create_refund: `amount` is optional. */
  const refundSchema = {
    type: 'object',
    properties: { amount: { type: 'integer' }, payment_intent: { type: 'string' } },
    required: ['payment_intent'],
    additionalProperties: false,
  };
  const refundPolicy = (rule: unknown) =>
    parsePolicy({ version: '1', default: 'deny', tools: { create_refund: rule } });

  test('a Critical tool cannot escape the check with a deny rule that holds only when an optional argument is absent', () => {
    const { policy, problems } = refundPolicy({
      deny_if: [{ conditions: [{ path: 'args.amount', op: 'exists', value: false }], on_deny: 'Give an amount.' }],
    });
    assert.deepEqual(problems, []);
    // The rule allows any refund that names an amount.
    assert.equal(
      evaluate(policy!, { tool: 'create_refund', args: { payment_intent: 'pi_1', amount: 999_999 } }).decision,
      'allowed',
    );
    const found = checkRiskPromise(policy!, { name: 'create_refund', risk: 'Critical', inputSchema: refundSchema });
    assert.deepEqual(
      found.map((p) => [p.code, p.path]),
      [['policy-risk-mismatch', 'tools.create_refund']],
    );
    assert.match(found[0]!.message, /"amount":1/);
  });

  test('the calls that make deny_if arguments present also meet the require conditions, regex ones too', () => {
    const { policy } = refundPolicy({
      require: [{ path: 'args.payment_intent', op: 'regex', value: '^pi_[0-9]{4}$' }],
      deny_if: [{ conditions: [{ path: 'args.amount', op: 'exists', value: false }], on_deny: 'Give an amount.' }],
    });
    const found = checkRiskPromise(policy!, { name: 'create_refund', risk: 'Critical', inputSchema: refundSchema });
    assert.equal(found[0]?.code, 'policy-risk-mismatch');
    assert.match(found[0]!.message, /"payment_intent":"pi_0000"/);
  });

  test('a mix of present and absent arguments, or a nested one, is found too', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'string' },
        b: { type: 'string' },
        options: { type: 'object', properties: { force: { type: 'boolean' } } },
      },
    };
    const absent = (path: string) => ({ conditions: [{ path, op: 'exists', value: false }], on_deny: 'No.' });
    const present = (path: string) => ({ conditions: [{ path, op: 'exists', value: true }], on_deny: 'No.' });
    for (const deny_if of [
      [present('args.a'), absent('args.b')],
      [absent('args.options.force')],
      [absent('args.a'), absent('args.b'), absent('args.options.force')],
    ]) {
      const policy = parsePolicy({ version: '1', default: 'deny', tools: { t: { deny_if } } }).policy!;
      assert.equal(
        checkRiskPromise(policy, { name: 't', risk: 'Critical', inputSchema: schema })[0]?.code,
        'policy-risk-mismatch',
        JSON.stringify(deny_if),
      );
    }
  });

  test('a Critical rule that denies every call whatever its arguments still passes', () => {
    for (const rule of [
      { deny_if: [{ conditions: [], on_deny: 'Ask a person.' }] },
      {
        deny_if: [
          { conditions: [{ path: 'args.amount', op: 'exists', value: false }], on_deny: 'Give an amount.' },
          { conditions: [{ path: 'args.amount', op: 'exists', value: true }], on_deny: 'Ask a person.' },
        ],
      },
      {
        require: [{ path: 'args.amount', op: 'exists', value: false }],
        deny_if: [{ conditions: [{ path: 'args.amount', op: 'exists', value: false }], on_deny: 'Ask a person.' }],
      },
    ]) {
      const { policy } = refundPolicy(rule);
      assert.deepEqual(
        checkRiskPromise(policy!, { name: 'create_refund', risk: 'Critical', inputSchema: refundSchema }),
        [],
        JSON.stringify(rule),
      );
    }
  });

  test('no call the check builds can reach Object.prototype through a "__proto__" path', () => {
    const policy = parsePolicy({
      version: '1',
      default: 'deny',
      tools: {
        t: {
          require: [{ path: 'args.__proto__.polluted', op: 'eq', value: 'yes' }],
          deny_if: [{ conditions: [{ path: 'args.__proto__.other', op: 'exists', value: false }], on_deny: 'No.' }],
        },
      },
    }).policy!;
    const root = Object.prototype as Record<string, unknown>;
    try {
      checkRiskPromise(policy, { name: 't', risk: 'Low' });
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(({} as Record<string, unknown>).other, undefined);
    } finally {
      delete root.polluted;
      delete root.other;
    }
  });

  test('matchingString gives a string RE2 matches, or nothing for a pattern randexp cannot read', () => {
    for (const pattern of ['^[a-zA-Z0-9_-]+$', '\\.txt$', '^\\w+@\\w+\\.com$', '(?is)^a.b$'])
      assert.ok(
        RE2JS.compile(pattern)
          .matcher(matchingString(pattern) ?? '\u0000')
          .find(),
        pattern,
      );
    assert.equal(matchingString('(?<!x)y'), undefined);
  });
});

describe('serverPolicy', () => {
  const tools = [
    { name: 'b_read', category: 'Read' as const },
    { name: 'a_delete', category: 'Destructive' as const },
    { name: 'c_write', category: 'Write' as const },
    { name: 'd_pay', category: 'Financial' as const },
  ];

  test('puts every tool under its recommended rule, in the order given, with default deny', () => {
    const policy = serverPolicy(tools);
    assert.equal(policy.default, 'deny');
    assert.deepEqual(policy.hide, ['a_delete']);
    assert.deepEqual(Object.keys(policy.tools!), ['b_read', 'c_write', 'd_pay']);
    const promises = tools.map((t) => ({ name: t.name, risk: CATEGORY_RISK[t.category] }));
    assert.deepEqual(validatePolicy(policy, { tools, promises }).problems, []);
  });

  test("takes an override's entry for its tool, from tools or from hide", () => {
    const override = parsePolicy({
      version: '1',
      default: 'allow',
      hide: ['b_read'],
      tools: { c_write: { limits: [{ counter: 'w', window: 'hour', max: 5, scope: 'grant' }] } },
    }).policy!;
    const policy = serverPolicy([
      { ...tools[0]!, override },
      { ...tools[2]!, override },
      { name: 'e_exec', category: 'Execute', override },
    ]);
    assert.deepEqual(policy, {
      version: '1',
      default: 'deny',
      hide: ['b_read'],
      tools: { c_write: { limits: [{ counter: 'w', window: 'hour', max: 5, scope: 'grant' }] } },
    });
  });

  test('leaves out hide and tools when nothing goes there', () => {
    assert.deepEqual(serverPolicy([]), { version: '1', default: 'deny' });
  });
});

describe('printPolicy', () => {
  test('prints keys in the fixed order with two-space indent and a trailing newline', () => {
    const shuffled = {
      tools: {
        z_tool: {
          limits: [{ scope: 'grant', max: 2, window: 'hour', counter: 'z' }],
          deny_if: [{ on_deny: 'No.', conditions: [{ value: true, op: 'eq', path: 'args.f' }] }],
          require: [{ value: ['a', 1], op: 'in', path: 'args.k' }],
        },
        a_tool: {},
      },
      all_tools: { limits: [{ scope: 'grant', counter: 'all', max: 9, window: 'day' }] },
      hide: ['h'],
      default: 'deny',
      version: '1',
    };
    const { policy } = parsePolicy(shuffled);
    assert.equal(
      printPolicy(policy!),
      `{
  "version": "1",
  "default": "deny",
  "hide": [
    "h"
  ],
  "all_tools": {
    "limits": [
      {
        "counter": "all",
        "window": "day",
        "max": 9,
        "scope": "grant"
      }
    ]
  },
  "tools": {
    "z_tool": {
      "require": [
        {
          "path": "args.k",
          "op": "in",
          "value": [
            "a",
            1
          ]
        }
      ],
      "deny_if": [
        {
          "conditions": [
            {
              "path": "args.f",
              "op": "eq",
              "value": true
            }
          ],
          "on_deny": "No."
        }
      ],
      "limits": [
        {
          "counter": "z",
          "window": "hour",
          "max": 2,
          "scope": "grant"
        }
      ]
    },
    "a_tool": {}
  }
}
`,
    );
  });

  test('prints the recommended Read rule as a small, stable document', () => {
    assert.equal(
      printPolicy(recommendedPolicy('X', 'Read')),
      '{\n  "version": "1",\n  "default": "deny",\n  "tools": {\n    "X": {}\n  }\n}\n',
    );
  });
});

test('a rate-limit counter fits 64 characters for any valid tool name, and long names keep distinct counters', () => {
  assert.equal(rateCounter('send_email'), 'send_email_rate');
  const a = `update_${'x'.repeat(121)}`;
  const b = `update_${'x'.repeat(120)}y`;
  assert.equal(a.length, 128);
  for (const name of [a, b]) {
    assert.ok(rateCounter(name).length <= 64, rateCounter(name));
    const tools = [{ name, inputSchema: { type: 'object', properties: {} } }];
    const promises = [{ name, risk: 'Medium' as const }];
    assert.deepEqual(validatePolicy(recommendedPolicy(name, 'Write'), { tools, promises }).problems, []);
  }
  assert.notEqual(rateCounter(a), rateCounter(b));
});
