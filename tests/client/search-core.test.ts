import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '../helpers/server.ts';
import {
  activeFilters,
  decodeEntities,
  exactItems,
  resultItems,
  sectionTool,
  type NameRow,
  type ResultData,
  withoutLeadingName,
  exactFirst,
  excerptSegments,
  isTypingTarget,
  moveActive,
  orderValues,
  parseState,
  resolveServer,
  safeUrl,
  stateToQuery,
} from '#src/client/search-core.ts';
import { SERVER_ROW } from '#src/views/search-keys.ts';

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

test("a server's document gives one line per matching tool section, most matches first, filtered tool by tool", () => {
  const data: ResultData = {
    url: '/servers/s/',
    excerpt: '',
    meta: { kind: 'server', title: 'S Server' },
    sub_results: [
      { title: 'S Server', url: '/servers/s/', excerpt: 'the <mark>S</mark> server', locations: [1] },
      { title: 'read_a', url: '/servers/s/#low.read.read_a', excerpt: 'a', locations: [5] },
      { title: 'drop_b', url: '/servers/s/#critical.destructive.drop_b', excerpt: 'b', locations: [9, 12] },
      { title: 'quiet', url: '/servers/s/#low.read.quiet', excerpt: 'c', locations: [] },
    ],
  };
  assert.deepEqual(
    resultItems(data, true, {}).map((i) => [i.title, i.kind, i.url, i.risk]),
    [
      ['drop_b', 'tool', '/servers/s/tools/drop_b/', 'Critical'],
      ['S Server', 'server', '/servers/s/', undefined],
      ['read_a', 'tool', '/servers/s/tools/read_a/', 'Low'],
    ],
  );
  assert.deepEqual(
    resultItems(data, true, { risk: 'Critical' }).map((i) => i.title),
    ['drop_b'],
  );
  assert.deepEqual(
    resultItems(data, true, { category: 'Read' }).map((i) => i.title),
    ['read_a'],
  );
  // A guide is one line, as Pagefind gives it.
  assert.deepEqual(resultItems({ url: '/method/', excerpt: 'x', meta: { kind: 'guide', title: 'Method' } }, true, {}), [
    { url: '/method/', title: 'Method', kind: 'guide', excerpt: 'x' },
  ]);
});

test('a search by filters alone lists every tool section of a document, from its headings', () => {
  const data: ResultData = {
    url: '/servers/s/?tools=2',
    excerpt: '',
    meta: { kind: 'server', title: 'S' },
    content: 'S drop_b Drops a table <b> for good. read_a Reads a row.',
    anchors: [
      { id: 'critical.destructive.drop_b', text: 'drop_b', location: 1 },
      { id: 'low.read.read_a', text: 'read_a', location: 8 },
    ],
  };
  const items = resultItems(data, false, { risk: 'Critical' });
  assert.deepEqual(items, [
    {
      url: '/servers/s/tools/drop_b/',
      title: 'drop_b',
      kind: 'tool',
      risk: 'Critical',
      server: 'S',
      excerpt: 'Drops a table &lt;b&gt; for good.',
    },
  ]);
  assert.deepEqual(excerptSegments(items[0]!.excerpt), [{ text: 'Drops a table <b> for good.', mark: false }]);
});

test('section anchors that are not ours give no tool', () => {
  assert.equal(sectionTool('/servers/s/'), undefined);
  assert.equal(sectionTool('/servers/s/#nope.read.x'), undefined);
  assert.equal(sectionTool('/servers/s/#low.read.'), undefined);
  assert.equal(sectionTool('/servers/s/#low.read.%E0'), undefined);
  assert.deepEqual(sectionTool('/servers/s/?tools=2#high.execute.a.b.c'), {
    url: '/servers/s/tools/a.b.c/',
    risk: 'High',
    category: 'Execute',
  });
});

test('the exact-name rows list a tool whatever the case typed, and respect every filter', () => {
  const rows: NameRow[] = [
    ['Get_Thing', '/servers/a/tools/Get_Thing/', 0, 0, 'A', 'Gets a <thing>.'],
    ['get_thing', '/servers/b/tools/get_thing/', 3, 3, 'B', ''],
    ['get_things', '/servers/c/tools/get_things/', 0, 0, 'C', ''],
  ];
  assert.deepEqual(
    exactItems(rows, ' GET_THING ', {}).map((i) => i.url),
    ['/servers/a/tools/Get_Thing/', '/servers/b/tools/get_thing/'],
  );
  assert.equal(exactItems(rows, 'get_thing', {})[0]!.excerpt, 'Gets a &lt;thing&gt;.');
  assert.deepEqual(
    exactItems(rows, 'get_thing', { risk: 'Critical' }).map((i) => i.server),
    ['B'],
  );
  assert.deepEqual(
    exactItems(rows, 'get_thing', { category: 'Read', server: 'A' }).map((i) => i.server),
    ['A'],
  );
  assert.deepEqual(exactItems(rows, 'get_thing', { server: 'C' }), []);
});

