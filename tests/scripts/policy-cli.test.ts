import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync, cpSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as validate } from '#scripts/validate.ts';
import { main as evaluate } from '#scripts/eval.ts';
import { callMain, runScript } from '../helpers/cli.ts';
import { ROOT } from '../helpers/server.ts';
import { tempDir } from '../helpers/temp.ts';

const CONTENT = join(ROOT, 'tests/fixtures/policies/content');
const SERVER = 'fixture-shop';

/** Runs a policy CLI in this process, as `ATLAS_CONTENT=<content> npm run <script> -- <args>` would. */
function run(script: 'validate' | 'eval', args: string[], content = CONTENT) {
  return callMain(script === 'validate' ? validate : evaluate, args, { ATLAS_CONTENT: content });
}

let dir = '';
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

before(() => {
  dir = tempDir(join(tmpdir(), 'atlas-policy-cli-'));
});

const GOOD = {
  version: '1',
  default: 'deny',
  hide: ['delete_item'],
  tools: {
    get_item: {},
    save_item: {
      deny_if: [
        {
          conditions: [{ path: 'args.overwrite', op: 'eq', value: true }],
          on_deny: 'Replacing an item needs a person.',
        },
      ],
      limits: [{ counter: 'saves', window: 'minute', max: 2, scope: 'grant' }],
    },
  },
};

const BAD = {
  version: '1',
  default: 'deny',
  tools: {
    get_itme: {},
    save_item: {
      require: [{ path: 'args.name', op: 'gt', value: 3 }],
      limits: [{ counter: 'c', window: 'week', max: 5, scope: 'grant' }],
    },
  },
};

