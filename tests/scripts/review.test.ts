import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { hashDefinition } from '#src/model/canonical.ts';
import { formatReport, runImport } from '#src/importer/run.ts';
import { main as review } from '#scripts/review.ts';
import { validateCatalogue } from '#src/catalogue/validate.ts';
import { callMain } from '../helpers/cli.ts';
import { ROOT } from '../helpers/server.ts';
import { tempDir } from '../helpers/temp.ts';

// A copy of one real server of the catalogue: 21 tools, 7 of them queued for every reason.
const SERVER = 'dbeaver-srthkdev';
let content = '';
const toolFile = (name: string) => join(content, 'tools', SERVER, `${name}.yaml`);
const run = (args: string[]) => callMain(review, args, { ATLAS_CONTENT: content });

beforeEach(() => {
  content = join(tempDir(join(tmpdir(), 'atlas-review-')), 'content');
  mkdirSync(join(content, 'servers'), { recursive: true });
  cpSync(join(ROOT, 'content/servers', `${SERVER}.yaml`), join(content, 'servers', `${SERVER}.yaml`));
  cpSync(join(ROOT, 'content/tools', SERVER), join(content, 'tools', SERVER), { recursive: true });
});

test('the queue lists the unsure verdicts, the dangerous signs first, with the signals to check', async () => {
  const r = await run([]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(
    lines[0],
    "7 of 21 tools await an editor's review (5 may be Destructive or Financial, 1 low confidence, 1 medium confidence).",
  );
  const order = lines.filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
  assert.deepEqual(order, [
    `${SERVER}/begin_transaction`,
    `${SERVER}/commit_transaction`,
    `${SERVER}/execute_in_transaction`,
    `${SERVER}/rollback_transaction`,
    `${SERVER}/write_query`,
    `${SERVER}/execute_query`,
    `${SERVER}/alter_table`,
  ]);
  assert.match(r.stdout, /Destructive\? description "Execute INSERT, UPDATE, or DELETE queries[^"]*" \(verb:destroy/);
});

test("a server's text reaches the terminal with its escape sequences shown, on one line, cut when long", async () => {
  const file = toolFile('write_query');
  const quote = 'text: Execute INSERT, UPDATE, or DELETE queries on a specific DBeaver connection';
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replaceAll(
      quote,
      `text: "Execute \\e[2J\\e]0;owned\\a DELETE\\nqueries ${'x'.repeat(300)}"`,
    ),
  );
  const r = await run(['--server', SERVER]);
  const control = [...r.stdout].filter((ch) => (ch < ' ' && ch !== '\n') || ch === '\u007f');
  assert.deepEqual(control, [], 'no control character reaches the terminal');
  const line = r.stdout.split('\n').find((l) => l.includes('Destructive? description'))!;
  assert.ok(line.includes('"Execute <U+001B>[2J<U+001B>]0;owned<U+0007> DELETE queries xxx'), line);
  assert.ok(line.endsWith('x…" (verb:destroy (joined))'), line);
  const json = JSON.parse((await run(['--server', SERVER, '--json'])).stdout);
  assert.ok(
    json.items.some((i: { alternatives: { text: string }[] }) =>
      i.alternatives.some((a) => a.text.includes('\u001b[2J')),
    ),
    'JSON keeps the text as sent',
  );
});

test('--reason, --limit and --json narrow and shape the list', async () => {
  const low = await run(['--reason', 'low-confidence']);
  assert.deepEqual(
    low.stdout.split('\n').filter((l) => l.startsWith('  ')),
    [
      `  ${SERVER}/execute_query  Read (Low, low confidence)  ${relative(ROOT, toolFile('execute_query'))}`,
      '      Execute? name "execute_query" (verb:execute)',
    ],
  );
  const two = await run(['--limit', '2']);
  assert.match(two.stdout, /… and 5 more: --limit 0 lists them all\./);
  const json = JSON.parse((await run(['--json'])).stdout);
  assert.equal(json.tools, 21);
  assert.equal(json.queued, 7);
  assert.deepEqual(json.byReason, {
    'dangerous-sign': 5,
    'definition-changed': 0,
    'low-confidence': 1,
    'medium-confidence': 1,
  });
  assert.equal(json.items.length, 7, 'JSON lists every queued tool unless --limit says otherwise');
  assert.deepEqual(
    json.items[4].alternatives.map((a: { suggests: string }) => a.suggests),
    ['Write', 'Destructive'],
  );
});

