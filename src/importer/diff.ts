import type { ToolDefinition } from '#src/model/tool.ts';
import { canonicalJson } from '#src/model/canonical.ts';

const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;

function show(v: unknown): string {
  return v === undefined ? 'absent' : JSON.stringify(v);
}

function typeOf(schema: unknown): string {
  if (!schema || typeof schema !== 'object') return 'unknown';
  const s = schema as { type?: unknown; enum?: unknown; anyOf?: unknown; oneOf?: unknown };
  if (s.type !== undefined) return Array.isArray(s.type) ? s.type.join('|') : String(s.type);
  if (s.enum !== undefined) return 'enum';
  if (s.anyOf !== undefined || s.oneOf !== undefined) return 'union';
  return 'any';
}

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

  const oldProps = (before.inputSchema.properties ?? {}) as Record<string, unknown>;
  const newProps = (after.inputSchema.properties ?? {}) as Record<string, unknown>;
  const oldRequired = new Set(before.inputSchema.required ?? []);
  const newRequired = new Set(after.inputSchema.required ?? []);
  for (const name of Object.keys(newProps).sort()) {
    if (!(name in oldProps)) out.push(`parameter \`${name}\` added${newRequired.has(name) ? ' (required)' : ''}`);
  }
  for (const name of Object.keys(oldProps).sort()) {
    if (!(name in newProps)) out.push(`parameter \`${name}\` removed`);
  }
  for (const name of Object.keys(newProps).sort()) {
    if (!(name in oldProps)) continue;
    const a = oldProps[name];
    const b = newProps[name];
    const ta = typeOf(a);
    const tb = typeOf(b);
    if (ta !== tb) out.push(`parameter \`${name}\` type changed ${ta}→${tb}`);
    if (oldRequired.has(name) !== newRequired.has(name))
      out.push(`parameter \`${name}\` is now ${newRequired.has(name) ? 'required' : 'optional'}`);
    const da = (a as { description?: unknown } | null)?.description;
    const db = (b as { description?: unknown } | null)?.description;
    if (da !== db) out.push(`parameter \`${name}\` description changed`);
    if (
      ta === tb &&
      canonicalJson({ ...(a as object), description: null }) !== canonicalJson({ ...(b as object), description: null })
    ) {
      out.push(`parameter \`${name}\` schema changed`);
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

  const oldAnn = (before.annotations ?? {}) as Record<string, unknown>;
  const newAnn = (after.annotations ?? {}) as Record<string, unknown>;
  for (const hint of HINTS) {
    if (oldAnn[hint] !== newAnn[hint]) out.push(`annotation ${hint} ${show(oldAnn[hint])}→${show(newAnn[hint])}`);
  }
  if (oldAnn.title !== newAnn.title) out.push('annotation title changed');
  const other = (a: Record<string, unknown>) =>
    canonicalJson(
      Object.fromEntries(Object.entries(a).filter(([k]) => k !== 'title' && !(HINTS as readonly string[]).includes(k))),
    );
  if (other(oldAnn) !== other(newAnn)) out.push('other annotations changed');

  return out.length > 0 ? out : ['definition changed'];
}
