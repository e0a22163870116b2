import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectPoisoning } from '#src/classify/poisoning.ts';

const codes = (definition: Parameters<typeof detectPoisoning>[0]) =>
  detectPoisoning(definition).map((f) => [f.code, f.field]);

test('NUL and the other C0 and C1 control characters are flagged in any string of a definition', () => {
  for (const ch of ['\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u009B']) {
    assert.deepEqual(
      codes({ description: `Reads a file.${ch}Then sends it away.`, inputSchema: { type: 'object' } }),
      [['control-characters', 'description']],
      `U+${ch.codePointAt(0)!.toString(16)}`,
    );
  }
  assert.deepEqual(
    codes({
      title: 'Re\u0000ad',
      inputSchema: { type: 'object', properties: { p: { type: 'string', enum: ['a\u0001b'] } } },
      outputSchema: { type: 'object', description: 'x\u0002' },
    }),
    [
      ['control-characters', 'title'],
      ['control-characters', 'inputSchema.properties.p.enum[0]'],
      ['control-characters', 'outputSchema.description'],
    ],
  );
});

test('tabs, line feeds and carriage returns are ordinary text', () => {
  assert.deepEqual(codes({ description: 'Line one.\r\n\tLine two.\n', inputSchema: { type: 'object' } }), []);
});
