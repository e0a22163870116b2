import type { ToolDefinition } from '#src/model/tool.ts';
import { canonicalJson } from '#src/model/canonical.ts';
import { NAME_IN_SUMMARY, shorten } from './text.ts';
import { codeSpan } from '#src/model/text.ts';

const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;

function show(v: unknown): string {
  return v === undefined ? 'absent' : JSON.stringify(v);
}

/** The field of a JSON object itself, never one it inherits (`constructor`, `toString`). */
function own(object: object, key: string): unknown {
  return Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

function typeOf(schema: unknown): string {
  if (!schema || typeof schema !== 'object') return 'unknown';
  const [type, enumerated, anyOf, oneOf] = ['type', 'enum', 'anyOf', 'oneOf'].map((k) => own(schema, k));
  if (type !== undefined) return Array.isArray(type) ? type.join('|') : String(type);
  if (enumerated !== undefined) return 'enum';
  if (anyOf !== undefined || oneOf !== undefined) return 'union';
  return 'any';
}

/**
 * A parameter as a summary names it. A name (or a type) can be as long as the server likes, and a
 * summary line of the record holds at most 1,000 characters, so a long one is cut to its start.
 */
const param = (name: string) => `parameter ${codeSpan(shorten(name, NAME_IN_SUMMARY))}`;
const typeText = (type: string) => shorten(type, NAME_IN_SUMMARY);

/**
 * Says in short sentences what changed between two definitions of one tool, for the tool's
 * `history.changes[].summary`. Parameter-level changes are named one by one; anything else in the
 * schemas is reported as one line, so no change goes unmentioned.
 */
export function describeChanges(before: ToolDefinition, after: ToolDefinition): string[] {
  const out: string[] = [];
  if (before.title !== after.title)
    out.push(
      before.title === undefined ? 'title added' : after.title === undefined ? 'title removed' : 'title changed',
    );
  if (before.description !== after.description) {
    out.push(
      before.description === undefined
        ? 'description added'
        : after.description === undefined
          ? 'description removed'
          : 'description changed',
    );
  }

  // Parameter names are the server's: `toString` or `constructor` is a parameter like any other,
  // so only a schema's own properties count, never those every object inherits.
  const oldProps = (before.inputSchema.properties ?? {}) as Record<string, unknown>;
  const newProps = (after.inputSchema.properties ?? {}) as Record<string, unknown>;
  const oldRequired = new Set(before.inputSchema.required ?? []);
  const newRequired = new Set(after.inputSchema.required ?? []);
  for (const name of Object.keys(newProps).sort()) {
    if (!Object.hasOwn(oldProps, name)) out.push(`${param(name)} added${newRequired.has(name) ? ' (required)' : ''}`);
  }
  for (const name of Object.keys(oldProps).sort()) {
    if (!Object.hasOwn(newProps, name)) out.push(`${param(name)} removed`);
  }
  for (const name of Object.keys(newProps).sort()) {
    if (!Object.hasOwn(oldProps, name)) continue;
    const a = oldProps[name];
    const b = newProps[name];
    const ta = typeOf(a);
    const tb = typeOf(b);
    if (ta !== tb) out.push(`${param(name)} type changed ${typeText(ta)}→${typeText(tb)}`);
    if (oldRequired.has(name) !== newRequired.has(name))
      out.push(`${param(name)} is now ${newRequired.has(name) ? 'required' : 'optional'}`);
    const da = a && typeof a === 'object' ? own(a, 'description') : undefined;
    const db = b && typeof b === 'object' ? own(b, 'description') : undefined;
    if (da !== db) out.push(`${param(name)} description changed`);
    if (
      ta === tb &&
      canonicalJson({ ...(a as object), description: null }) !== canonicalJson({ ...(b as object), description: null })
    ) {
      out.push(`${param(name)} schema changed`);
    }
  }
  const rest = (s: ToolDefinition['inputSchema']) => canonicalJson({ ...s, properties: null, required: null });
  if (rest(before.inputSchema) !== rest(after.inputSchema)) out.push('input schema changed outside its parameters');

  if (canonicalJson(before.outputSchema ?? null) !== canonicalJson(after.outputSchema ?? null)) {
    out.push(
      before.outputSchema === undefined
        ? 'output schema added'
        : after.outputSchema === undefined
          ? 'output schema removed'
          : 'output schema changed',
    );
  }

  const oldAnn = before.annotations ?? {};
  const newAnn = after.annotations ?? {};
  for (const hint of HINTS) {
    const [a, b] = [own(oldAnn, hint), own(newAnn, hint)];
    if (a !== b) out.push(`annotation ${hint} ${show(a)}→${show(b)}`);
  }
  if (own(oldAnn, 'title') !== own(newAnn, 'title')) out.push('annotation title changed');
  const other = (a: object) =>
    canonicalJson(
      Object.fromEntries(Object.entries(a).filter(([k]) => k !== 'title' && !(HINTS as readonly string[]).includes(k))),
    );
  if (other(oldAnn) !== other(newAnn)) out.push('other annotations changed');

  return out.length > 0 ? out : ['definition changed'];
}
