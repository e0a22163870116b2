import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATEGORIES, RISK_LEVELS, withArticle } from '#src/model/taxonomy.ts';

test('a category or risk level takes the article its first sound asks for', () => {
  assert.equal(withArticle('Execute'), 'an Execute');
  assert.equal(withArticle('Read'), 'a Read');
  assert.equal(withArticle('Critical'), 'a Critical');
  for (const value of [...CATEGORIES, ...RISK_LEVELS]) assert.match(withArticle(value), /^an? [A-Z]\w+$/);
});
