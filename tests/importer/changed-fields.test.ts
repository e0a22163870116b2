import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedFields, type ImportReport } from '#src/importer/plan.ts';
import { formatReport } from '#src/importer/run.ts';

test('changedFields names what differs, two levels deep at most', () => {
  const before = {
    name: 'Everything',
    server_info: { name: 'everything', version: '1.0.0' },
    import: { date: '2026-11-01', source: 'npm: x@1', env: ['A'] },
    transports: ['stdio'],
  };
  assert.deepEqual(changedFields(before, structuredClone(before)), []);
  assert.deepEqual(
    changedFields(before, {
      ...before,
      server_info: { name: 'everything', version: '1.1.0' },
      import: { ...before.import, date: '2026-12-01', env: ['A', 'B'] },
      transports: ['stdio', 'http'],
    }),
    ['server_info.version', 'import.date', 'import.env', 'transports'],
  );
  assert.deepEqual(changedFields(before, { ...before, homepage: 'https://example.org' }), ['homepage']);
  assert.deepEqual(changedFields('a', 'b'), ['(the whole record)']);
});

test("the import's first line names the server record's changed fields", () => {
  const report = {
    serverId: 'everything',
    serverFile: { path: '/p/content/servers/everything.yaml', action: 'update', fields: ['server_info.version'] },
    added: [],
    changed: [],
    restored: [],
    removed: [],
    flagged: [],
    skipped: [],
    unchanged: [],
    writes: [{ path: '/p/content/servers/everything.yaml', text: '' }],
  } as unknown as ImportReport;
  assert.match(
    formatReport(report, true, '/p'),
    /^Dry run: would import server "everything" \(content\/servers\/everything\.yaml: update of server_info\.version\)\.\n {2}would write content\/servers\/everything\.yaml\n/,
  );
});
