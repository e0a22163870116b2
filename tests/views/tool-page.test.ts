import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policyVerdict } from '#src/views/tool-page.ts';
import { nameParts } from '#src/views/tool-view.ts';
import { recommendedPolicy, type Policy } from '#src/policy/index.ts';

test('the verdict reads each recommended rule as the evaluator applies it', () => {
  const kinds = (['Read', 'Write', 'Execute', 'Destructive', 'Financial'] as const).map(
    (c) => policyVerdict(recommendedPolicy('x', c), 'x').kind,
  );
  assert.deepEqual(kinds, ['allowed', 'limited', 'limited', 'hidden', 'approval']);
  assert.equal(policyVerdict(recommendedPolicy('x', 'Execute'), 'x').text, 'Allowed, at most 10 calls a minute.');
});

test('a tool the policy does not list falls to the default, and conditions are named', () => {
  const policy = {
    version: '1',
    default: 'deny',
    tools: { y: { require: [{ path: 'args.a', op: 'exists', value: true }] } },
  } as Policy;
  assert.equal(policyVerdict(policy, 'x').kind, 'denied');
  assert.deepEqual(policyVerdict(policy, 'y'), {
    kind: 'conditional',
    label: 'Conditional',
    text: 'Allowed when its conditions hold.',
  });
});

test('long names are cut after separators only, and the parts join back to the name', () => {
  assert.deepEqual(nameParts('comfy_get_status'), ['comfy_', 'get_', 'status']);
  assert.deepEqual(nameParts('files.read-text/v2'), ['files.', 'read-', 'text/', 'v2']);
  assert.deepEqual(nameParts('trailing_'), ['trailing_']);
  for (const name of ['a__b', '_x', 'plain']) assert.equal(nameParts(name).join(''), name);
});
