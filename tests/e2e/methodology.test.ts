import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT } from '../helpers/server.ts';
import { RESULTS_FILE } from '#scripts/lib/classify-corpus.ts';
import { toolUrl } from '#src/views/urls.ts';

const html = () => readFileSync(join(DIST, 'client/methodology/index.html'), 'utf8');
const results = JSON.parse(readFileSync(join(ROOT, RESULTS_FILE), 'utf8'));
const figure = (name: string) => {
  const m = new RegExp(`data-figure="${name}"[^>]*>([^<]*)<`).exec(html());
  assert.ok(m, `the page shows the figure ${name}`);
  return m[1]!.trim();
};

test('/methodology/ states the test half figures of the results file', () => {
  const { test: half } = results;
  assert.equal(figure('test-tools'), half.tools.toLocaleString('en-US'));
  assert.equal(figure('test-servers'), String(half.servers.length));
  // The figures sit in a sentence: words stay apart from them.
  const text = html().replace(/<[^>]+>/g, '');
  assert.ok(
    text.includes(`half: ${half.tools.toLocaleString('en-US')} tools of ${half.servers.length} servers.`),
    'the sentence around the figures keeps its spaces',
  );
  assert.ok(figure('test-kept').startsWith(`${half.modes.kept.agreement.percent.toFixed(1)}%`));
  assert.ok(figure('test-stripped').startsWith(`${half.modes.stripped.agreement.percent.toFixed(1)}%`));
  assert.equal(figure('test-poison'), String(half.poisonFlags.length));
  const queue = half.modes.kept.reviewQueue;
  assert.equal(figure('test-queue'), queue.tools.toLocaleString('en-US'));
  assert.equal(figure('test-queue-disagreements'), String(queue.disagreements));
  assert.equal(figure('test-queue-dangerous'), String(queue.dangerousMisses));
  assert.equal(figure('test-queue-after'), `${queue.afterReview.percent.toFixed(1)}%`);
  // The labellers' own agreement, and the classifier's where they agree and against the first labels.
  assert.ok(figure('test-labellers').startsWith(`${half.labellers.percent.toFixed(1)}%`));
  assert.ok(figure('test-agreed').startsWith(`${half.modes.kept.whereLabellersAgree.percent.toFixed(1)}%`));
  assert.equal(
    figure('test-first'),
    `${half.modes.kept.firstLabels.percent.toFixed(1)}% / ${half.modes.stripped.firstLabels.percent.toFixed(1)}%`,
  );
});

test('/methodology/ explains categories, annotations and poisoning, and every tool page links to it', () => {
  const page = html();
  for (const id of ['categories', 'classifier', 'annotations', 'confidence', 'poisoning', 'measured'])
    assert.ok(page.includes(`id="${id}"`), id);
  const tool = readFileSync(
    join(DIST, 'client', toolUrl('nikolaibibo-claude-comfyui-mcp', 'comfy_get_status'), 'index.html'),
    'utf8',
  );
  assert.ok(tool.includes('href="/methodology/"'));
});

test('/methodology/ has a table of contents whose every link reaches a section of the page', () => {
  const page = html();
  const toc = /<nav class="toc" aria-label="On this page"[^>]*>([\s\S]*?)<\/nav>/.exec(page);
  assert.ok(toc, 'a table of contents');
  const targets = [...toc[1]!.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
  assert.ok(targets.length >= 5, targets.join(', '));
  for (const id of targets) assert.match(page, new RegExp(`<h2 id="${id}"`), `#${id} is a section`);
});
