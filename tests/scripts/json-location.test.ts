import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson } from '#scripts/lib/policy-cli.ts';
import { AtlasError } from '#src/model/problems.ts';

/**
 * Counts JSON.parse calls while `fn` runs: locating a mistake must cost a handful of parses (it
 * grows with the logarithm of the size), never one parse per occurrence of the offending token.
 */
function countParses(fn: () => void): number {
  const original = JSON.parse;
  let calls = 0;
  JSON.parse = ((...args: Parameters<typeof JSON.parse>) => {
    calls++;
    return original(...args);
  }) as typeof JSON.parse;
  try {
    fn();
  } finally {
    JSON.parse = original;
  }
  return calls;
}

function messageOf(text: string): string {
  try {
    parseJson(text, 'The policy file "p.json"');
  } catch (err) {
    assert.ok(err instanceof AtlasError);
    return err.message;
  }
  assert.fail('the text parsed');
}

test('a 100 KB policy full of T tokens gets its mistake located with a few parses, at the right line and column', () => {
  // Thousands of "T" inside strings come first; the real mistake is a bare True on the last line.
  const filler = Array.from({ length: 5000 }, (_, i) => `    "T${i}": "T T T"`).join(',\n');
  const text = `{\n  "notes": {\n${filler}\n  },\n  "flag": True\n}\n`;
  assert.ok(text.length > 90_000);
  let message = '';
  const calls = countParses(() => (message = messageOf(text)));
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('True')) + 1;
  assert.match(message, new RegExp(`at line ${line}, column 11: Unexpected token 'T'`));
  assert.ok(calls <= 40, `${calls} parses`);
});

test('mistakes of every kind are located where they are', () => {
  assert.match(messageOf('{"a": 1,}'), /line 1, column 9/);
  assert.match(messageOf('{\n  "default": deny\n}'), /line 2, column 14/);
  assert.match(messageOf('{"a": "x"} trailing'), /line 1, column 12/);
  assert.match(messageOf('{"a": '), /line 1, column 7/);
  assert.match(messageOf('\uFEFF{"a": tru}'), /line 1, column 10/);
});
