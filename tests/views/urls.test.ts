import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverUrl, serverPolicyUrl, toolUrl } from '#src/views/urls.ts';
import { toolFileStem } from '#src/model/tool.ts';

const NAMES = [
  'index.html',
  'policy.json',
  'index',
  'tools',
  '..',
  '.',
  '.env',
  '_private',
  'trailing.',
  'con',
  'Foo',
  'a-b_c.d',
];

test('every tool page lives in its own folder under the server, apart from the server-level files', () => {
  for (const name of NAMES) {
    const url = toolUrl('demo', name);
    assert.ok(url.startsWith(`${serverUrl('demo')}tools/`), url);
    assert.ok(url.endsWith('/'), url);
    assert.notEqual(url, serverPolicyUrl('demo'));
    const segment = url.slice(`${serverUrl('demo')}tools/`.length, -1);
    assert.ok(!segment.includes('/'), url);
    assert.ok(!/^[._]/.test(segment), `${url} starts with a dot or an underscore`);
    assert.ok(!segment.endsWith('.'), `${url} ends with a dot`);
    assert.notEqual(
      new URL(url, 'https://x.example').pathname,
      serverUrl('demo'),
      `${url} resolves to the server page`,
    );
  }
});

test('distinct names never share a page or a file', () => {
  const stems = NAMES.map(toolFileStem);
  assert.equal(new Set(stems).size, NAMES.length);
  const urls = NAMES.map((n) => toolUrl('demo', n));
  assert.equal(new Set(urls).size, NAMES.length);
});

test('ordinary names stay readable', () => {
  assert.equal(toolUrl('demo', 'comfy_get_status'), '/servers/demo/tools/comfy_get_status/');
  assert.equal(toolFileStem('comfy_get_status'), 'comfy_get_status');
  assert.equal(toolFileStem('index.html'), 'index.html');
});
