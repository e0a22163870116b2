import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAuthorized } from '@cedar-policy/cedar-wasm/nodejs';
import {
  printCedar,
  cedarErrors,
  cedarPolicyErrors,
  cedarRequest,
  CEDAR_FLAVOURS,
  type Policy,
} from '#src/policy/index.ts';
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
  for (const { id: flavour } of CEDAR_FLAVOURS) {
    const exp = printCedar(policy, flavour, { server: 'demo', tools });
    // `n gt 9` in a deny_if: a gateway that leaves out a value it cannot pass (a fraction, a huge
    // number) makes it look missing, so the rule also denies a call without n, and says so.
    assert.ok(!exp.exact);
    assert.ok(
      exp.notes.some(
        (n) => n.includes('tools.save.deny_if[0].conditions[0]') && n.includes('also holds when args.n is missing'),
      ),
    );
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
  const mark = { agentcore: /decimal/, toolhive: /arg_name/, docker: /opts\??: \{\s*force\??: Bool/ };
  for (const { id: flavour } of CEDAR_FLAVOURS) {
    const exp = printCedar(policy, flavour, { server: 'demo', tools: rich, fullSchema: true });
    const text = canonical(exp.schema);
    assert.equal(text, canonical(exp.schemaJson as Parameters<typeof schemaToText>[0]), flavour);
    assert.match(text, mark[flavour]);
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
    for (const { id: flavour } of CEDAR_FLAVOURS) {
      assert.deepEqual(cedarPolicyErrors(p, flavour, { server: 'demo', tools }), []);
      assert.deepEqual(cedarErrors(printCedar(p, flavour, { server: 'demo', tools })), []);
    }
});

/** Cedar's answer for one call against a Docker export, as Docker's gateway would ask it. */
function dockerDecision(text: string, call: { tool: string; args?: Record<string, unknown> }, remote = false) {
  const req = cedarRequest('docker', { server: 'demo', tools }, call);
  const answer = isAuthorized({
    principal: req.principal,
    action: req.action,
    resource: req.resource,
    // A remote server's calls reach Cedar without their arguments.
    context: remote ? {} : req.context,
    entities: req.entities,
    policies: { staticPolicies: text },
  });
  assert.equal(answer.type, 'success', JSON.stringify(answer));
  return answer.type === 'success' ? answer.response.decision : undefined;
}

test("Docker's export binds each permit to its server and tool name, and a rule on arguments denies without them", () => {
  const guarded = {
    version: '1',
    default: 'deny',
    tools: { save: { deny_if: [{ conditions: [{ path: 'args.n', op: 'gt', value: 9 }], on_deny: 'Too many.' }] } },
  } as Policy;
  const exp = printCedar(guarded, 'docker', { server: 'demo', tools });
  assert.deepEqual(cedarErrors(exp), []);
  assert.match(
    exp.text,
    /resource in MCP::Server::"demo"\n\)\nwhen \{\n {2}resource\.name == "save" &&\n {2}context has args &&/,
  );
  assert.match(exp.text, /registered the server under another name/);
  assert.equal(dockerDecision(exp.text, { tool: 'save', args: { name: 'a', n: 3 } }), 'allow');
  assert.equal(dockerDecision(exp.text, { tool: 'save', args: { name: 'a', n: 30 } }), 'deny');
  assert.equal(dockerDecision(exp.text, { tool: 'drop', args: {} }), 'deny', 'a tool the policy does not list');
  // The same tool on another server is not this policy's to allow.
  const elsewhere = exp.text.replace('MCP::Server::"demo"', 'MCP::Server::"other"');
  assert.equal(dockerDecision(elsewhere, { tool: 'save', args: { name: 'a', n: 3 } }), 'deny');
  // A deny_if alone would let every call through once the arguments are missing: the guard denies.
  assert.equal(dockerDecision(exp.text, { tool: 'save', args: { name: 'a', n: 3 } }, true), 'deny');
  assert.ok(exp.notes.some((n) => n.includes('only for a local stdio server')));
});

test("Docker's export offers the session's confirmation for a rule that refuses every call, without granting it, and says it is no person's approval", () => {
  const approval = {
    version: '1',
    default: 'allow',
    tools: { drop: { deny_if: [{ conditions: [], on_deny: 'Ask a person "first".' }] } },
  } as Policy;
  const exp = printCedar(approval, 'docker', { server: 'demo', tools });
  assert.deepEqual(cedarErrors(exp), []);
  assert.equal(dockerDecision(exp.text, { tool: 'drop', args: {} }), 'deny');
  // Under default allow every other tool of the server is permitted, one it adds later included.
  assert.equal(dockerDecision(exp.text, { tool: 'save', args: { name: 'a' } }), 'allow');
  assert.equal(dockerDecision(exp.text, { tool: 'added_later', args: {} }), 'allow');
  assert.ok(!exp.notes.some((n) => n.includes('a tool the server adds after this export is denied')));
  const offer = exp.text.split('\n').find((l) => l.includes('@requireApproval'))!;
  assert.ok(offer.startsWith('// '), 'offered as a comment');
  assert.match(offer, /an autonomous client can answer itself, so it is no person's approval/);
  const statement = offer.slice(offer.indexOf('@requireApproval'));
  assert.equal(statement.split('@requireApproval(')[1]!.split(') permit')[0], '"Ask a person \\"first\\"."');
  // Uncommented, it is a valid Docker statement that matches the tool.
  const active = `${exp.text}\n${statement}\n`;
  assert.deepEqual(cedarErrors({ ...exp, text: active }), []);
  assert.equal(dockerDecision(active, { tool: 'drop', args: {} }), 'allow');
});

test('an export names the server the way its gateway does, and says so in its first lines', () => {
  const head = (flavour: 'agentcore' | 'docker') =>
    printCedar(policy, flavour, { server: 'demo', tools }).text.split('\n').slice(0, 3).join('\n');
  assert.match(head('agentcore'), /assumes the gateway target is named "demo"/);
  assert.match(printCedar(policy, 'agentcore', { server: 'demo', tools }).text, /AgentCore::Action::"demo___save"/);
  assert.match(head('docker'), /this export says "demo": change it if you registered the server under another name/);
});

test('ToolHive: every number reaches Cedar as a decimal, and null, objects and arrays only as a flag', () => {
  const refund = [
    {
      name: 'refund',
      inputSchema: {
        type: 'object',
        properties: { amount: { type: 'integer' }, reason: { type: 'string' } },
        required: ['amount'],
      },
    },
  ];
  const decide = (p: Policy, args: Record<string, unknown>) => {
    const exp = printCedar(p, 'toolhive', { server: 'pay', tools: refund });
    assert.deepEqual(cedarErrors(exp), []);
    const req = cedarRequest('toolhive', { server: 'pay', tools: refund }, { tool: 'refund', args });
    const answer = isAuthorized({ ...req, policies: { staticPolicies: exp.text } });
    assert.equal(answer.type, 'success', JSON.stringify(answer));
    return answer.type === 'success' ? answer.response.decision : undefined;
  };
  const blocked = {
    version: '1',
    default: 'deny',
    tools: {
      refund: {
        deny_if: [{ conditions: [{ path: 'args.amount', op: 'in', value: [0, 99999] }], on_deny: 'Blocked amount.' }],
      },
    },
  } as Policy;
  // ToolHive decodes JSON numbers as floats, so 0 is decimal("0.0"): compared with a Long it would
  // never match, and the rule would never deny.
  assert.equal(decide(blocked, { amount: 0 }), 'deny');
  assert.equal(decide(blocked, { amount: 99999 }), 'deny');
  assert.equal(decide(blocked, { amount: 5 }), 'allow');
  const capped = {
    version: '1',
    default: 'deny',
    tools: { refund: { require: [{ path: 'args.amount', op: 'lte', value: 5000 }] } },
  } as Policy;
  // A Long comparison with a decimal is a type error, which would deny every call.
  assert.equal(decide(capped, { amount: 100 }), 'allow');
  assert.equal(decide(capped, { amount: 5001 }), 'deny');
  assert.equal(decide(capped, { amount: 1e16 }), 'deny');
  const readsOnly = {
    version: '1',
    default: 'deny',
    tools: {
      refund: {
        deny_if: [
          { conditions: [{ path: 'args.reason', op: 'neq', value: 'duplicate' }], on_deny: 'Only duplicates.' },
        ],
      },
    },
  } as Policy;
  // null or an array arrives only as arg_reason_present: "differs" holds for it, as in the evaluator.
  assert.equal(decide(readsOnly, { amount: 1, reason: 'duplicate' }), 'allow');
  assert.equal(decide(readsOnly, { amount: 1, reason: null }), 'deny');
  assert.equal(decide(readsOnly, { amount: 1, reason: ['duplicate'] }), 'deny');
  assert.equal(decide(readsOnly, { amount: 1, reason: 'fraud' }), 'deny');
});
