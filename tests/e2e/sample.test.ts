import { toolUrl } from '#src/views/urls.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from '../helpers/server.ts';
import { loadCatalogue } from '#src/catalogue/load.ts';
import { parsePolicy, printPolicy, recommendedPolicy, evaluate } from '#src/policy/index.ts';
import { ALL_CODES } from '#src/model/codes.ts';

const SERVER = 'nikolaibibo-claude-comfyui-mcp';
const client = join(DIST, 'client');
/** A built page, without the <wbr> line-break hints that long names carry. */
const page = (path: string) => readFileSync(join(client, path, 'index.html'), 'utf8').replaceAll('<wbr>', '');
const { catalogue } = loadCatalogue(join(import.meta.dirname, '../../content'));
const tools = catalogue.tools.filter((t) => t.data.server === SERVER);

/** Decodes the few entities Astro writes in attribute values. */
const unescape = (s: string) =>
  s
    .replaceAll('&quot;', '"')
    .replaceAll('&#34;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
const copyText = (html: string) => {
  const m = /<copy-button data-copy="([^"]*)"/.exec(html);
  assert.ok(m, 'the page has a copy button');
  return unescape(m[1]!);
};

test('the sample catalogue has the 14 tools of the ComfyUI server, classified as SAMPLE-SERVER.md says', () => {
  assert.equal(tools.length, 14);
  const expected: Record<string, string> = {
    comfy_submit_workflow: 'Execute',
    comfy_generate_simple: 'Execute',
    comfy_get_status: 'Read',
    comfy_wait_for_completion: 'Read',
    comfy_list_models: 'Read',
    comfy_save_workflow: 'Write',
    comfy_load_workflow: 'Read',
    comfy_list_workflows: 'Read',
    comfy_delete_workflow: 'Destructive',
    comfy_get_queue: 'Read',
    comfy_cancel_generation: 'Destructive',
    comfy_clear_queue: 'Destructive',
    comfy_upload_image: 'Write',
    comfy_get_output_images: 'Read',
  };
  for (const t of tools)
    assert.equal(t.data.editorial?.category ?? t.data.classification.category, expected[t.data.name], t.data.name);
});

test('every tool page exists at /servers/<server-id>/tools/<tool-name>/ and leads with its policy, then the reasons', () => {
  const order = [
    'id="policy"',
    'class="policy-block"',
    'id="what"',
    'id="why"',
    'id="try"',
    'id="definition"',
    'id="attacks"',
    'id="faq-heading"',
    'id="related"',
  ];
  for (const t of tools) {
    const html = page(toolUrl(SERVER, t.data.name).slice(1, -1));
    const badge = html.indexOf('class="risk risk-');
    const h1 = html.indexOf('<h1');
    assert.ok(badge > 0 && badge < h1, `${t.data.name}: the risk badge comes before the name`);
    assert.ok(
      html.indexOf('<code class="name">' + t.data.name + '</code>', h1) > h1,
      `${t.data.name}: the h1 holds the tool name`,
    );
    assert.match(html, /<nav class="toc" aria-label="On this page"[^>]*>[\s\S]*href="#policy"/, 'a table of contents');
    let last = h1;
    for (const marker of order) {
      const at = html.indexOf(marker);
      assert.ok(at > last, `${t.data.name}: ${marker} should follow the previous section`);
      last = at;
    }
    assert.match(html, new RegExp(`What ${t.data.name} does on ComfyUI MCP Server`));
    assert.ok(
      html.includes(
        `14 ComfyUI MCP Server tools catalogued and risk-classified — across an index of ${catalogue.servers.length} servers`,
      ),
      `${t.data.name}: the count line names the catalogue's ${catalogue.servers.length} servers`,
    );
  }
});

test('a tool page shows the quoted evidence, the annotations and the parameters table', () => {
  const html = page(toolUrl(SERVER, 'comfy_get_status').slice(1, -1));
  assert.match(html, /Get the current status and progress of a specific generation or the overall queue/);
  assert.match(html, /None declared/);
  assert.match(html, /<code class="name">prompt_id<\/code>/);
  assert.match(html, /<code class="name">include_outputs<\/code>/);
  assert.match(html, /Risk level: <a href="\/risk\/low\/"[^>]*>Low<\/a>/, 'a space after "Risk level:"');
  assert.match(html, /href="\/attack-patterns\/tool-poisoning\/"/);
});

