import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uncheckedNote } from '#src/views/server-page.ts';
import type { ReviewReason } from '#src/classify/review.ts';

const of = (...reasons: ReviewReason[]) => reasons.map((reason) => ({ reason }));
const lead = (text: string) => text.slice(0, text.indexOf('. The policy'));

test('the server page counts its unchecked verdicts, the dangerous signs apart, in agreeing words', () => {
  assert.equal(
    lead(uncheckedNote(of('medium-confidence'))),
    '1 tool here carries a category that no editor has checked and that may be wrong: the classifier was unsure of it',
  );
  assert.equal(
    lead(uncheckedNote(of('low-confidence', 'medium-confidence'))),
    '2 tools here carry a category that no editor has checked and that may be wrong: the classifier was unsure of them',
  );
  assert.equal(
    lead(uncheckedNote(of('dangerous-sign'))),
    '1 tool here carries a category that no editor has checked and that may be wrong: the text of 1 reads like a Destructive or Financial tool under a lower verdict',
  );
  assert.equal(
    lead(uncheckedNote(of('dangerous-sign', 'dangerous-sign', 'low-confidence'))),
    '3 tools here carry a category that no editor has checked and that may be wrong: the text of 2 reads like a Destructive or Financial tool under a lower verdict and the classifier was unsure of 1 other',
  );
  assert.match(
    uncheckedNote(of('dangerous-sign', 'low-confidence', 'medium-confidence')),
    /unsure of 2 others\. The policy for the whole server follows these categories/,
  );
});

test('a definition changed since an editor set its category is counted apart, and the list reads as one sentence', () => {
  assert.equal(
    lead(uncheckedNote(of('definition-changed'))),
    "1 tool here carries a category that no editor has checked against the server's current definition and that may be wrong: the server changed the definition of 1 after an editor set its category",
  );
  assert.equal(
    lead(uncheckedNote(of('dangerous-sign', 'definition-changed', 'definition-changed', 'medium-confidence'))),
    "4 tools here carry a category that no editor has checked against the server's current definition and that may be wrong: the text of 1 reads like a Destructive or Financial tool under a lower verdict, the server changed the definitions of 2 after an editor set their category, and the classifier was unsure of 1 other",
  );
});
