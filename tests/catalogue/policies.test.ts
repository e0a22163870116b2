import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approvalSnippet, blockSnippet, rateAnswerSnippet, rateLimitSnippet } from '#src/catalogue/policies.ts';
import { checkRiskPromise } from '#src/policy/index.ts';
import { CATEGORIES, CATEGORY_RISK, RISK_LEVELS } from '#src/model/taxonomy.ts';

const tool = (risk: (typeof RISK_LEVELS)[number]) => ({
  name: 'drop_table',
  risk,
  inputSchema: { type: 'object', properties: { table: { type: 'string' } }, required: ['table'] },
});

test("the FAQ's rate-limit answer keeps the risk promise of every category's default level", () => {
  for (const category of CATEGORIES) {
    const risk = CATEGORY_RISK[category];
    assert.deepEqual(checkRiskPromise(rateAnswerSnippet('drop_table', category, risk), tool(risk)), [], category);
  }
});

test('a Critical tool is answered with approval, because a limit alone would break its promise', () => {
  assert.deepEqual(rateAnswerSnippet('drop_table', 'Destructive', 'Critical'), approvalSnippet('drop_table'));
  const limitOnly = checkRiskPromise(rateLimitSnippet('drop_table', 'Destructive'), tool('Critical'));
  assert.equal(limitOnly[0]?.code, 'policy-risk-mismatch', 'the check the build runs catches a limit-only answer');
});

test("the FAQ's block answer lets no call through", () => {
  assert.deepEqual(checkRiskPromise(blockSnippet('drop_table'), tool('Critical')), []);
});
