import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADDED_PREVIEW, ADDED_WHOLE, addedList, type ToolChange } from '#src/views/changes.ts';
import type { RiskLevel } from '#src/model/taxonomy.ts';

const added = (...tools: [name: string, risk: RiskLevel][]): ToolChange[] =>
  tools.map(([name, risk]) => ({
    tool: { id: `demo/${name}`, name, serverId: 'demo', category: 'Read', risk, overridden: false, removed: false },
    kind: 'added',
    summary: [],
  }));
const names = (list: ToolChange[]) => list.map((c) => c.tool.name);

test('an entry that added a few tools names every one, in the order given', () => {
  const list = added(...Array.from({ length: ADDED_WHOLE }, (_, i) => [`tool_${i}`, 'Low'] as [string, RiskLevel]));
  const shown = addedList(list);
  assert.deepEqual(names(shown.shown), names(list));
  assert.equal(shown.more, 0);
  assert.deepEqual(shown.risks, []);
});

test('a first import names only its riskiest tools, counts the rest and counts them all by risk level', () => {
  const list = added(
    ['list_a', 'Low'],
    ['list_b', 'Low'],
    ['update_a', 'Medium'],
    ['run_a', 'High'],
    ['delete_b', 'Critical'],
    ['delete_a', 'Critical'],
    ['get_a', 'Low'],
    ['get_b', 'Low'],
    ['get_c', 'Low'],
    ['update_b', 'Medium'],
    ['get_d', 'Low'],
  );
  assert.ok(list.length > ADDED_WHOLE);
  const shown = addedList(list);
  assert.equal(shown.shown.length, ADDED_PREVIEW);
  // Riskiest first, then by name: both Critical tools, the High one, both Medium ones, then Low ones by name.
  assert.deepEqual(names(shown.shown), [
    'delete_a',
    'delete_b',
    'run_a',
    'update_a',
    'update_b',
    'get_a',
    'get_b',
    'get_c',
  ]);
  assert.equal(shown.more, list.length - ADDED_PREVIEW);
  assert.deepEqual(shown.risks, [
    { risk: 'Critical', count: 2 },
    { risk: 'High', count: 1 },
    { risk: 'Medium', count: 2 },
    { risk: 'Low', count: 6 },
  ]);
});

test('the risk counts of a shortened list leave out the levels it has no tool at', () => {
  const list = added(
    ...Array.from({ length: 40 }, (_, i) => [`tool_${i}`, i < 3 ? 'High' : 'Low'] as [string, RiskLevel]),
  );
  const shown = addedList(list);
  assert.equal(shown.more, 40 - ADDED_PREVIEW);
  assert.deepEqual(shown.risks, [
    { risk: 'High', count: 3 },
    { risk: 'Low', count: 37 },
  ]);
  assert.deepEqual(names(shown.shown).slice(0, 3), ['tool_0', 'tool_1', 'tool_2']);
});
