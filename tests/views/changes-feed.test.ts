import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changesAtom, nameUuid, type ChangeEntry } from '#src/views/changes.ts';

const entry = {
  date: '2026-12-01',
  server: { id: 'stripe', record: { name: 'Stripe' } },
  added: [{ tool: { name: 'create_refund' }, kind: 'added', summary: [] }],
  changed: [],
  removed: [],
} as unknown as ChangeEntry;
const urls = { changes: '/changes/', feed: '/changes.xml', server: (id: string) => `/servers/${id}/` };
const ids = (feed: string) => [...feed.matchAll(/<id>([^<]*)<\/id>/g)].map((m) => m[1]!);

test('a name-based UUID is the RFC 9562 version 5 UUID of the name in the URL namespace', () => {
  // The same value as Python's uuid.uuid5(uuid.NAMESPACE_URL, 'http://example.com/').
  assert.equal(nameUuid('http://example.com/'), 'urn:uuid:0a300ee9-f9e4-5697-a51a-efc7fafaba67');
});

test("without a site URL the feed's ids are still absolute and stable; its links stay relative", () => {
  const feed = changesAtom([entry], { name: 'Policy Atlas' }, urls);
  const [feedId, entryId] = ids(feed);
  assert.match(feedId!, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.match(entryId!, /^urn:uuid:/);
  assert.notEqual(feedId, entryId);
  assert.deepEqual(
    ids(changesAtom([entry], { name: 'Policy Atlas' }, urls)),
    [feedId, entryId],
    'the same on every build',
  );
  assert.notDeepEqual(ids(changesAtom([entry], { name: 'Another Atlas' }, urls)), [feedId, entryId]);
  assert.ok(feed.includes('<link href="/servers/stripe/"/>'), feed);
});

test('with a site URL the ids and links are absolute URLs of the site', () => {
  const feed = changesAtom([entry], { name: 'Policy Atlas', url: 'https://atlas.example/' }, urls);
  assert.deepEqual(ids(feed), [
    'https://atlas.example/changes/',
    'https://atlas.example/servers/stripe/#changes-2026-12-01',
  ]);
  assert.ok(feed.includes('<link href="https://atlas.example/servers/stripe/"/>'));
});

test('a long list of added tools reads in the feed as on /changes/: the riskiest by name, then the count by risk', () => {
  const risks = ['Low', 'Low', 'Medium', 'Critical', 'Low', 'High', 'Low', 'Medium', 'Low', 'Low', 'Critical', 'Low'];
  const many = {
    ...entry,
    added: risks.map((risk, i) => ({ tool: { name: `tool_${i}`, risk }, kind: 'added', summary: [] })),
  } as unknown as ChangeEntry;
  const content = /<content type="text">([^<]*)<\/content>/.exec(
    changesAtom([many], { name: 'Policy Atlas' }, urls),
  )![1]!;
  const lines = content.split('\n');
  assert.deepEqual(lines.slice(0, 2), ['+ tool_10 added (Critical risk)', '+ tool_3 added (Critical risk)']);
  assert.equal(lines.length, 9);
  assert.equal(lines.at(-1), '+ 4 more added; all 12 by risk: 2 Critical, 1 High, 2 Medium, 7 Low');
});
