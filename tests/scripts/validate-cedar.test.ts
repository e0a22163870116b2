import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { printCedar, CEDAR_FLAVOURS, type Policy } from '#src/policy/index.ts';
import { FIXTURE_TOOLS } from '../fixtures/policies/corpus.ts';
import { tempDir } from '../helpers/temp.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CONTENT = join(ROOT, 'tests/fixtures/policies/content');
const SERVER = 'fixture-shop';
const tools = FIXTURE_TOOLS.map((t) => ({ name: t.name, ...(t.inputSchema ? { inputSchema: t.inputSchema } : {}) }));

function validate(args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/validate.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ATLAS_CONTENT: CONTENT },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const policy = {
  version: '1',
  default: 'deny',
  tools: { save_item: { require: [{ path: 'args.price', op: 'lte', value: 100 }] } },
} as Policy;

test('a Cedar policy with a deliberate error fails the validator with the file, the place and Cedar’s message', () => {
  const dir = tempDir(join(tmpdir(), 'atlas-cedar-'));
  for (const { id: gateway } of CEDAR_FLAVOURS) {
    const good = printCedar(policy, gateway, { server: SERVER, tools }).text;
    const goodFile = join(dir, `good.${gateway}.cedar`);
    writeFileSync(goodFile, good);
    const ok = validate([goodFile, '--server', SERVER, '--gateway', gateway]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /^valid: /);

    // The deliberate error: a permit that reads an argument the tool does not have.
    const broken = `${good}\npermit (principal, action, resource) when { context.nope == 1 };\n`;
    const badFile = join(dir, `bad.${gateway}.cedar`);
    writeFileSync(badFile, broken);
    const bad = validate([badFile, '--server', SERVER, '--gateway', gateway]);
    assert.equal(bad.code, 1, bad.stdout + bad.stderr);
    const lines = bad.stdout.trim().split('\n');
    assert.ok(lines.length >= 1);
    const line = broken.split('\n').length - 1;
    assert.match(
      lines[0]!,
      new RegExp(
        `^${badFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} › \\(Cedar for [^)]+\\)  \\[policy-cedar-invalid\\]  `,
      ),
    );
    assert.match(lines[0]!, /nope/);
    assert.match(lines[0]!, new RegExp(`at line ${line}, column \\d+`));
  }
});

test('a Cedar file needs a server and a gateway', () => {
  const r = validate(['x.cedar', '--server', SERVER]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--gateway agentcore\|toolhive\|docker/);
  const typo = validate(['x.cedar', '--server', SERVER, '--gateway', 'dockr']);
  assert.equal(typo.code, 2);
  assert.match(
    typo.stderr,
    /There is no gateway "dockr": use --gateway agentcore\|toolhive\|docker\. Did you mean "docker"\?/,
  );
});
