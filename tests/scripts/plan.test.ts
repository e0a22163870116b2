import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sliceServers, sliceTools } from '#scripts/lib/plan.ts';

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