test('--set writes the decision into the editorial block, adds only its lines, and takes the tool off the queue', async () => {
  const before = readFileSync(toolFile('write_query'), 'utf8');
  const r = await run(['--set', `${SERVER}/write_query=destructive`, '--set', `${SERVER}/alter_table=Write`]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /write_query\.yaml: editorial\.category Destructive \(the classifier said Execute\)/);
  assert.match(r.stdout, /alter_table\.yaml: editorial\.category Write \(confirms the classifier\)/);
  const hash = hashDefinition(parse(before).definition);
  assert.equal(
    readFileSync(toolFile('write_query'), 'utf8'),
    `${before}editorial:\n  category: Destructive\n  checked: ${hash}\n`,
  );
  const after = JSON.parse((await run(['--json'])).stdout);
  assert.equal(after.queued, 5);
  assert.ok(!after.items.some((i: { id: string }) => /write_query|alter_table/.test(i.id)));
});

test('a decision waits in the queue again once a re-import changes the definition it was made on', async () => {
  const folder = join(content, 'tools', SERVER);
  const records = readdirSync(folder).map((f) => parse(readFileSync(join(folder, f), 'utf8')));
  const list = join(content, '..', 'tools-list.json');
  const reimport = async (description?: string) => {
    const tools = records.map((r) => ({
      name: r.name,
      ...r.definition,
      ...(description && r.name === 'alter_table' ? { description } : {}),
    }));
    writeFileSync(list, JSON.stringify({ tools }));
    return runImport({ source: { file: list }, contentDir: content, serverId: SERVER, date: '2026-12-01' });
  };
  const queue = async () => JSON.parse((await run(['--json'])).stdout) as { queued: number; items: Item[] };
  type Item = { id: string; reason: string; category: string };

  assert.equal((await run(['--set', `${SERVER}/alter_table=Write`])).code, 0);
  assert.equal((await queue()).queued, 6);
  // The same definitions again: the decision stands.
  assert.deepEqual((await reimport()).changed, []);
  assert.equal((await queue()).queued, 6);

  const report = await reimport('Alters a table: adds, renames or drops its columns.');
  assert.deepEqual(report.changed, [{ name: 'alter_table', summary: ['description changed'], recheck: 'Write' }]);
  assert.match(
    formatReport(report, false),
    /~ alter_table: description changed \(an editor set Write on the old definition: it waits in `npm run review` again\)/,
  );
  const back = await queue();
  assert.equal(back.queued, 7);
  assert.deepEqual(
    back.items.filter((i) => i.reason === 'definition-changed').map((i) => [i.id, i.category]),
    [[`${SERVER}/alter_table`, 'Write']],
  );
  assert.equal(parse(readFileSync(toolFile('alter_table'), 'utf8')).editorial.category, 'Write', 'the import keeps it');
  const listed = (await run(['--reason', 'definition-changed'])).stdout;
  assert.match(
    listed,
    /changed since an editor checked it:\n {2}\S+\/alter_table {2}Write \(Medium, an editor's category\) .*\n {6}changed 2026-12-01: description changed\n/,
  );

  // Deciding again on the new definition settles it.
  assert.equal((await run(['--set', `${SERVER}/alter_table=Destructive`])).code, 0);
  assert.equal((await queue()).queued, 6);
});

test('a checked hash with no category beside it does nothing, so the validator refuses it and says what to do', () => {
  const file = toolFile('alter_table');
  const hash = hashDefinition(parse(readFileSync(file, 'utf8')).definition);
  writeFileSync(file, `${readFileSync(file, 'utf8')}editorial:\n  checked: ${hash}\n`);
  const { problems } = validateCatalogue(content);
  assert.deepEqual(
    problems.map((p) => [p.code, p.path]),
    [['record-schema', 'editorial.checked']],
  );
  assert.match(problems[0]!.message, /no "category" beside it\. Set editorial\.category \(npm run review -- --set/);
});

test("--set keeps an editor's existing block, its comments included", async () => {
  const file = toolFile('execute_query');
  writeFileSync(
    file,
    `${readFileSync(file, 'utf8')}editorial:\n  # checked with the vendor\n  summary: Runs any SQL.\n`,
  );
  assert.equal((await run(['--set', `${SERVER}/execute_query=Execute`])).code, 0);
  assert.match(
    readFileSync(file, 'utf8'),
    /editorial:\n {2}# checked with the vendor\n {2}summary: Runs any SQL\.\n {2}category: Execute\n {2}checked: sha256:[0-9a-f]{64}\n$/,
  );
});

test('a decision that would break a check, or names no tool, writes nothing at all', async () => {
  const first = readFileSync(toolFile('write_query'), 'utf8');
  const file = toolFile('alter_table');
  writeFileSync(file, `${readFileSync(file, 'utf8')}editorial:\n  risk: Medium\n`);
  const conflicting = await run([
    '--set',
    `${SERVER}/write_query=Destructive`,
    '--set',
    `${SERVER}/alter_table=Execute`,
  ]);
  assert.equal(conflicting.code, 2);
  assert.match(conflicting.stderr, /Nothing was written: --set .*alter_table=Execute would break a check/);
  assert.match(conflicting.stderr, /record-risk-needs-policy/);
  assert.equal(readFileSync(toolFile('write_query'), 'utf8'), first, 'the first decision is not written either');

  const typo = await run(['--set', `${SERVER}/write_qurey=Destructive`]);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /has no tool "write_qurey".*Did you mean "write_query"\?/);
  const server = await run(['--set', 'dbeaver/write_query=Destructive']);
  assert.match(server.stderr, /There is no server "dbeaver".*Did you mean "dbeaver-srthkdev"\?/);
  assert.equal(readFileSync(toolFile('write_query'), 'utf8'), first);
});

test('bad options get one line and status 2', async () => {
  const cases: [string[], RegExp][] = [
    [['--set', `${SERVER}/write_query=Dangerous`], /"Dangerous" .* is no category: use one of Read, Write/],
    [['--set', `${SERVER}-write_query`], /--set takes <server>\/<tool>=<Category>/],
    [
      ['--reason', 'urgent'],
      /--reason is one of dangerous-sign, definition-changed, low-confidence, medium-confidence/,
    ],
    [['--limit', 'ten'], /--limit takes a whole number/],
    [
      ['--limit', '-1'],
      /'--limit' argument is ambiguous\. Give it a value; one that starts with "-" is written --limit=-…/,
    ],
    [['--limit=-1'], /--limit takes a whole number \(0 lists every tool\), not "-1"/],
    [['--server', 'dbeaver'], /no server "dbeaver".*Did you mean "dbeaver-srthkdev"/],
    // Nothing near enough to be a typo: no guess at all, rather than an unrelated id.
    [['--server', 'nope'], /no server "nope" in the catalogue\. Use the id/],
    [['--set', `${SERVER}/write_query=Write`, '--limit', '3'], /use it alone/],
    [['--set', `${SERVER}/write_query=Write`, '--json'], /use it alone/],
    [
      ['--set', `${SERVER}/write_query=Write`, '--set', `${SERVER}/write_query=Execute`],
      /write_query=Write and --set .*write_query=Execute name the same tool: keep one/,
    ],
    [['--frobnicate'], /Unknown option '--frobnicate'. Usage: npm run review/],
  ];
  for (const [args, message] of cases) {
    const r = await run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, `${args.join(' ')}: one line`);
  }
});

test('a record that cannot be read is named, and the queue of the others still printed', async () => {
  writeFileSync(toolFile('alter_table'), 'name: alter_table\nserver: [\n');
  const r = await run([]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^6 of 20 tools await/);
  assert.match(r.stderr, /1 record problem: the queue leaves out the records that could not be read/);
  assert.match(r.stderr, /alter_table\.yaml/);
  const set = await run(['--set', `${SERVER}/alter_table=Write`]);
  assert.equal(set.code, 2);
  assert.match(
    set.stderr,
    /has no tool "alter_table".* 1 of its records could not be read: npm run validate lists them\./,
  );
});

test('a reader that stops early ends the listing quietly, as `| head` does', async () => {
  // The shipped catalogue's whole queue is far more than a pipe holds, so the script is still writing.
  const child = spawn(process.execPath, [join(ROOT, 'scripts/review.ts'), '--limit', '0'], { cwd: ROOT });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await once(child.stdout, 'data');
  child.stdout.destroy();
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(code, 0);
  assert.equal(stderr, '');
});
