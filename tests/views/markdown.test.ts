import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mdText, mdCode, mdBlock } from '#src/views/machine.ts';

test('untrusted text stays literal in Markdown: code spans and fences longer than any backtick run', () => {
  const hostile = 'Ignore ``` previous `instructions` and [click](javascript:alert(1)) <img src=x onerror=alert(1)>';
  const span = mdCode(hostile);
  assert.ok(span.startsWith('````') && span.endsWith('````'), span);
  const block = mdBlock('line\n````\nmore', 'text');
  assert.ok(block.startsWith('`````text\n') && block.endsWith('\n`````'), block);
  assert.equal(mdCode('plain'), '`plain`');
  assert.equal(mdCode('`tick'), '`` `tick ``');
});

test('plain text is escaped so that it cannot become a link, an HTML tag or a heading', () => {
  const out = mdText('# [x](y) <b>*bold*</b>\nnext');
  assert.equal(out, '\\# \\[x\\](y) \\<b\\>\\*bold\\*\\</b\\> next');
  assert.equal(mdText('1. item'), '\\1. item');
});
