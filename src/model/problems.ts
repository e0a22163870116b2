import type { z } from 'astro/zod';
import type { ProblemCode } from './codes.ts';
import { isObject } from './object.ts';
import { plausible } from './suggest.ts';

/**
 * One problem found in a record or a policy. Every validator in the project reports these, and
 * one printer shows them, so a user reads the same shape of message everywhere.
 */
export interface Problem {
  /** Stable code from the registry in `codes.ts`, e.g. `record-schema` or `policy-unknown-tool`. */
  code: ProblemCode;
  /** Dotted path inside the document, e.g. `tools.comfy_get_status.limits[0].max`; '' for the root. */
  path: string;
  /** The offending value, when there is one. */
  value?: unknown;
  /** What is wrong and how to fix it, in full sentences. */
  message: string;
  /** The file the document came from, relative to the project root, when known. */
  file?: string;
}

/** `['tools', 'x', 'limits', 0, 'max']` → `tools.x.limits[0].max` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** Reads the value at a zod issue path, so a message can quote what was actually written. */
export function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment as string];
  }
  return current;
}

/** Longest rendering `showValue` gives, in code points; a longer one is cut to fit with "...". */
const SHOWN_MAX = 80;

/**
 * A short, safe rendering of a value for a one-line message. Lengths are counted in code points,
 * as the policy language counts them, so a shortened value never ends in half a surrogate pair.
 */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  if (text.length <= SHOWN_MAX) return text;
  // A code point is one or two UTF-16 units, so twice the limit in units holds more than the limit in code points.
  const head = Array.from(text.slice(0, 2 * SHOWN_MAX + 2));
  return head.length > SHOWN_MAX ? `${head.slice(0, SHOWN_MAX - 3).join('')}...` : text;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  // YAML reads an unquoted 2026-01-10 as a date, not as text.
  if (value instanceof Date) return 'a date (quote it, like "2026-01-10", to keep it as text)';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'nothing';
  const t = typeof value;
  return t === 'object' ? 'an object' : `a ${t}`;
}

function article(expected: string): string {
  if (expected === 'array' || expected === 'object' || expected === 'integer') return `an ${expected}`;
  return `a ${expected}`;
}

/**
 * The parts of a zod schema's definition that lead to the schemas inside it: only the kinds the
 * record schemas use (objects, arrays, records, unions and the optional, default and pipe wrappers).
 */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  catchall?: z.core.$ZodType;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  element?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
  options?: z.core.$ZodType[];
}

const defOf = (schema: z.core.$ZodType) => schema._zod.def as unknown as SchemaDef;

/** The schemas a value may be checked against once wrappers (optional, default, pipe, union) are opened. */
function openSchema(schema: z.core.$ZodType): z.core.$ZodType[] {
  const def = defOf(schema);
  const inner =
    def.type === 'pipe' ? def.in : ['optional', 'nullable', 'default'].includes(def.type) ? def.innerType : undefined;
  if (inner) return openSchema(inner);
  if (def.type === 'union') return (def.options ?? []).flatMap((o) => openSchema(o));
  return [schema];
}

/** The schema a value inside one checked by `def` is checked against, at `key`. */
function childOf(def: SchemaDef, key: string): z.core.$ZodType | undefined {
  if (def.type === 'object') return def.shape && Object.hasOwn(def.shape, key) ? def.shape[key] : def.catchall;
  if (def.type === 'array') return def.element;
  if (def.type === 'record') return def.valueType;
  return undefined;
}

/** The schemas that check the value at `path` inside a value checked by `schema`. */
function schemasAt(schema: z.core.$ZodType, path: ReadonlyArray<PropertyKey>): z.core.$ZodType[] {
  let current = openSchema(schema);
  for (const segment of path) {
    current = current.flatMap((s) => {
      const next = childOf(defOf(s), String(segment));
      return next ? openSchema(next) : [];
    });
  }
  return current;
}

/** The keys `schema` allows in the object at `path`, for suggesting the spelling of an unknown key. */
export function knownKeysAt(schema: z.core.$ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  const keys = schemasAt(schema, path).flatMap((s) => Object.keys(defOf(s).shape ?? {}));
  return [...new Set(keys)];
}

/**
 * "Did you mean …?" for unknown keys: the nearest known key to each, leaving out keys the object
 * already has, or '' when none is near enough to be a plausible typo.
 */
function keyHint(keys: readonly string[], known: readonly string[], present: unknown): string {
  const free = known.filter((k) => !(isObject(present) && Object.prototype.hasOwnProperty.call(present, k)));
  const hints = keys.flatMap((k) => {
    const near = plausible(k, free);
    return near ? [{ key: k, near }] : [];
  });
  if (hints.length === 0) return '';
  if (keys.length === 1) return ` Did you mean "${hints[0]!.near}"?`;
  const each = hints.map((h) => `"${h.near}" for "${h.key}"`);
  return ` Did you mean ${each.length > 1 ? `${each.slice(0, -1).join(', ')} and ${each.at(-1)}` : each[0]}?`;
}

