import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { methodologyModel } from '#src/views/methodology.ts';
import { POISON_RULES } from '#src/classify/poisoning.ts';
import { RESULTS_FILE } from '#scripts/lib/classify-corpus.ts';
import { ROOT } from '../helpers/server.ts';

const results = JSON.parse(readFileSync(join(ROOT, RESULTS_FILE), 'utf8'));

test('the methodology page model takes its figures from the results file', () => {
  const model = methodologyModel();
  assert.deepEqual(model.test.kept.agreement, results.test.modes.kept.agreement);
  assert.deepEqual(model.test.stripped.agreement, results.test.modes.stripped.agreement);
  assert.equal(model.halves.test.tools, results.test.tools);
  assert.equal(model.halves.tuning.tools, results.tuning.tools);
  assert.deepEqual(
    model.confusionRows.map((r) => r.counts.reduce((a, b) => a + b, 0)).reduce((a, b) => a + b, 0),
    results.test.tools,
  );
  assert.equal(model.poisonRules.length, POISON_RULES.length);
  // Every disagreement of the test half falls under exactly one kind.
  for (const mode of ['kept', 'stripped'] as const)
    assert.equal(
      model.disagreementRows.reduce((sum, row) => sum + row[mode], 0),
      results.test.modes[mode].disagreements.length,
      mode,
    );
});

test('dangerous misses of either mode are listed once each', () => {
  const miss = { server: 's', name: 'pay', label: 'Financial', category: 'Write', risk: 'Medium', confidence: 'low' };
  const report = structuredClone(results);
  report.test.modes.kept.dangerousMisses = [miss];
  report.test.modes.stripped.dangerousMisses = [miss];
  assert.deepEqual(methodologyModel(report).dangerousMisses, [miss]);
});
