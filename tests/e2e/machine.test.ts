/**
 * The catalogue for machines, on real builds: the sample catalogue as `npm test` builds it (no
 * site URL), and a fixture with hostile text built with a site URL for the sitemaps and head tags.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { DIST, ROOT } from '../helpers/server.ts';
import { buildSite, type BuildResult } from '../helpers/build.ts';
import { loadCatalogue } from '#src/catalogue/load.ts';
import {
  toolUrl,
  serverUrl,
  toolMarkdownUrl,
  serverMarkdownUrl,
  serverJsonUrl,
  serverPolicyUrl,
  serverCedarUrl,
  serverCedarSchemaUrl,
  catalogueJsonUrl,
  jsonSchemaUrl,
  llmsTxtUrl,
  sitemapIndexUrl,
} from '#src/views/urls.ts';
import type { IndexDocument, ServerDocument } from '#src/model/catalogue-json.ts';
import { CEDAR_FLAVOURS } from '#src/policy/index.ts';

const client = join(DIST, 'client');
const file = (root: string, path: string) => {
  const p = join(root, path.endsWith('/') ? `${path}index.html` : path);
  assert.ok(existsSync(p), `${path} exists in the build`);
  return readFileSync(p, 'utf8');
};
const read = (path: string) => file(client, path);

/** Decodes the entities Astro writes in attribute values. */
const unescape = (s: string) =>
  s
    .replaceAll('&quot;', '"')
    .replaceAll('&#34;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
const copies = (html: string) => [...html.matchAll(/<copy-button data-copy="([^"]*)"/g)].map((m) => unescape(m[1]!));

/** The fenced blocks of a Markdown file, by language. */
function fences(md: string): { lang: string; text: string }[] {
  const out: { lang: string; text: string }[] = [];
  const re = /^(`{3,})(\w*)\n([\s\S]*?)\n\1$/gm;
  for (const m of md.matchAll(re)) out.push({ lang: m[2]!, text: `${m[3]!}\n` });
  return out;
}

const SERVER = 'nikolaibibo-claude-comfyui-mcp';

test('every tool: page, Markdown twin and JSON hold the same policy.json and Cedar, byte for byte', () => {
  const doc = JSON.parse(read(serverJsonUrl(SERVER))) as ServerDocument;
  assert.equal(doc.tools.length, 14);
  for (const tool of doc.tools) {
    const html = read(toolUrl(SERVER, tool.name));
    const [pageJson, ...pageCedar] = copies(html);
    const md = fences(read(toolMarkdownUrl(SERVER, tool.name)));
    const mdJson = md.find((f) => f.lang === 'json' && f.text.includes('"version": "1"'));
    assert.equal(mdJson?.text, pageJson, `${tool.name}: Markdown policy`);
    assert.equal(`${JSON.stringify(tool.policy, null, 2)}\n`, pageJson, `${tool.name}: JSON policy`);
    const mdCedar = md.filter((f) => f.lang === 'cedar').map((f) => f.text);
    const jsonCedar = Object.values(tool.cedar).map((c) => c.policy);
    assert.equal(jsonCedar.length, CEDAR_FLAVOURS.length);
    assert.deepEqual(pageCedar, jsonCedar, `${tool.name}: page Cedar`);
    assert.deepEqual(mdCedar, jsonCedar, `${tool.name}: Markdown Cedar`);
    // Linked from the page.
    assert.ok(html.includes(`<link rel="alternate" type="text/markdown" href="${toolMarkdownUrl(SERVER, tool.name)}"`));
    assert.ok(html.includes(`<link rel="alternate" type="application/json" href="${serverJsonUrl(SERVER)}"`));
  }
});

test('the server: page, downloads, Markdown and JSON hold the same policies', () => {
  const html = read(serverUrl(SERVER));
  const doc = JSON.parse(read(serverJsonUrl(SERVER))) as ServerDocument;
  const [pageJson, ...pageCedar] = copies(html);
  assert.equal(read(serverPolicyUrl(SERVER)), pageJson);
  assert.equal(`${JSON.stringify(doc.policy, null, 2)}\n`, pageJson);
  const flavours = Object.keys(doc.cedar);
  assert.deepEqual(flavours, ['agentcore', 'toolhive', 'docker']);
  flavours.forEach((f, i) => {
    assert.equal(read(serverCedarUrl(SERVER, f)), doc.cedar[f]!.policy);
    assert.equal(pageCedar[i], doc.cedar[f]!.policy);
    assert.ok(html.includes(`href="${serverCedarUrl(SERVER, f)}"`), `the page offers ${f} as a download`);
    assert.ok(html.includes(`href="${serverCedarSchemaUrl(SERVER, f)}"`));
    assert.match(read(serverCedarSchemaUrl(SERVER, f)), /call_tool|CallTool|invokeTool/);
  });
  const md = fences(read(serverMarkdownUrl(SERVER)));
  assert.equal(md.find((f) => f.lang === 'json')?.text, pageJson);
  assert.deepEqual(
    md.filter((f) => f.lang === 'cedar').map((f) => f.text),
    flavours.map((f) => doc.cedar[f]!.policy),
  );
  assert.match(html, /What Cedar cannot say/);
  assert.match(html, /at most 30 calls per minute/);
});

test('the JSON documents validate against the published JSON Schemas', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  const validIndex = ajv.compile(JSON.parse(read(jsonSchemaUrl('index'))));
  const validServer = ajv.compile(JSON.parse(read(jsonSchemaUrl('server'))));
  const index = JSON.parse(read(catalogueJsonUrl())) as IndexDocument;
  assert.ok(validIndex(index), JSON.stringify(validIndex.errors));
  const live = loadCatalogue(join(ROOT, 'content')).catalogue.tools.filter((t) => !t.data.history?.removed).length;
  assert.equal(index.counts.tools, live);
  for (const s of index.servers) {
    const doc = JSON.parse(read(s.json));
    assert.ok(validServer(doc), `${s.id}: ${JSON.stringify(validServer.errors)}`);
    // The schema is not a formality: a document without its tools' policies fails it.
    const broken = structuredClone(doc) as { tools: Record<string, unknown>[] };
    delete broken.tools[0]!.policy;
    assert.equal(validServer(broken), false);
  }
});

test('llms.txt describes the catalogue and links every server’s Markdown; the footer links the outputs', () => {
  const llms = read(llmsTxtUrl());
  assert.match(llms, /^# Policy Atlas\n\n> /);
  assert.ok(llms.includes(serverMarkdownUrl(SERVER)));
  assert.ok(llms.includes(catalogueJsonUrl()));
  const home = read('/');
  for (const href of [llmsTxtUrl(), catalogueJsonUrl(), jsonSchemaUrl('index')])
    assert.ok(home.includes(`href="${href}"`), href);
});

test(
  'without a site URL in the config: no canonical, no og:url, no sitemap, and robots.txt names none',
  { skip: Boolean(process.env.ATLAS_SITE_URL) },
  () => {
    const html = read(toolUrl(SERVER, 'comfy_get_status'));
    const head = html.slice(0, html.indexOf('</head>'));
    assert.doesNotMatch(head, /rel="canonical"|og:url|example\.org/);
    assert.match(html, /<meta property="og:title" content="comfy_get_status \(ComfyUI MCP Server\)">/);
    assert.doesNotMatch(read('/robots.txt'), /Sitemap/);
    assert.ok(!existsSync(join(client, sitemapIndexUrl())));
  },
);

// A fixture built with a site URL: sitemaps and the full set of head tags.
const FIXTURE = join(ROOT, 'tests/fixtures/valid-hostile-text');
const SITE = 'https://atlas.example.net';
let built: BuildResult;
before(async () => {
  built = await buildSite(FIXTURE, { ATLAS_SITE_URL: SITE });
});

test('with a site URL: every tool and server page is in a sitemap named by robots.txt', () => {
  assert.equal(built.code, 0, built.output);
  const out = join(built.outDir, 'client');
  assert.match(file(out, '/robots.txt'), new RegExp(`^Sitemap: ${SITE}/sitemap-index\\.xml$`, 'm'));
  const index = file(out, sitemapIndexUrl());
  const maps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  assert.ok(maps.length >= 1);
  const urls = new Set(maps.flatMap((m) => [...file(out, m).matchAll(/<loc>([^<]+)<\/loc>/g)].map((x) => x[1]!)));
  const { catalogue } = loadCatalogue(FIXTURE, ROOT);
  for (const s of catalogue.servers) assert.ok(urls.has(`${SITE}${serverUrl(s.id)}`), s.id);
  for (const t of catalogue.tools) assert.ok(urls.has(`${SITE}${toolUrl(t.data.server, t.data.name)}`), t.id);
  assert.ok(catalogue.tools.length >= 2);
});

test('with a site URL: a tool page has its canonical link, og:* and twitter:card tags', () => {
  const out = join(built.outDir, 'client');
  const html = file(out, toolUrl('demo-server', 'read_notes'));
  const head = html.slice(0, html.indexOf('</head>'));
  const canonical = `${SITE}${toolUrl('demo-server', 'read_notes')}`;
  assert.ok(head.includes(`<link rel="canonical" href="${canonical}">`));
  assert.ok(head.includes(`<meta property="og:url" content="${canonical}">`));
  assert.match(head, /<meta property="og:title" content="read_notes \([^"]+\)">/);
  assert.match(head, /<meta property="og:description" content="read_notes on [^"]+">/);
  assert.match(head, /<meta property="og:type" content="article">/);
  assert.match(head, /<meta property="og:site_name" content="Policy Atlas">/);
  assert.match(head, /<meta name="twitter:card" content="summary">/);
});

test('hostile text from a server stays inside code in the Markdown twin', () => {
  const out = join(built.outDir, 'client');
  const md = file(out, toolMarkdownUrl('demo-server', 'read_notes'));
  const outside = md.replace(/^(`{3,})\w*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)[^`]*?\1/g, '');
  // Outside code, a server's text appears only with its markup characters backslash-escaped
  // (the generated summary quotes the description's first sentence), which Markdown shows as text.
  assert.doesNotMatch(outside, /(?<!\\)<(script|img|IMPORTANT>)/);
  assert.match(md, /<script>alert\('pwned'\)<\/script>/, 'the text is kept exactly as sent, inside code');
});

test('each Markdown twin has one top heading, its title; its sections sit below it', () => {
  const doc = JSON.parse(read(serverJsonUrl(SERVER))) as ServerDocument;
  const outsideFences = (md: string) => md.replace(/^(`{3,})\w*\n[\s\S]*?\n\1$/gm, '');
  const twins = [serverMarkdownUrl(SERVER), ...doc.tools.map((t) => toolMarkdownUrl(SERVER, t.name))];
  for (const twin of twins) {
    const tops = outsideFences(read(twin))
      .split('\n')
      .filter((l) => l.startsWith('# '));
    assert.equal(tops.length, 1, `${twin}: ${tops.join(' | ')}`);
  }
});