test('a query naming a server lists the server before any tool of that name, unless a risk or category filter is set', () => {
  const rows: NameRow[] = [
    ['github', '/servers/a/tools/github/', 1, 0, 'Git Tools', 'Calls GitHub.'],
    ['GitHub', '/servers/github/', SERVER_ROW, SERVER_ROW, 'GitHub', 'Repositories & <issues>.'],
    ['Git Tools', '/servers/a/', SERVER_ROW, SERVER_ROW, 'Git Tools', ''],
  ];
  const items = exactItems(rows, 'github', {});
  assert.deepEqual(
    items.map((i) => [i.kind, i.url, i.title]),
    [
      ['server', '/servers/github/', 'GitHub'],
      ['tool', '/servers/a/tools/github/', 'github'],
    ],
  );
  assert.equal(items[0]!.risk, undefined);
  assert.equal(items[0]!.excerpt, 'Repositories &amp; &lt;issues&gt;.');
  assert.deepEqual(
    exactItems(rows, 'git tools', {}).map((i) => i.url),
    ['/servers/a/'],
    'a server name may have spaces',
  );
  assert.deepEqual(
    exactItems(rows, 'github', { risk: 'Medium' }).map((i) => i.kind),
    ['tool'],
  );
  assert.deepEqual(
    exactItems(rows, 'github', { server: 'GitHub' }).map((i) => i.kind),
    ['server'],
  );
});

test("a server filter given as the server's id or in another case finds the server's name", () => {
  const known = ['Stripe', 'Microsoft 365', 'GitHub'];
  const rows: NameRow[] = [
    ['ms-365', '/servers/ms-365/', SERVER_ROW, SERVER_ROW, 'Microsoft 365', ''],
    ['ms-365', '/servers/x/tools/ms-365/', 0, 0, 'GitHub', ''],
  ];
  assert.equal(resolveServer('Stripe', known, []), 'Stripe');
  assert.equal(resolveServer('stripe', known, []), 'Stripe');
  assert.equal(resolveServer('MS-365', known, rows), 'Microsoft 365');
  assert.equal(resolveServer('strpe', known, []), undefined);
  // A tool's row of the same name is not a server.
  assert.equal(resolveServer('ms-365', ['GitHub'], rows), undefined);
});

test("a tool's excerpt does not repeat the tool's name, which the result line shows", () => {
  assert.equal(
    withoutLeadingName('<mark>comfy_submit_workflow.</mark> Submit a <mark>workflow</mark>.', 'comfy_submit_workflow'),
    'Submit a <mark>workflow</mark>.',
  );
  assert.equal(withoutLeadingName('get.thing. Gets a thing.', 'get.thing'), 'Gets a thing.');
  // Only a leading name goes; the same name later in the text stays, and a longer name is not cut.
  assert.equal(withoutLeadingName('Calls drop_b first.', 'drop_b'), 'Calls drop_b first.');
  assert.equal(withoutLeadingName('getXthing. Text', 'get.thing'), 'getXthing. Text');
});

test('the search code the browser loads imports no schema library: zod alone would triple its bundle', () => {
  // Value imports only: `import type` and `{ type X }` are erased before the browser sees them.
  const VALUE_IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)([^;'"`]*?)\bfrom\s*['"]([^'"]+)['"]/g;
  const typeOnly = (names: string) =>
    /^\{[^}]*\}$/.test(names.trim()) &&
    names
      .trim()
      .slice(1, -1)
      .split(',')
      .every((n) => !n.trim() || /^type\s/.test(n.trim()));
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(VALUE_IMPORT)) {
      const [, names, spec] = m as unknown as [string, string, string];
      if (typeOnly(names)) continue;
      if (spec.startsWith('#src/')) visit(join('src', spec.slice('#src/'.length)));
      else if (spec.startsWith('.')) visit(join(dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit('src/client/search-ui.ts');
  assert.ok(seen.has('src/model/levels.ts'), `the walk reached: ${[...seen].join(', ')}`);
  assert.deepEqual([...packages], []);
});
