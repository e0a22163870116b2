import { validate, type DetailedError } from '@cedar-policy/cedar-wasm/nodejs';
import type { CedarExport } from './cedar.ts';

const cache = new Map<string, string[]>();

function describe(e: DetailedError): string {
  const at = e.sourceLocations?.[0];
  const where = at ? ` (at characters ${at.start}–${at.end})` : '';
  return `${e.message}${e.help ? ` ${e.help}` : ''}${where}`;
}

/**
 * Checks a Cedar policy set against its schema with Cedar's own validator (strict mode), as the
 * gateway does when the policy is loaded. Returns one message per error, empty when it is valid.
 * Results are cached by text: a catalogue repeats the same few shapes many times over.
 */
export function cedarErrors(exp: Pick<CedarExport, 'text' | 'schema'>): string[] {
  const key = `${exp.schema}\u0000${exp.text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const answer = validate({
    schema: exp.schema,
    policies: { staticPolicies: exp.text },
    validationSettings: { mode: 'strict' },
  });
  const errors =
    answer.type === 'failure'
      ? answer.errors.map(describe)
      : answer.validationErrors.map((v) => `${v.policyId}: ${describe(v.error)}`);
  if (cache.size < 20_000) cache.set(key, errors);
  return errors;
}
