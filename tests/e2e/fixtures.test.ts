import { toolUrl } from '#src/views/urls.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite } from '../helpers/build.ts';
import { ROOT } from '../helpers/server.ts';

const fixture = (name: string) => join(ROOT, 'tests/fixtures', name);

/** Each broken catalogue must fail the build with a report naming the file, the path, the code and the fix. */
const failing: { scenario: string; file: string; path: string; code: string; message: RegExp }[] = [
  {
    scenario: 'invalid-policy-unknown-tool',
    file: 'tests/fixtures/invalid-policy-unknown-tool/tools/demo-server/read_notes.yaml',
    path: 'editorial.policy.tools.read_note',
    code: 'policy-unknown-tool',
    message: /"read_note".*Did you mean "read_notes"\?/,
  },
  {
    scenario: 'invalid-unknown-server',
    file: 'tests/fixtures/invalid-unknown-server/tools/demo-servr/list_notes.yaml',
    path: 'server',
    code: 'record-unknown-server',
    message:
      /The server "demo-servr" has no record.*Did you mean "demo-server"\? Create tests\/fixtures\/invalid-unknown-server\/servers\/demo-servr\.yaml,/,
  },
  {
    scenario: 'invalid-duplicate-tool',
    file: 'tests/fixtures/invalid-duplicate-tool/tools/demo-server/read_notes.yml',
    path: 'name',
    code: 'record-duplicate-tool',
    message: /already has a tool named "read_notes"/,
  },
  {
    scenario: 'invalid-critical-allowed',
    file: 'tests/fixtures/invalid-critical-allowed/tools/demo-server/delete_note.yaml',
    path: 'editorial.policy.tools.delete_note',
    code: 'policy-risk-mismatch',
    message: /Critical-risk tool.*Hide the tool/,
  },
  {
    scenario: 'invalid-risk-without-policy',
    file: 'tests/fixtures/invalid-risk-without-policy/tools/demo-server/read_notes.yaml',
    path: 'editorial.risk',
    code: 'record-risk-needs-policy',
    message: /risk is set to Critical, but the recommended rule for a Read tool is made for Low risk/,
  },
  {
    // "window" in a report once made Astro swap the build's hint for advice about browser APIs.
    scenario: 'invalid-limit-window',
    file: 'tests/fixtures/invalid-limit-window/tools/demo-server/read_notes.yaml',
    path: 'editorial.policy.tools.read_notes.limits[0].window',
    code: 'policy-schema',
    message: /is "week", which is not allowed\. Use one of: "minute", "hour", "day"\./,
  },
  {
    scenario: 'invalid-malformed-yaml',
    file: 'tests/fixtures/invalid-malformed-yaml/tools/demo-server/read_notes.yaml',
    path: '(root)',
    code: 'record-yaml',
    message: /not valid YAML at line \d+, column \d+/,
  },
];

for (const f of failing) {
  test(`a build of ${f.scenario} fails and reports ${f.code} at ${f.path}`, async () => {
    const result = await buildSite(fixture(f.scenario));
    assert.notEqual(result.code, 0, 'the build should have failed');
    const line = result.output.split('\n').find((l) => l.includes(`[${f.code}]`) && l.includes(f.file));
    assert.ok(line, `no report line for ${f.code} in ${f.file}:\n${result.output.slice(-3000)}`);
    assert.ok(line.includes(`› ${f.path}  `), `the line should name the path ${f.path}: ${line}`);
    assert.match(line, f.message);
    assert.ok(!existsSync(join(result.outDir, 'client', 'index.html')), 'no page may be written by a failed build');
    assert.match(
      result.output,
      /Hint:\s+Fix what the report lists and build again; `npm run validate` runs the same checks/,
    );
    assert.doesNotMatch(result.output, /Browser APIs/);
  });
}

test('text from an MCP server stays text on the built page; flags, changes and removal are shown', async () => {
  const result = await buildSite(fixture('valid-hostile-text'));
  assert.equal(result.code, 0, result.output.slice(-3000));
  const html = readFileSync(join(result.outDir, 'client', toolUrl('demo-server', 'read_notes'), 'index.html'), 'utf8');
  assert.ok(!html.includes("<script>alert('pwned')</script>"), 'the description must not become a script element');
  assert.ok(!html.includes('<img src=x'), 'the description must not become an image element');
  assert.ok(
    html.includes('&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;') ||
      html.includes("&lt;script&gt;alert('pwned')&lt;/script&gt;"),
  );
  assert.ok(html.includes('**not bold**'), 'Markdown in a description is not interpreted');
  assert.ok(html.includes('&lt;b&gt;folder&lt;/b&gt;'), 'parameter descriptions are escaped');
  assert.ok(html.includes('&lt;U+200B&gt;'), 'an invisible character in a flagged text is shown as its code point');
  assert.match(html, /Possible hidden instructions in this definition/);
  assert.match(html, /Changed 2026-11-02: description changed; parameter `folder` added/);
  assert.match(html, /Removed from the server on 2026-11-20/);
  const serverPage = readFileSync(join(result.outDir, 'client/servers/demo-server/index.html'), 'utf8');
  assert.match(serverPage, /<h3[^>]*>Removed tools<\/h3>/);
  // JSON-LD is the only script content built from catalogue text, and it cannot close its element.
  for (const m of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
    assert.ok(!/<\/script/i.test(m[1]!), 'structured data must not contain a closing script tag');
    JSON.parse(m[1]!);
  }
});
