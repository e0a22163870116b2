import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkPolicyAgainstServer, evaluate, parsePolicy, validatePolicy, type ToolInfo } from '#src/policy/index.ts';

/** stripe's create_refund, as its record declares it: `amount` is an integer. */
const createRefund: ToolInfo = {
  name: 'create_refund',
  inputSchema: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    additionalProperties: false,
    properties: {
      amount: { description: 'The amount to refund in cents.', type: 'integer' },
      payment_intent: { description: 'The ID of the PaymentIntent to refund.', type: 'string' },
    },
    required: ['payment_intent'],
    type: 'object',
  },
};

const denyIf = (tool: string, path: string) =>
  parsePolicy({
    version: '1',
    default: 'deny',
    tools: { [tool]: { deny_if: [{ conditions: [{ path, op: 'gt', value: 1000 }], on_deny: 'Too much.' }] } },
  }).policy!;

describe('condition paths through an argument that has no fields', () => {
  test('a path through an integer argument is an unknown argument, since the rule would never fire', () => {
    const policy = denyIf('create_refund', 'args.amount.value');
    // The rule is inert: a huge refund is allowed.
    assert.equal(
      evaluate(policy, { tool: 'create_refund', args: { amount: 99_999_999, payment_intent: 'pi' } }).decision,
      'allowed',
    );
    const problems = checkPolicyAgainstServer(policy, [createRefund]);
    assert.deepEqual(
      problems.map((p) => [p.code, p.path, p.value]),
      [['policy-unknown-argument', 'tools.create_refund.deny_if[0].conditions[0].path', 'args.amount.value']],
    );
    const message = problems[0]!.message;
    assert.match(message, /"amount" is an integer, which has no field "value"/);
    assert.match(message, /Put the condition on "args\.amount" itself/);
    assert.match(message, /"lt"/, 'it names the operators that fit a number');
  });

  test('every type without fields counts, from "type", "enum", "const" or "anyOf"', () => {
    for (const schema of [
      { type: 'string' },
      { type: 'number' },
      { type: 'boolean' },
      { type: 'array', items: { type: 'object', properties: { v: { type: 'number' } } } },
      { type: ['string', 'null'] },
      { enum: ['a', 'b'] },
      { const: 3 },
      { anyOf: [{ type: 'string' }, { type: 'integer' }] },
    ]) {
      const tool: ToolInfo = { name: 't', inputSchema: { type: 'object', properties: { a: schema } } };
      assert.deepEqual(
        checkPolicyAgainstServer(denyIf('t', 'args.a.v'), [tool]).map((p) => p.code),
        ['policy-unknown-argument'],
        JSON.stringify(schema),
      );
    }
  });

  test('a schema that says too little, or allows an object, is still taken on trust', () => {
    for (const schema of [
      {},
      { description: 'anything' },
      { type: 'object' },
      { type: ['object', 'null'] },
      { type: 'object', additionalProperties: { type: 'number' } },
      { anyOf: [{ type: 'string' }, { description: 'anything' }] },
      { anyOf: [{ type: 'string' }, { type: 'object' }] },
    ]) {
      const tool: ToolInfo = { name: 't', inputSchema: { type: 'object', properties: { a: schema } } };
      assert.deepEqual(checkPolicyAgainstServer(denyIf('t', 'args.a.v'), [tool]), [], JSON.stringify(schema));
    }
    // A tool whose input schema gives no properties at all.
    assert.deepEqual(checkPolicyAgainstServer(denyIf('t', 'args.a.v'), [{ name: 't', inputSchema: {} }]), []);
  });
});

test('one report names every problem: a bad regex does not hide an unknown tool', () => {
  const { problems } = validatePolicy(
    {
      version: '1',
      default: 'deny',
      tools: {
        save: { require: [{ path: 'args.name', op: 'regex', value: '^(?!\\.\\.)[a-z]+$' }] },
        sav: { limits: [{ counter: 'x', window: 'minute', max: 5, scope: 'grant' }] },
      },
    },
    { tools: [{ name: 'save', inputSchema: { type: 'object', properties: { name: { type: 'string' } } } }] },
  );
  assert.deepEqual(
    problems.map((p) => p.code),
    ['policy-bad-regex', 'policy-unknown-tool'],
  );
});
