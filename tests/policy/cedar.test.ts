import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printCedar, cedarErrors, cedarPolicyErrors, type Policy } from '#src/policy/index.ts';
import { cedarString, regexToCedar, decimalText } from '#src/policy/cedar.ts';
import { cedarProblems } from '#src/catalogue/checks.ts';
import { formatProblem } from '#src/model/problems.ts';

const tools = [
  {
    name: 'save',
    inputSchema: {
      type: 'object',
      properties: { name: { type: 'string' }, n: { type: 'integer' } },
      required: ['name'],
    },
  },
  { name: 'drop', inputSchema: { type: 'object', properties: {} } },
];
const policy = {
  version: '1',
  default: 'deny',
  hide: ['drop'],
  all_tools: { limits: [{ counter: 'all', window: 'day', max: 100, scope: 'grant' }] },
  tools: {
    save: {
      deny_if: [{ conditions: [{ path: 'args.n', op: 'gt', value: 9 }], on_deny: 'Too many.\n// not a comment' }],
      limits: [{ counter: 'save_rate', window: 'minute', max: 5, scope: 'grant' }],
    },
  },
} as Policy;

test('a Cedar export with a deliberate error is a build problem with the file and Cedar’s message', () => {
  const exp = printCedar(policy, 'agentcore', { server: 'demo', tools });
  assert.deepEqual(cedarErrors(exp), []);
  const broken = { ...exp, text: exp.text.replace('context.input.n > 9', 'context.input.count > 9') };
  assert.notEqual(broken.text, exp.text);
  const problems = cedarProblems(broken, 'content/tools/demo/save.yaml', 'editorial.policy');
  assert.equal(problems.length, 1);
  const line = formatProblem(problems[0]!);
  assert.match(
    line,
    /^content\/tools\/demo\/save\.yaml › editorial\.policy \(Cedar for Amazon Bedrock AgentCore Gateway\)\s+\[policy-cedar-invalid\]/,
  );
  assert.match(line, /count/);
  assert.match(line, /Report this with the policy/);
  const syntax = cedarProblems({ ...exp, text: `${exp.text}\npermit (principal,` }, 'f.yaml', '(server policy)');
  assert.ok(syntax.length >= 1 && syntax[0]!.message.length > 40);
});

test('what Cedar cannot say is in the notes and in the file’s comments, and a message cannot end a comment early', () => {
  for (const flavour of ['agentcore', 'toolhive'] as const) {
    const exp = printCedar(policy, flavour, { server: 'demo', tools });
    assert.ok(exp.exact);
    assert.ok(exp.notes.some((n) => n.includes('tools.save.limits[0]') && n.includes('5 calls per minute')));
    assert.ok(exp.notes.some((n) => n.includes('all_tools.limits[0]')));
    assert.ok(exp.notes.some((n) => n.includes('"Too many.\\n// not a comment"')));
    for (const n of exp.notes)
      assert.ok(exp.text.includes(n.replace(/[\r\n]+/g, ' ')), `${flavour}: "${n}" is in the file`);
    // Every line of the text is a comment, blank, or Cedar; the message's newline did not start a new line.
    assert.ok(!exp.text.split('\n').some((l) => l.startsWith('// not a comment')));
    assert.deepEqual(cedarErrors(exp), []);
  }
});

test('regexes of literal text map to == and like; anything else is not expressible', () => {
  assert.equal(regexToCedar('^abc$', 'v'), 'v == "abc"');
  assert.equal(regexToCedar('^a\\.b', 'v'), 'v like "a.b*"');
  assert.equal(regexToCedar('x\\*y$', 'v'), 'v like "*x\\*y"');
  assert.equal(regexToCedar('a|b', 'v'), '(v like "*a*" || v like "*b*")');
  for (const p of ['^[a-z]+$', 'a.b', 'ab+', '(a)', '\\d', 'a{2}']) assert.equal(regexToCedar(p, 'v'), undefined, p);
});

test('literals: Cedar string escapes and decimals of at most four places', () => {
  assert.equal(cedarString('a"b\\c\nd\u0001'), '"a\\"b\\\\c\\nd\\u{1}"');
  assert.equal(decimalText(2), '2.0');
  assert.equal(decimalText(-1.25), '-1.25');
  assert.equal(decimalText(0.00001), undefined);
});

test('the published schema text and the JSON schema the build validates with are the same schema', async () => {
  const { schemaToText } = await import('@cedar-policy/cedar-wasm/nodejs');
  const rich = [
    ...tools,
    {
      name: 'nested',
      inputSchema: {
        type: 'object',
        properties: {
          x: { type: 'number' },
          tags: { type: 'array', items: { type: 'string' } },
          opts: { type: 'object', properties: { force: { type: 'boolean' } }, required: ['force'] },
          odd: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
        },
        required: ['x'],
      },
    },
  ];
  // Cedar prints both forms in one canonical text; the JSON form names built-in types in full.
  const canonical = (schema: Parameters<typeof schemaToText>[0]) => {
    const answer = schemaToText(schema);
    assert.equal(answer.type, 'success', JSON.stringify(answer));
    return answer.type === 'success' ? answer.text.replaceAll('__cedar::', '') : '';
  };
  for (const flavour of ['agentcore', 'toolhive'] as const) {
    const exp = printCedar(policy, flavour, { server: 'demo', tools: rich, fullSchema: true });
    const text = canonical(exp.schema);
    assert.equal(text, canonical(exp.schemaJson as Parameters<typeof schemaToText>[0]), flavour);
    assert.match(text, flavour === 'agentcore' ? /decimal/ : /arg_name/);
  }
});

test('the build’s rule-by-rule check agrees with validating the whole export', () => {
  const many = {
    version: '1',
    default: 'allow',
    hide: ['drop'],
    tools: {
      save: {
        require: [{ path: 'args.name', op: 'regex', value: '^ops' }],
        deny_if: [{ conditions: [{ path: 'args.n', op: 'in', value: [1, 2] }], on_deny: 'No.' }],
      },
    },
  } as Policy;
  for (const p of [policy, many])
    for (const flavour of ['agentcore', 'toolhive'] as const) {
      assert.deepEqual(cedarPolicyErrors(p, flavour, { server: 'demo', tools }), []);
      assert.deepEqual(cedarErrors(printCedar(p, flavour, { server: 'demo', tools })), []);
    }
});
