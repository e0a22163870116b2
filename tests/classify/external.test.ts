import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EXTERNAL_COLUMNS,
  EXTERNAL_DIR,
  SECOND_LABEL_COLUMNS,
  SECOND_LABELS_FILE,
  loadExternal,
  loadSecondLabels,
  secondLabelFigures,
} from '#scripts/lib/classify-external.ts';

const ROOT = resolve(import.meta.dirname, '../..');

test('every line of the external set parses into a labelled definition', () => {
  const { tools, problems } = loadExternal(ROOT);
  assert.deepEqual(problems, []);
  assert.ok(tools.length > 3000, `${tools.length} tools`);
  const trading = tools.find((t) => t.server === 'alpaca' && t.name === 'close_position');
  assert.ok(trading, 'alpaca close_position is in the set');
  assert.equal(trading.label, 'Financial');
  assert.ok(trading.siblings.includes('place_stock_order'));
  assert.deepEqual(Object.keys(trading.definition.inputSchema.properties ?? {}).slice(0, 2), ['symbol', 'qty']);
});

test('a broken external-set line is refused with its file, line and fix; the good lines still load', () => {
  const root = mkdtempSync(join(tmpdir(), 'atlas-external-'));
  try {
    mkdirSync(join(root, EXTERNAL_DIR), { recursive: true });
    const header = EXTERNAL_COLUMNS.join('\t');
    const good = ['o/r', 'srv', 'list_things', 'Read', 'List things.', 'limit:number,kind:string[a|b]', '', ''];
    writeFileSync(
      join(root, EXTERNAL_DIR, 'x.tsv'),
      [
        header,
        good.join('\t'),
        ['o/r', 'srv', 'zap', 'Dangerous', 'Zap it.', '', '', ''].join('\t'),
        ['o/r', 'srv', 'short', 'Read'].join('\t'),
        good.join('\t'),
        ['o/r', 'srv', 'hint', 'Write', 'Set it.', '', 'readOnly=yes', ''].join('\t'),
        '',
      ].join('\n'),
    );
    writeFileSync(join(root, EXTERNAL_DIR, 'y.tsv'), 'repo,server\n');
    const { tools, problems } = loadExternal(root);
    assert.deepEqual(
      tools.map((t) => t.name),
      ['list_things', 'hint'],
    );
    assert.deepEqual(tools[0]?.definition.inputSchema.properties, {
      limit: { type: 'number' },
      kind: { type: 'string', enum: ['a', 'b'] },
    });
    assert.equal(problems.length, 5);
    assert.match(problems[0] ?? '', /x\.tsv:3: the label "Dangerous" is not a category/);
    assert.match(problems[1] ?? '', /x\.tsv:4: has 4 fields; write 8/);
    assert.match(problems[2] ?? '', /x\.tsv:5: "list_things" of srv is listed twice/);
    assert.match(problems[3] ?? '', /x\.tsv:6: the annotation "readOnly=yes"/);
    assert.match(problems[4] ?? '', /y\.tsv:1: the header must be/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the second blind labels each name a tool of the external set, and mostly agree with the first', () => {
  const { tools } = loadExternal(ROOT);
  const { labels, problems } = loadSecondLabels(ROOT, tools);
  assert.deepEqual(problems, []);
  assert.equal(labels.length, 600);
  const agree = labels.filter((l) => l.label === l.tool.label).length;
  // Two careful labellers working from one guide should rarely differ; a drop says the guide or a file drifted.
  assert.ok(agree / labels.length > 0.9, `${agree} of ${labels.length}`);
});

test('a broken second-label line is refused with its line and fix; the good lines still load', () => {
  const root = mkdtempSync(join(tmpdir(), 'atlas-second-'));
  try {
    mkdirSync(join(root, EXTERNAL_DIR, 'second'), { recursive: true });
    writeFileSync(
      join(root, EXTERNAL_DIR, 'x.tsv'),
      `${EXTERNAL_COLUMNS.join('\t')}\n${['o/r', 'srv', 'list_things', 'Read', 'List things.', '', '', ''].join('\t')}\n`,
    );
    const { tools } = loadExternal(root);
    writeFileSync(
      join(root, SECOND_LABELS_FILE),
      [
        SECOND_LABEL_COLUMNS.join('\t'),
        ['x.tsv', 'srv', 'list_things', 'Read', 'Lists.'].join('\t'),
        ['x.tsv', 'srv', 'drop_things', 'Destructive', ''].join('\t'),
        ['x.tsv', 'srv', 'list_things', 'Reading', ''].join('\t'),
        ['x.tsv', 'srv', 'list_things', 'Read'].join('\t'),
        ['x.tsv', 'srv', 'list_things', 'Write', ''].join('\t'),
      ].join('\n'),
    );
    const { labels, problems } = loadSecondLabels(root, tools);
    assert.equal(labels.length, 1);
    assert.equal(labels[0]?.tool.name, 'list_things');
    assert.equal(labels[0]?.label, 'Read');
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems[0] ?? '', /labels\.tsv:3: no tool "drop_things" of srv .*name the file, server and tool/);
    assert.match(problems[1] ?? '', /labels\.tsv:4: the label "Reading" is not a category; write one of/);
    assert.match(problems[2] ?? '', /labels\.tsv:5: has 4 fields; write 5/);
    assert.match(problems[3] ?? '', /labels\.tsv:6: "list_things" of srv is labelled twice; keep one line/);

    // A wrong header loads nothing and says which columns to write; a missing file says how to restore it.
    writeFileSync(join(root, SECOND_LABELS_FILE), 'file\tserver\ttool\tlabel\n');
    assert.match(
      loadSecondLabels(root, tools).problems[0] ?? '',
      /labels\.tsv:1: the header must be the columns file, server, tool, label, note/,
    );
    rmSync(join(root, SECOND_LABELS_FILE));
    const missing = loadSecondLabels(root, tools);
    assert.deepEqual(missing.labels, []);
    assert.match(missing.problems[0] ?? '', /labels\.tsv: missing; restore it/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the second-label figures compare the two labels, and the classifier with each and where they agree', () => {
  const root = mkdtempSync(join(tmpdir(), 'atlas-figures-'));
  try {
    mkdirSync(join(root, EXTERNAL_DIR), { recursive: true });
    const line = (tool: string, label: string) => ['o/r', 'srv', tool, label, '', '', '', ''].join('\t');
    writeFileSync(
      join(root, EXTERNAL_DIR, 'x.tsv'),
      [
        EXTERNAL_COLUMNS.join('\t'),
        line('a', 'Read'),
        line('b', 'Write'),
        line('c', 'Write'),
        line('d', 'Execute'),
      ].join('\n'),
    );
    const { tools } = loadExternal(root);
    const byName = (name: string) => tools.find((t) => t.name === name) as (typeof tools)[number];
    // Second labels: a and b agree with the first, c and d do not.
    const labels = [
      { tool: byName('a'), label: 'Read' as const },
      { tool: byName('b'), label: 'Write' as const },
      { tool: byName('c'), label: 'Destructive' as const },
      { tool: byName('d'), label: 'Write' as const },
    ];
    // The classifier: right on a, wrong on b, with the second label on c and on d.
    const verdict: Record<string, 'Read' | 'Write' | 'Execute' | 'Destructive'> = {
      a: 'Read',
      b: 'Execute',
      c: 'Destructive',
      d: 'Write',
    };
    assert.deepEqual(
      secondLabelFigures(labels, (t) => verdict[t.name] ?? 'Read'),
      { tools: 4, labellersAgree: 50, classifierWithFirst: 25, classifierWithSecond: 75, classifierWhereBothAgree: 50 },
    );
    assert.deepEqual(
      secondLabelFigures([], () => 'Read'),
      {
        tools: 0,
        labellersAgree: 0,
        classifierWithFirst: 0,
        classifierWithSecond: 0,
        classifierWhereBothAgree: 0,
      },
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
