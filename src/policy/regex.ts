import { RE2JS, RE2JSException } from 're2js';

/**
 * Regex values are RE2 syntax (POLICY-LANGUAGE.md, Condition `regex`), compiled and matched by
 * re2js, a pure-JavaScript port of RE2 that also runs in a browser. RE2 matches in time linear in
 * the input whatever the pattern, so no pattern needs to be refused for being slow; a pattern RE2
 * cannot compile (backreferences, lookaround, a bad escape) is refused with RE2's own reason.
 * The checker and the evaluator both compile here, so a pattern means the same thing everywhere.
 */
export type RegexVerdict = { ok: true; regex: RE2JS } | { ok: false; reason: string };

export function checkRegex(source: string): RegexVerdict {
  try {
    return { ok: true, regex: RE2JS.compile(source) };
  } catch (err) {
    if (!(err instanceof RE2JSException)) throw err;
    return { ok: false, reason: err.message.replace(/^error parsing regexp: /, '') };
  }
}

const cache = new Map<string, RE2JS>();

/**
 * Whether `source` matches anywhere in `text` (unanchored, like RegExp#test). The pattern must
 * have passed `checkRegex`, as every regex of a parsed policy has.
 */
export function regexMatches(source: string, text: string): boolean {
  let re = cache.get(source);
  if (!re) {
    re = RE2JS.compile(source);
    cache.set(source, re);
  }
  return re.test(text);
}
