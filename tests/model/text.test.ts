import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeSpan, codeSpans } from '#src/model/text.ts';

test('code spans open and close on backtick runs of one length, and a run nothing closes is text', () => {
  assert.deepEqual(codeSpans('Set `overwrite` to true.'), [
    { code: false, text: 'Set ' },
    { code: true, text: 'overwrite' },
    { code: false, text: ' to true.' },
  ]);
  assert.deepEqual(codeSpans('a `b'), [{ code: false, text: 'a `b' }]);
  assert.deepEqual(codeSpans('``x`y`` and `z`'), [
    { code: true, text: 'x`y' },
    { code: false, text: ' and ' },
    { code: true, text: 'z' },
  ]);
  assert.deepEqual(codeSpans(''), [{ code: false, text: '' }]);
});

test('a name written with codeSpan reads back exactly, whatever backticks or spaces it holds', () => {
  for (const name of ['plain', 'x`<img src=x onerror=alert(1)>`y', '`start', 'end`', 'a``b', ' padded ', '  ']) {
    const spans = codeSpans(`parameter ${codeSpan(name)} added`);
    assert.deepEqual(spans[1], { code: true, text: name }, JSON.stringify(name));
    assert.equal(spans.length, 3, JSON.stringify(name));
  }
});