describe('npm run validate with a policy file', () => {
  test('prints one "valid" line and exits 0 for a valid policy', async () => {
    const r = await run('validate', [file('good.json', JSON.stringify(GOOD)), '--server', SERVER]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^valid: .*good\.json for server "fixture-shop": 2 tool rules, 1 hidden, default deny\.$/);
  });

  test('prints every problem on its own line with file, path, code and message, and exits 1', async () => {
    const path = file('bad.json', JSON.stringify(BAD));
    const r = await run('validate', [path, '--server', SERVER]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 1, 'a shape error stops the server checks');
    assert.ok(lines[0]!.startsWith(`${path} › tools.save_item.limits[0].window  [policy-schema]  `), lines[0]);

    const fixed = structuredClone(BAD);
    fixed.tools.save_item.limits[0]!.window = 'minute';
    const r2 = await run('validate', [file('bad2.json', JSON.stringify(fixed)), '--server', SERVER]);
    assert.equal(r2.code, 1);
    const lines2 = r2.stdout.trim().split('\n');
    assert.equal(lines2.length, 2);
    assert.match(lines2[0]!, /tools\.get_itme {2}\[policy-unknown-tool\] {2}.*Did you mean "get_item"\?/);
    assert.match(lines2[1]!, /tools\.save_item\.require\[0\]\.op {2}\[policy-operator-type\]/);
  });

  test('--json prints the problems as a JSON array', async () => {
    const fixed = structuredClone(BAD);
    fixed.tools.save_item.limits[0]!.window = 'minute';
    const r = await run('validate', [file('bad3.json', JSON.stringify(fixed)), '--server', SERVER, '--json']);
    assert.equal(r.code, 1);
    const problems = JSON.parse(r.stdout);
    assert.deepEqual(
      problems.map((p: { code: string; path: string }) => [p.code, p.path]),
      [
        ['policy-unknown-tool', 'tools.get_itme'],
        ['policy-operator-type', 'tools.save_item.require[0].op'],
      ],
    );
    assert.equal(typeof problems[0].message, 'string');
    assert.equal(problems[0].value, 'get_itme');
  });

  test('--json prints an empty array for a valid policy', async () => {
    const r = await run('validate', [file('good2.json', JSON.stringify(GOOD)), '--server', SERVER, '--json']);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  test('without --server it checks the shape only and says so', async () => {
    const r = await run('validate', [file('good3.json', JSON.stringify({ ...GOOD, tools: { anything: {} } }))]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /shape only/);
  });

  test('a missing file is one line on stderr and exit 2', async () => {
    const r = await run('validate', [join(dir, 'nope.json'), '--server', SERVER]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /nope\.json": it does not exist\./);
  });

  test('invalid JSON is reported with its line and column, and exit 2', async () => {
    const r = await run('validate', [file('broken.json', '{\n  "version": "1",\n}\n'), '--server', SERVER]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /is not valid JSON at line 3, column 1/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  test('an unquoted word is reported at its own line and column, on one line', async () => {
    const r = await run('validate', [
      file('word.json', '{\n  "version": "1",\n  "default": deny,\n  "tools": {}\n}\n'),
      '--server',
      SERVER,
    ]);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `The policy file "${join(dir, 'word.json')}" is not valid JSON at line 3, column 14: Unexpected token 'd'. Fix the syntax there (check commas, quotes and brackets).\n`,
    );
  });

  test('an invisible character where JSON expects a value is located and written as its code point', async () => {
    const r = await run('validate', [file('invisible.json', '{\n  "version":\u200b "1"\n}\n')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /at line 2, column 13: Unexpected token '<U\+200B>'\./);
  });

  test('a byte-order mark before the JSON is ignored', async () => {
    const r = await run('validate', [file('bom.json', `\uFEFF${JSON.stringify(GOOD)}`), '--server', SERVER]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^valid: /);
  });

  test('an unknown server id is one line naming the closest id, and exit 2', async () => {
    const r = await run('validate', [file('good4.json', JSON.stringify(GOOD)), '--server', 'fixture-shops']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /There is no server "fixture-shops".*Did you mean "fixture-shop"\?/);
  });

  test('an unknown option is one line with the usage, and exit 2', async () => {
    const r = await run('validate', [file('good5.json', JSON.stringify(GOOD)), '--srever', SERVER]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /Unknown option '--srever'.*Usage: npm run validate/);
  });
});

describe('npm run validate without arguments', () => {
  test('checks every record of the content folder and prints one "valid" line', async () => {
    const r = await run('validate', []);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^valid: 1 server, 4 tools and their policies in .*fixtures\/policies\/content\.\n$/);
  });

  test('prints every problem of a broken content folder and exits 1', async () => {
    const broken = tempDir(join(tmpdir(), 'atlas-policy-content-'));
    mkdirSync(join(broken, 'servers'));
    writeFileSync(join(broken, 'servers', 'broken.yaml'), 'name: Broken\n');
    const r = await run('validate', [], broken);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /broken\.yaml › summary {2}\[record-schema\]/);
    assert.match(r.stdout, /1 problem found/);
  });
});

describe('npm run eval', () => {
  const policy = () => file('eval.json', JSON.stringify(GOOD));

  test('prints the decision, the deciding rule and the message', async () => {
    const r = await run('eval', [policy(), '--tool', 'save_item', '--args', '{"name":"a","price":1,"overwrite":true}']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'denied (rule: tools.save_item.deny_if[0])\nReplacing an item needs a person.\n');
  });

  test('names the counters to increment when a call is allowed', async () => {
    const r = await run('eval', [policy(), '--tool', 'save_item', '--args', '{"name":"a"}']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^allowed \(rule: tools\.save_item\)\n/);
    assert.match(r.stdout, /Counters to increment: tools\.save_item\/saves\n$/);
  });

  test('takes counters and reports a rate-limited call', async () => {
    const r = await run('eval', [policy(), '--tool', 'save_item', '--counters', '{"tools.save_item/saves": 2}']);
    assert.match(r.stdout, /^rate-limited \(rule: tools\.save_item\.limits\[0\]\)\n/);
  });

  test('reports a hidden tool and, with --json, prints the decision as JSON', async () => {
    const r = await run('eval', [policy(), '--tool', 'delete_item', '--json']);
    assert.equal(r.code, 0);
    const d = JSON.parse(r.stdout);
    assert.deepEqual([d.decision, d.rule], ['hidden', 'hide']);
  });

  test('refuses invalid --args JSON in one line with exit 2', async () => {
    const r = await run('eval', [policy(), '--tool', 'save_item', '--args', '{"name":']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^The --args option is not valid JSON at line 1, column 9/);
  });

  test('refuses --args that is not an object', async () => {
    const r = await run('eval', [policy(), '--tool', 'save_item', '--args', '[1]']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /must be a JSON object/);
  });

  test('needs --tool', async () => {
    const r = await run('eval', [policy()]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--tool <name>/);
  });

  test('adds a note on stderr for a tool the policy does not name, with the nearest name it does', async () => {
    const r = await run('eval', [policy(), '--tool', 'save_itme']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.split('\n')[0], 'denied (rule: default)');
    assert.equal(
      r.stderr,
      'The policy names no tool "save_itme" under "tools" or "hide", so its "default" ("deny") applies. Did you mean "save_item"?\n',
    );
    const far = await run('eval', [policy(), '--tool', 'send_email']);
    assert.match(far.stderr, /names no tool "send_email".*applies\.\n$/);
    assert.doesNotMatch(far.stderr, /Did you mean/);
  });

  test('adds no note for a tool the policy names, under "tools" or "hide"', async () => {
    for (const tool of ['get_item', 'delete_item']) {
      const r = await run('eval', [policy(), '--tool', tool]);
      assert.equal(r.stderr, '', tool);
    }
  });

  test('prints the problems of an invalid policy and exits 1 without evaluating', async () => {
    const r = await run('eval', [file('eval-bad.json', JSON.stringify(BAD)), '--tool', 'get_item']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /\[policy-schema\]/);
    assert.match(r.stdout, /no call was evaluated/);
  });
});

test('validate --server refuses a rule for a tool the server no longer lists', async () => {
  const content = tempDir(join(tmpdir(), 'atlas-policy-removed-'));
  cpSync(CONTENT, content, { recursive: true });
  const record = join(content, 'tools', SERVER, 'get_item.yaml');
  writeFileSync(
    record,
    `${readFileSync(record, 'utf8')}history:\n  hash: sha256:${'a'.repeat(64)}\n  first_seen: "2026-01-01"\n  removed: "2026-02-01"\n`,
  );
  const policy = file('removed.json', JSON.stringify({ version: '1', default: 'deny', tools: { get_item: {} } }));
  const r = await run('validate', [policy, '--server', SERVER], content);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /tools\.get_item\s+\[policy-unknown-tool\]/);
});

describe('the policy CLIs as real processes', () => {
  test('validate exits 0 for a valid policy and 1 with its problems on stdout', () => {
    const good = file('process-good.json', JSON.stringify(GOOD));
    const ok = runScript('validate', [good, '--server', SERVER], { ATLAS_CONTENT: CONTENT });
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /^valid: /);
    const bad = file('process-bad.json', JSON.stringify(BAD));
    const r = runScript('validate', [bad, '--server', SERVER], { ATLAS_CONTENT: CONTENT });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /process-bad\.json › tools\.save_item\.limits\[0\]\.window {2}\[policy-schema\]/);
    assert.equal(r.stderr, '');
  });

  test('eval exits 2 with one line on stderr and no stack trace when the command cannot run', () => {
    const r = runScript('eval', [join(dir, 'missing.json'), '--tool', 'get_item'], { ATLAS_CONTENT: CONTENT });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^Cannot read the policy file ".*missing\.json": it does not exist\. Check the path\.\n$/);
  });
});

test('validate and eval answer --help and -h with their usage and status 0', async () => {
  for (const [script, flag] of [
    ['validate', '--help'],
    ['eval', '-h'],
  ] as const) {
    const r = await run(script, [flag]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^Usage: npm run ${script}`));
    assert.equal(r.stderr, '');
  }
});
