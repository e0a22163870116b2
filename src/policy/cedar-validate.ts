import { validate, type DetailedError } from '@cedar-policy/cedar-wasm/nodejs';
import { toCedar, type CedarExport, type CedarFlavour, type CedarOptions } from './cedar.ts';
import type { Policy } from '#src/model/policy.ts';
import type { ToolInfo } from './server.ts';

const cache = new Map<string, string[]>();

/** Line and column (1-based) of a character offset in `text`. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

function describe(e: DetailedError, text: string): string {
  const at = e.sourceLocations?.[0];
  const where = at ? ` (at ${lineColumn(text, at.start)})` : '';
  return `${e.message}${e.help ? ` ${e.help}` : ''}${where}`;
}

/**
 * Checks a Cedar policy set against its schema with Cedar's own validator (strict mode), as the
 * gateway does when the policy is loaded. Returns one message per error, empty when it is valid.
 * Results are cached by text: a catalogue repeats the same few shapes many times over.
 */
export function cedarErrors(
  exp: Pick<CedarExport, 'text' | 'schema'> & { schemaJson?: CedarExport['schemaJson'] },
): string[] {
  const key = `${exp.schemaJson ? JSON.stringify(exp.schemaJson) : exp.schema}\u0000${exp.text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const answer = validate({
    // The JSON form when there is one: the same schema, parsed several times faster.
    schema: (exp.schemaJson ?? exp.schema) as Parameters<typeof validate>[0]['schema'],
    policies: { staticPolicies: exp.text },
    validationSettings: { mode: 'strict' },
  });
  const errors =
    answer.type === 'failure'
      ? answer.errors.map((e) => describe(e, exp.text))
      : answer.validationErrors.map((v) => describe(v.error, exp.text));
  if (cache.size < 20_000) cache.set(key, errors);
  return errors;
}

const stripComments = (text: string) =>
  text
    .split('\n')
    .filter((line) => !line.startsWith('//'))
    .join('\n');

/**
 * Validates the Cedar export of `policy` as the build needs it, at catalogue scale.
 *
 * Cedar validates each statement of a policy set on its own against the schema, and an export is
 * one `permit` per tool rule (plus, under `default: "allow"`, one for the other tools), each
 * printed from that rule alone, with the tool's action and arguments declared in the schema. So
 * each rule is validated as the one-rule policy `{ "t0": rule }` of a tool named `t0` on a server
 * named `server`, with its comments (names, messages, counters, notes) left out: names only ever
 * appear in string literals and comments, and a comment never spans a line. The full schema of
 * the download only adds declarations, so a rule valid here is valid there. Thousands of tools
 * under the same rule then share one validation instead of paying Cedar's parser each. When a
 * check fails, the real export is validated so that the errors quote its real names.
 */
export function cedarPolicyErrors(
  policy: Policy,
  flavour: CedarFlavour,
  opts: { server: string; tools: ToolInfo[] },
): string[] {
  const hidden = new Set(policy.hide ?? []);
  const info = new Map(opts.tools.map((t) => [t.name, t]));
  let failed = false;
  const check = (p: Policy, o: CedarOptions) => {
    const exp = toCedar(p, flavour, o);
    if (cedarErrors({ ...exp, text: stripComments(exp.text) }).length) failed = true;
  };
  if (!hidden.has('*')) {
    for (const [name, rule] of Object.entries(policy.tools ?? {})) {
      if (hidden.has(name) || failed) continue;
      const tool = { ...(info.get(name) ?? { name }), name: 't0' };
      check({ version: '1', default: 'deny', tools: { t0: rule } }, { server: 'server', tools: [tool] });
    }
    // The permit for every other tool exists only under default allow, which editors rarely write.
    if (policy.default === 'allow' && !failed) check(policy, opts);
  }
  return failed ? cedarErrors(toCedar(policy, flavour, opts)) : [];
}
