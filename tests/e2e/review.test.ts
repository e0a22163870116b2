/** What the built catalogue says of its review queue: each tool page states who stands behind its category. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from '../helpers/server.ts';
import { serverJsonUrl, serverUrl, toolMarkdownUrl, toolUrl } from '#src/views/urls.ts';

const text = (server: string, tool: string) =>
  readFileSync(join(DIST, 'client', toolUrl(server, tool), 'index.html'), 'utf8')
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

/** Whether the page's text holds the pattern; a failure names the pattern, not the whole page. */
const has = (page: string, pattern: RegExp) => pattern.test(page);

test("a queued tool's page sends the reader to the signals, and a settled one names the editor", () => {
  const queued = text('dbeaver-srthkdev', 'write_query');
  assert.ok(has(queued, /Risk level: High\. An unchecked verdict: see why\./), 'the link by the category');
  assert.ok(
    has(
      queued,
      /Classifier confidence: medium\. On servers it was never tuned on, its medium-confidence verdicts matched a careful reviewer's category for [\d.]+% of tools \([\d,]+ of [\d,]+\)\. No editor has checked this verdict yet, and the definition also reads like a Destructive tool/,
    ),
    'the note by the signals, one space after the confidence',
  );
  const sure = text('dbeaver-srthkdev', 'list_connections');
  assert.ok(
    has(sure, /Classifier confidence: high\. On servers it was never tuned on, its high-confidence verdicts matched/),
    'a sure verdict states its confidence and what that has meant',
  );
  assert.ok(!has(sure, /unchecked verdict|No editor has checked|classifier was unsure/), 'and no doubt');
  const markdown = readFileSync(join(DIST, 'client', toolMarkdownUrl('dbeaver-srthkdev', 'write_query')), 'utf8');
  assert.ok(
    markdown.includes('- Set by the classifier, not yet checked by an editor (may be Destructive or Financial)'),
    'the Markdown twin says so too',
  );
  const corrected = text('ebay', 'ebay_clone_campaign');
  assert.ok(has(corrected, /An editor overrode the classifier, which said Write \(Medium\)\./), 'a correction');
  assert.ok(!has(corrected, /unchecked verdict/), 'no doubt once settled');
  // The classifier said Financial with low confidence, and an editor agreed.
  const confirmed = text('ebay', 'ebay_create_campaign');
  assert.ok(
    has(confirmed, /Classifier confidence: low\. An editor confirmed the classifier's category\./),
    'a confirmation',
  );
  assert.ok(!has(confirmed, /unchecked verdict|classifier was unsure/), 'no doubt once confirmed');
  assert.ok(!has(confirmed, /never tuned on/), "an editor's category needs no figure for the classifier's confidence");
});

test('a server page counts the verdicts to check and links each to its signals', () => {
  const html = readFileSync(join(DIST, 'client', serverUrl('dbeaver-srthkdev'), 'index.html'), 'utf8');
  const page = html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
  assert.ok(
    has(page, /7 tools here carry a category that no editor has checked and that may be wrong: the text of 5 reads/),
    'the count',
  );
  const links = [...html.matchAll(/href="([^"]+#definition)"/g)].map((m) => m[1]);
  assert.equal(links.length, 7);
  assert.ok(links.includes(`${toolUrl('dbeaver-srthkdev', 'write_query')}#definition`));
  assert.ok(
    !links.includes(`${toolUrl('dbeaver-srthkdev', 'list_connections')}#definition`),
    'a sure verdict is not listed',
  );
});

test("a server's JSON gives each tool's reason to be checked, or null", () => {
  const doc = JSON.parse(readFileSync(join(DIST, 'client', serverJsonUrl('dbeaver-srthkdev')), 'utf8')) as {
    tools: { name: string; review: string | null }[];
  };
  const review = Object.fromEntries(doc.tools.map((t) => [t.name, t.review]));
  assert.equal(review.write_query, 'dangerous-sign');
  assert.equal(review.execute_query, 'low-confidence');
  assert.equal(review.alter_table, 'medium-confidence');
  assert.equal(review.list_connections, null);
  assert.equal(doc.tools.filter((t) => t.review !== null).length, 7);
});
