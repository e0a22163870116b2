import { test } from 'node:test';
import assert from 'node:assert/strict';
import { manifestReads, sliceServers, sliceTools } from '#scripts/lib/plan.ts';
import type { Catalogue } from '#src/catalogue/load.ts';
import type { Manifest } from '#src/catalogue/manifest.ts';

const sizes = new Map([
  ['a', 5],
  ['b', 5],
  ['c', 12],
  ['d', 1],
  ['e', 0],
]);

test('slices are runs of whole servers in id order, of at most the given number of tools', () => {
  assert.deepEqual(sliceServers(['d', 'c', 'b', 'a', 'e'], sizes, 10), [['a', 'b'], ['c'], ['d', 'e']]);
  assert.deepEqual(sliceServers(['a', 'b', 'c', 'd', 'e'], sizes, 100), [['a', 'b', 'c', 'd', 'e']]);
  // A server larger than a slice is a slice of its own, never split.
  assert.deepEqual(sliceServers(['a', 'b', 'c', 'd'], sizes, 1), [['a'], ['b'], ['c'], ['d']]);
  assert.deepEqual(sliceServers([], sizes, 10), [[]]);
});

test('the slice size is a whole number of tools, 1 or more', () => {
  assert.equal(sliceTools(undefined), 10_000);
  assert.equal(sliceTools('250'), 250);
  assert.throws(() => sliceTools('0'), /ATLAS_SLICE_TOOLS is "0"/);
  assert.throws(() => sliceTools('1.5'), /whole number/);
});

test("a server's pages depend on the manifest rows they show as related tools, and on no others", () => {
  const server = (id: string) => ({ id, data: { name: id } }) as unknown as Catalogue['servers'][number];
  const servers = ['lone', 'many', 'other'].map(server);
  // [server, name, category index, risk index, flags]: 0 = Read, 1 = Write.
  const rows: Manifest['tools'] = [
    ['lone', 'read_one', 0, 0, 0],
    ...Array.from({ length: 8 }, (_, i): Manifest['tools'][number] => ['many', `read_${i}`, 0, 0, 0]),
    ['other', 'write_one', 1, 1, 0],
  ];
  const before = manifestReads(servers, { tools: rows, changes: [] });
  // A Read tool added to `other`, first by name: `lone` has too few tools of its own and shows it among its related
  // tools; every tool of `many` is already filled with tools of its own server.
  const added: Manifest['tools'][number] = ['other', 'a_read_added', 0, 0, 0];
  const after = manifestReads(servers, { tools: [...rows, added], changes: [] });
  assert.notEqual(after('lone'), before('lone'));
  assert.equal(after('many'), before('many'));
  assert.match(after('lone'), /a_read_added/);
});