/** Turns one zod issue into a sentence that says what is wrong and how to fix it. */
function describeIssue(
  issue: z.core.$ZodIssue,
  root: unknown,
  whole: string,
  schema?: z.core.$ZodType,
): { path: PropertyKey[]; value: unknown; message: string } {
  const path = [...issue.path];
  const value = valueAt(root, path);
  const where = path.length ? `"${formatPath(path)}"` : whole;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const keys = issue.keys;
      const first = keys[0] ?? '';
      const hint = schema ? keyHint(keys, knownKeysAt(schema, path), value) : '';
      return {
        path: [...path, first],
        value: keys.length === 1 ? first : keys,
        message: `${path.length ? `The object at "${formatPath(path)}"` : whole} has the unknown key${keys.length > 1 ? 's' : ''} ${keys
          .map((k) => `"${k}"`)
          .join(
            ', ',
          )}.${hint} Remove ${keys.length > 1 ? 'them' : 'it'} or correct the spelling; only the known keys are allowed.`,
      };
    }
    case 'invalid_type': {
      if (value === undefined) {
        return { path, value, message: `${where} is required but missing. Add it as ${article(issue.expected)}.` };
      }
      return {
        path,
        value,
        message: `${where} must be ${article(issue.expected)}, but it is ${typeName(value)} (${showValue(value)}). Write it as ${article(issue.expected)}.`,
      };
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return {
        path,
        value,
        message:
          issue.values.length === 1
            ? `${where} must be exactly ${allowed}, not ${showValue(value)}. Set it to ${allowed}.`
            : `${where} is ${showValue(value)}, which is not allowed. Use one of: ${allowed}.`,
      };
    }
    case 'too_small': {
      const what =
        issue.origin === 'string' ? 'characters' : issue.origin === 'array' || issue.origin === 'set' ? 'items' : '';
      const bound = `${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}${what ? ` ${what}` : ''}`;
      return { path, value, message: `${where} is ${showValue(value)}, but it must be ${bound}. Change it to fit.` };
    }
    case 'too_big': {
      const what =
        issue.origin === 'string' ? 'characters' : issue.origin === 'array' || issue.origin === 'set' ? 'items' : '';
      const bound = `${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}${what ? ` ${what}` : ''}`;
      return { path, value, message: `${where} is ${showValue(value)}, but it must be ${bound}. Change it to fit.` };
    }
    case 'invalid_format': {
      const detail = issue.message && !issue.message.startsWith('Invalid') ? ` ${issue.message}` : '';
      return {
        path,
        value,
        message: `${where} is ${showValue(value)}, which is not a valid ${issue.format}.${detail || ` Write a valid ${issue.format}.`}`,
      };
    }
    case 'not_multiple_of':
      return {
        path,
        value,
        message: `${where} is ${showValue(value)}, but it must be a multiple of ${String(issue.divisor)}.`,
      };
    case 'invalid_union':
      return {
        path,
        value,
        message: `${where} is ${showValue(value)}, which matches none of the allowed shapes. Check the documentation for this field.`,
      };
    case 'custom':
    default: {
      const text = issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
      return { path, value, message: `${where} is ${showValue(value)}: ${text}` };
    }
  }
}

/** Converts a failed zod parse into Problems. Never shows zod's own text unaltered. */
export function zodProblems<C extends ProblemCode>(
  error: z.ZodError,
  root: unknown,
  code: C,
  file?: string,
  /** What the messages call the whole document when the problem is at its root. */
  whole = 'The document',
  /** The schema that was parsed: with it, an unknown key's message suggests the nearest known key. */
  schema?: z.core.$ZodType,
): (Problem & { code: C })[] {
  return error.issues.map((issue) => {
    const { path, value, message } = describeIssue(issue, root, whole, schema);
    return { code, path: formatPath(path), value, message, ...(file ? { file } : {}) };
  });
}

/** One line per problem: `file  path  code  message`. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.path || '(root)'].filter(Boolean).join(' › ');
  return `${where}  [${p.code}]  ${p.message}`;
}

/**
 * A failure the user can fix, as opposed to a bug: its message is written for them (what is wrong
 * and what to do) and its code is in the registry. Callers print the message without a stack
 * trace. The project's one error class; the build's report is Astro's own `AstroError`.
 */
export class AtlasError extends Error {
  readonly code: ProblemCode;
  constructor(code: ProblemCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AtlasError';
    this.code = code;
  }
}
