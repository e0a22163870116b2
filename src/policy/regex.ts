import safeRegex from 'safe-regex2';

/**
 * Regex values are compiled with the `u` flag, by the checker and by the evaluator alike, so
 * a pattern means the same thing everywhere (and `\p{L}` works).
 */
export const REGEX_FLAGS = 'u';

export type RegexVerdict = { ok: true; regex: RegExp } | { ok: false; kind: 'compile' | 'unsafe'; reason: string };

/** `min`/`max`: the quantifier's bounds (Infinity for `*`, `+` and `{n,}`); 1/1 when there is none. */
type Item = { first: string | null; min: number; max: number; group?: Group };
type Group = { alternatives: Item[][] };

/**
 * A small parser for the structure that matters to backtracking: groups, alternatives and
 * quantifiers. Atoms are reduced to their first character when it is a plain literal, or `null`
 * (could match many characters) for classes, escapes like `\d` and `.`.
 */
function parse(source: string): Group {
  let i = 0;
  function group(): Group {
    const alternatives: Item[][] = [[]];
    while (i < source.length) {
      const ch = source[i]!;
      if (ch === ')') return { alternatives };
      if (ch === '|') {
        alternatives.push([]);
        i++;
        continue;
      }
      let item: Item;
      if (ch === '(') {
        i++;
        let lookaround = false;
        if (source[i] === '?') {
          if (source.startsWith('?:', i)) i += 2;
          else if (source.startsWith('?=', i) || source.startsWith('?!', i)) {
            i += 2;
            lookaround = true;
          } else if (source.startsWith('?<=', i) || source.startsWith('?<!', i)) {
            i += 3;
            lookaround = true;
          } else if (source[i + 1] === '<') i = source.indexOf('>', i) + 1;
        }
        const inner = group();
        i++; // the closing parenthesis
        item = { first: lookaround ? '' : null, min: 1, max: 1, group: inner };
      } else if (ch === '[') {
        i++;
        if (source[i] === '^') i++;
        if (source[i] === ']') i++;
        while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
        i++;
        item = { first: null, min: 1, max: 1 };
      } else if (ch === '\\') {
        const next = source[i + 1] ?? '';
        i += 2;
        if (/[pPuxk]/.test(next) && (source[i] === '{' || source[i] === '<'))
          i = source.indexOf(source[i] === '{' ? '}' : '>', i) + 1;
        item = { first: /[dDwWsSbBpPuxck0-9]/.test(next) ? null : next, min: 1, max: 1 };
      } else if (ch === '^' || ch === '$') {
        i++;
        item = { first: '', min: 1, max: 1 };
      } else {
        i++;
        item = { first: ch === '.' ? null : ch, min: 1, max: 1 };
      }
      // quantifier
      const q = /^(?:([*+?])|\{(\d+)(,(\d*))?\})\??/.exec(source.slice(i));
      if (q) {
        i += q[0].length;
        if (q[1]) {
          item.min = q[1] === '+' ? 1 : 0;
          item.max = q[1] === '?' ? 1 : Infinity;
        } else {
          item.min = Number(q[2]);
          item.max = q[3] === undefined ? item.min : q[4] === '' ? Infinity : Number(q[4]);
        }
        if (item.first !== '' && item.min === 0) item.first = null; // may be skipped: anything can follow
      }
      alternatives[alternatives.length - 1]!.push(item);
    }
    return { alternatives };
  }
  return group();
}

/** Whether anything inside matches a variable number of times (`?`, `*`, `+`, `{1,3}`). */
function varies(group: Group): boolean {
  return group.alternatives.some((alt) =>
    alt.some((it) => it.min !== it.max || (it.group !== undefined && varies(it.group))),
  );
}

/** Whether anything inside may repeat without bound (`*`, `+`, `{n,}`). */
function unbounded(group: Group): boolean {
  return group.alternatives.some((alt) =>
    alt.some((it) => it.max === Infinity || (it.group !== undefined && unbounded(it.group))),
  );
}

/** First character an alternative starts with: a literal, `null` for "many", '' for "can be empty". */
function firstOf(alt: Item[]): string | null {
  for (const it of alt) {
    if (it.first === '') continue; // anchors and lookarounds consume nothing
    if (it.group) {
      const firsts = it.group.alternatives.map(firstOf);
      return firsts.length === 1 ? firsts[0]! : null;
    }
    return it.first;
  }
  return '';
}

const SMALL_FIXED_COUNT = 4;

/** Why a pattern can backtrack catastrophically, or null when this scan finds nothing. */
function ownScan(source: string): string | null {
  let found: string | null = null;
  function visit(group: Group): void {
    for (const alt of group.alternatives) {
      for (const it of alt) {
        if (!it.group || found) continue;
        // A small fixed count of a bounded part, such as `(\d{1,3}\.){3}`, is allowed; `(a+){4}`
        // is not: splitting n characters four ways takes about n^4 steps.
        if (
          it.max > 1 &&
          (it.min !== it.max || it.max > SMALL_FIXED_COUNT || unbounded(it.group)) &&
          varies(it.group)
        ) {
          found = 'it repeats a group that itself contains a repeated part (nested quantifiers, as in "(a+)+")';
          return;
        }
        if (it.max > 1 && it.group.alternatives.length > 1) {
          const firsts = it.group.alternatives.map(firstOf);
          const clash = firsts.some((f, k) => f === '' || f === null || firsts.indexOf(f) !== k);
          if (clash) {
            found = 'it repeats a group whose alternatives can match the same text (as in "(a|a)*" or "(\\d|x)+")';
            return;
          }
        }
        visit(it.group);
      }
    }
  }
  try {
    visit(parse(source));
  } catch {
    return null;
  }
  return found;
}

const SAFE_REGEX_REPETITIONS = 25;

/**
 * Compiles a regex value and refuses patterns prone to catastrophic backtracking.
 *
 * The scan above decides nesting: a group repeated a variable number of times that contains
 * anything repeated a variable number of times (`(a+)+`, `(a?){2,}`, `(\w+\s?)*`), and a
 * repeated group whose alternatives can start alike (`(a|aa)+`), which safe-regex2 lets pass.
 * safe-regex2's own star-height test counts `?` as a repetition, so it refuses harmless
 * patterns such as `^(https?://)?example\.com`; it is used here for its other test, more than
 * 25 repeated parts in one pattern.
 */
export function checkRegex(source: string): RegexVerdict {
  let regex: RegExp;
  try {
    regex = new RegExp(source, REGEX_FLAGS);
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    const reason = text.includes(': ') ? text.slice(text.lastIndexOf(': ') + 2) : text;
    return { ok: false, kind: 'compile', reason: reason.replace(/\.$/, '') };
  }
  const own = ownScan(source);
  if (own) return { ok: false, kind: 'unsafe', reason: own };
  // safe-regex2's parser does not know lookbehind; it does not change what is measured.
  const plain = source.replaceAll('(?<=', '(?:').replaceAll('(?<!', '(?:');
  if (!safeRegex(plain) && safeRegex(plain, { limit: Infinity })) {
    return { ok: false, kind: 'unsafe', reason: `it has more than ${SAFE_REGEX_REPETITIONS} repeated parts` };
  }
  return { ok: true, regex };
}
