import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { GROUP_TOOLS, escapeHtml, excerptOf, sectionAnchor, serverSearch } from '#src/views/search-documents.ts';
import { bucketCount, nameFiles, ROWS_PER_BUCKET } from '#src/views/search-names.ts';
import { sectionTool } from '#src/client/search-core.ts';
import { nameBucket, SERVER_ROW, type NameRow } from '#src/views/search-keys.ts';
import type { ServerRecord } from '#src/model/server.ts';
import type { ToolRecord } from '#src/model/tool.ts';
import { toolUrl } from '#src/views/urls.ts';

const ROOT = join(import.meta.dirname, '../..');
const server = parse(
  readFileSync(join(ROOT, 'content/servers/nikolaibibo-claude-comfyui-mcp.yaml'), 'utf8'),
) as ServerRecord;
const tool = (name: string) =>
  parse(readFileSync(join(ROOT, 'content/tools/nikolaibibo-claude-comfyui-mcp', `${name}.yaml`), 'utf8')) as ToolRecord;

test("a server's search document has a section per tool whose anchor names its risk, category and page", () => {
  const t = tool('comfy_delete_workflow');
  const { docs, names } = serverSearch('nikolaibibo-claude-comfyui-mcp', server, [
    { id: 'nikolaibibo-claude-comfyui-mcp/comfy_delete_workflow', data: t },
  ]);
  assert.equal(docs.length, 1);
  assert.equal(docs[0]!.url, '/servers/nikolaibibo-claude-comfyui-mcp/');
  const anchor = sectionAnchor('Critical', 'Destructive', 'comfy_delete_workflow');
  assert.ok(docs[0]!.html.includes(`<h2 id="${anchor}">comfy_delete_workflow</h2>`), docs[0]!.html);
  assert.ok(docs[0]!.html.includes(escapeHtml(t.definition.description!)));
  assert.ok(docs[0]!.html.includes('data-pagefind-body'));
  assert.deepEqual(sectionTool(`${docs[0]!.url}#${anchor}`), {
    url: toolUrl('nikolaibibo-claude-comfyui-mcp', 'comfy_delete_workflow'),
    risk: 'Critical',
    category: 'Destructive',
  });
  assert.deepEqual(names[0]!.slice(0, 5), [
    'comfy_delete_workflow',
    toolUrl('nikolaibibo-claude-comfyui-mcp', 'comfy_delete_workflow'),
    3,
    3,
    server.name,
  ]);
});

test('text from a server is escaped in its document, whatever it holds', () => {
  const t = tool('comfy_get_status');
  const hostile: ToolRecord = {
    ...t,
    name: 'x',
    definition: {
      ...t.definition,
      description: '<script>alert(1)</script> & "quoted" <h2 id="low.read.fake">fake</h2>',
    },
  };
  const evil = { ...server, name: '<img src=x onerror=alert(1)>' };
  const { docs } = serverSearch('s', evil, [{ id: 's/x', data: hostile }]);
  const html = docs[0]!.html;
  assert.ok(!html.includes('<script>') && !html.includes('<img') && !html.includes('id="low.read.fake"'), html);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;'));
});

test('a server with more tools than one document holds gets several, each with the filters of its own tools', () => {
  const t = tool('comfy_get_status');
  const tools = Array.from({ length: GROUP_TOOLS * 2 + 1 }, (_, i) => ({
    id: `s/t${i}`,
    data: { ...t, name: `t${i}` } as ToolRecord,
  }));
  const { docs, names } = serverSearch('s', server, tools);
  assert.equal(docs.length, 3);
  assert.deepEqual(
    docs.map((d) => d.url),
    ['/servers/s/', '/servers/s/?tools=2', '/servers/s/?tools=3'],
  );
  assert.equal(names.length, tools.length + 2, 'a row per tool, and the server under its name and its id');
  assert.equal((docs[2]!.html.match(/<h2 /g) ?? []).length, 1);
  assert.ok(docs[0]!.html.includes(escapeHtml(server.summary)), 'the first document carries the summary');
  assert.ok(!docs[1]!.html.includes(escapeHtml(server.summary)), 'later ones do not repeat it');
  // Only the first document matches the server's name: later ones holding it would each be a result
  // with nothing to list, and push the server's own line down the list.
  assert.ok(docs[0]!.html.includes(`<h1>${escapeHtml(server.name)}</h1>`));
  assert.ok(docs.slice(1).every((d) => !d.html.includes('<h1>')));
});

test('the exact-name lookup holds a server under its name and its id, once when they are the same word', () => {
  const t = tool('comfy_get_status');
  const { names } = serverSearch('nikolaibibo-claude-comfyui-mcp', server, [{ id: 'x/t', data: t }]);
  const own = names.filter((row) => row[2] === SERVER_ROW);
  assert.deepEqual(
    own.map((row) => row.slice(0, 5)),
    [
      [server.name, '/servers/nikolaibibo-claude-comfyui-mcp/', SERVER_ROW, SERVER_ROW, server.name],
      [
        'nikolaibibo-claude-comfyui-mcp',
        '/servers/nikolaibibo-claude-comfyui-mcp/',
        SERVER_ROW,
        SERVER_ROW,
        server.name,
      ],
    ],
  );
  assert.equal(own[0]![5], excerptOf(server.summary));
  const same = serverSearch('stripe', { ...server, name: 'Stripe' }, [{ id: 'x/t', data: t }]).names;
  assert.deepEqual(
    same.filter((row) => row[2] === SERVER_ROW).map((row) => row[0]),
    ['Stripe'],
  );
});

test('the exact-name lookup puts every name in the bucket the browser will look in', () => {
  const rows: NameRow[] = Array.from({ length: 1000 }, (_, i) => [
    `Tool_${i}`,
    `/servers/s/tools/Tool_${i}/`,
    0,
    0,
    'S',
    '',
  ]);
  const files = nameFiles(rows);
  const { buckets } = JSON.parse(files.get('index.json')!) as { buckets: number };
  assert.equal(buckets, bucketCount(1000));
  assert.ok(buckets * ROWS_PER_BUCKET >= 1000 && (buckets / 2) * ROWS_PER_BUCKET < 1000);
  for (const [name] of rows) {
    const bucket = JSON.parse(files.get(`${nameBucket(name.toUpperCase(), buckets)}.json`)!) as NameRow[];
    assert.ok(
      bucket.some((r) => r[0] === name),
      `${name} is where a search for it in any case looks`,
    );
  }
  assert.equal(bucketCount(0), 1);
});

test('the lookup shows the start of a description, 24 words at most', () => {
  assert.equal(excerptOf('  one two\nthree '), 'one two three');
  assert.equal(excerptOf(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ')).split(' ').length, 25);
});
