import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  activeFilters,
  decodeEntities,
  exactFirst,
  excerptSegments,
  isTypingTarget,
  moveActive,
  orderValues,
  parseState,
  safeUrl,
  stateToQuery,
} from '#src/client/search-core.ts';

test('a search URL is read into a query and the three filters, ignoring blanks and unknown parameters', () => {
  assert.deepEqual(parseState('?q=+comfy_get_status+&risk=Critical&category=&server=ComfyUI%20MCP%20Server&page=2'), {
    q: 'comfy_get_status',
    filters: { risk: 'Critical', server: 'ComfyUI MCP Server' },
  });
  assert.deepEqual(parseState(''), { q: '', filters: {} });
});

test('a search is written back to the URL in a fixed order, so it round-trips', () => {
  const state = { q: 'delete file', filters: { server: 'A & B', risk: 'High' } };
  const query = stateToQuery(state);
  assert.equal(query, '?q=delete+file&risk=High&server=A+%26+B');
  assert.deepEqual(parseState(query), state);
  assert.equal(stateToQuery({ q: '  ', filters: {} }), '');
});

test('only filters with a value are passed to Pagefind', () => {
  assert.deepEqual(activeFilters({ q: '', filters: { risk: 'Low', category: undefined, server: '' } }), {
    risk: 'Low',
  });
});

test('a page titled exactly as the query moves to the front and the rest keep their order', () => {
  const items = ['comfy_get_queue', 'comfy_get_status', 'ComfyUI MCP Server', 'Comfy_Get_Status'].map((title) => ({
    title,
  }));
  const ordered = exactFirst(items, ' comfy_get_status ', (i) => i.title).map((i) => i.title);
  assert.deepEqual(ordered, ['comfy_get_status', 'Comfy_Get_Status', 'comfy_get_queue', 'ComfyUI MCP Server']);
  assert.deepEqual(
    exactFirst(items, '', (i) => i.title),
    items,
  );
  assert.deepEqual(
    exactFirst(items, 'files.read', (i) => i.title),
    items,
  );
});

test('an excerpt becomes text and highlighted runs, and markup in page text stays text', () => {
  assert.deepEqual(excerptSegments('Reports the <mark>status</mark> of a job &amp; its queue'), [
    { text: 'Reports the ', mark: false },
    { text: 'status', mark: true },
    { text: ' of a job & its queue', mark: false },
  ]);
  const hostile = excerptSegments('&lt;img src=x onerror=alert(1)&gt; <script>x</script> <mark>read</mark>');
  assert.equal(hostile.map((s) => s.text).join(''), '<img src=x onerror=alert(1)> <script>x</script> read');
  assert.deepEqual(
    hostile.filter((s) => s.mark).map((s) => s.text),
    ['read'],
  );
});

test('character references decode, and unknown or out-of-range ones are left as written', () => {
  assert.equal(decodeEntities('&#39;a&#x27; &quot;b&quot; &lt;&gt; &nbsp;'), `'a' "b" <> \u00a0`);
  assert.equal(decodeEntities('&bogus; &#0; &#x110000;'), '&bogus; &#0; &#x110000;');
});

test('filter values follow severity or category order first, then the alphabet', () => {
  assert.deepEqual(orderValues(['Low', 'Critical', 'Medium', 'High'], ['Critical', 'High', 'Medium', 'Low']), [
    'Critical',
    'High',
    'Medium',
    'Low',
  ]);
  assert.deepEqual(orderValues(['b server', 'A server', 'c']), ['A server', 'b server', 'c']);
});

test('arrow keys stay inside the result list', () => {
  assert.equal(moveActive(-1, 1, 3), 0);
  assert.equal(moveActive(2, 1, 3), 2);
  assert.equal(moveActive(0, -1, 3), 0);
  assert.equal(moveActive(1, -1, 3), 0);
  assert.equal(moveActive(0, 1, 0), -1);
});

test('only site-relative result URLs are followed', () => {
  assert.equal(safeUrl('/servers/a/b/'), '/servers/a/b/');
  assert.equal(safeUrl('//evil.example/'), undefined);
  assert.equal(safeUrl('javascript:alert(1)'), undefined);
  assert.equal(safeUrl(undefined), undefined);
});

test('the slash shortcut is left alone while the visitor types in a field', () => {
  assert.equal(isTypingTarget({ tagName: 'INPUT' }), true);
  assert.equal(isTypingTarget({ tagName: 'textarea' }), true);
  assert.equal(isTypingTarget({ tagName: 'DIV', isContentEditable: true }), true);
  assert.equal(isTypingTarget({ tagName: 'BODY' }), false);
  assert.equal(isTypingTarget(null), false);
});