test('the FAQ has six answered questions in the HTML and the same six as FAQPage structured data', () => {
  const html = page(toolUrl(SERVER, 'comfy_delete_workflow').slice(1, -1));
  const faq = html.slice(html.indexOf('id="faq-heading"'));
  const details = [...faq.matchAll(/<details([^>]*)>\s*<summary[^>]*>\s*<h3[^>]*>([^<]+)<\/h3>/g)];
  const questions = details.map((m) => m[2]);
  assert.deepEqual(
    details.map((m) => /\sopen\b/.test(m[1]!)),
    [true, false, false, false, false, false],
    'only the first answer is open',
  );
  assert.deepEqual(questions, [
    'What does comfy_delete_workflow do?',
    'How do I enforce a policy on comfy_delete_workflow?',
    'What is the risk level of comfy_delete_workflow?',
    'Can comfy_delete_workflow be rate-limited?',
    'How do I block comfy_delete_workflow completely?',
    'Which server provides comfy_delete_workflow?',
  ]);
  const ld = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(ld);
  const data = JSON.parse(ld[1]!);
  assert.equal(data['@type'], 'FAQPage');
  assert.equal(data.mainEntity.length, 6);
  assert.equal(data.mainEntity[4].name, 'How do I block comfy_delete_workflow completely?');
  assert.match(data.mainEntity[4].acceptedAnswer.text, /"hide": \[\s*"comfy_delete_workflow"\s*\]/);
  for (const q of data.mainEntity)
    assert.ok(!q.acceptedAnswer.text.includes('`'), 'structured data answers are plain text');
});

test('the policy a tool page copies is the canonical recommended policy and keeps its risk promise', () => {
  for (const t of tools) {
    const html = page(toolUrl(SERVER, t.data.name).slice(1, -1));
    const copied = copyText(html);
    const category = t.data.editorial?.category ?? t.data.classification.category;
    const expected = printPolicy(recommendedPolicy(t.data.name, category));
    assert.equal(copied, expected, `${t.data.name}: copied bytes differ from the canonical policy`);
    const { policy, problems } = parsePolicy(JSON.parse(copied));
    assert.deepEqual(problems, []);
    const decision = evaluate(policy!, { tool: t.data.name, args: {} }, {});
    if (category === 'Destructive' || category === 'Financial')
      assert.notEqual(decision.decision, 'allowed', t.data.name);
    else assert.equal(decision.decision, 'allowed', t.data.name);
  }
});

test('the server page lists every tool and its download is the policy it shows', () => {
  const html = page(`servers/${SERVER}`);
  const rows = [
    ...html.matchAll(/<tr>\s*<td data-label="Tool"><a class="tool-link" href="\/servers\/[^/]+\/tools\/([^/]+)\/">/g),
  ].map((m) => m[1]);
  assert.equal(rows.length, 14);
  assert.match(html, /The riskiest tools/);
  assert.match(html, /tokens of an agent's context/);
  const download = readFileSync(join(client, `servers/${SERVER}/policy.json`), 'utf8');
  assert.equal(copyText(html), download);
  const policy = JSON.parse(download);
  assert.equal(policy.default, 'deny');
  assert.deepEqual(policy.hide.sort(), ['comfy_cancel_generation', 'comfy_clear_queue', 'comfy_delete_workflow']);
  assert.equal(Object.keys(policy.tools).length, 11);
});

test('the home page, the servers index, the attack patterns and the 404 page are built', () => {
  const home = page('');
  // The home page counts the whole catalogue, whatever it holds.
  const count = (n: number) => n.toLocaleString('en-US');
  assert.ok(home.includes(`${count(catalogue.tools.length)} tools</strong>`), 'tool count');
  assert.ok(home.includes(`${count(catalogue.servers.length)} servers</strong>`), 'server count');
  assert.match(home, /href="\/risk\/critical\/"/);
  assert.match(page('servers'), /ComfyUI MCP Server/);
  for (const id of [
    'tool-poisoning',
    'rug-pull',
    'read-tool-exfiltration',
    'runaway-loops',
    'destructive-without-approval',
  ]) {
    assert.ok(existsSync(join(client, 'attack-patterns', id, 'index.html')), id);
  }
  assert.ok(existsSync(join(client, '404.html')));
});

test('the /problems/ page documents every code of the registry under its own anchor', () => {
  const html = page('problems');
  for (const code of ALL_CODES) {
    const entry = new RegExp(`<dt id="${code}"[^>]*>[\\s\\S]*?</dt>\\s*<dd[^>]*>([\\s\\S]*?)</dd>`).exec(html);
    assert.ok(entry, `no entry for ${code}`);
    assert.ok(entry[1]!.includes('Fix:'), `${code} has no fix on the page`);
  }
  const anchors = [...html.matchAll(/<dt id="([a-z0-9-]+)"/g)].map((m) => m[1]);
  assert.deepEqual([...anchors].sort(), [...ALL_CODES].sort());
});
