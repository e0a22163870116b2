/**
 * Policy language v1 → Cedar, for the gateways that read Cedar. Three flavours, each following its
 * gateway's documented request model:
 *
 * - `agentcore`: Amazon Bedrock AgentCore Gateway. Namespace `AgentCore`; one action per tool,
 *   `AgentCore::Action::"<target>___<tool>"` (a child of `CallTool`, itself a child of `Mcp`);
 *   resource `AgentCore::Gateway`; the tool's arguments in `context.input`, typed from the tool's
 *   input schema (string → String, integer → Long, boolean → Bool, number → decimal, object →
 *   record whose `required` properties are required attributes, array → Set). We name the target
 *   after the server id.
 * - `toolhive`: ToolHive's Cedar authorizer. `Action::"call_tool"` on resource `Tool::"<tool>"`;
 *   each top-level argument in `context.arg_<name>`: strings and booleans as they are, every number
 *   as a decimal (ToolHive decodes JSON numbers as Go floats; four places kept, the rest cut, a
 *   number beyond Cedar's range left out), and for null, an object or an array only the flag
 *   `context.arg_<name>_present`. ToolHive publishes no schema; the one printed here is written
 *   from its source and documented model.
 * - `docker`: Docker's MCP gateway (organisation MCP policies). Namespace `MCP`; every call is the
 *   action `MCP::Action::"invokeTool"` on a resource of type `MCP::Tool`, matched by
 *   `resource.name` and bound to its server with `resource in MCP::Server::"<name>"` (the name the
 *   server was registered under; we use the server id). The arguments arrive as the record
 *   `context.args`, and only for local stdio servers. Strings, integers (Long), booleans, objects
 *   (records) and arrays (sets) are read there; a number with a fraction has no documented Cedar
 *   type, so a condition on one is not expressible. Docker publishes no schema either: the one
 *   printed here declares what the export reads, from the documented model, with every argument
 *   optional and the principal (which Docker's policy scope supplies) as `MCP::User`.
 *
 * Semantics. Cedar denies by default and a `forbid` whose condition errors does not apply, so a
 * forbid could fail open. The export therefore uses `permit` statements only: a tool is permitted
 * when every `require` condition holds and no `deny_if` rule matches, exactly as the evaluator
 * decides; an error in a condition leaves the call denied. Every attribute is tested with `has`
 * before it is read, so an absent argument behaves as in the evaluator (it fails every operator
 * but `exists: false`).
 *
 * A gateway may also leave out a value that was sent: one it cannot type (null, another type, a
 * fraction for an integer) or a number beyond Cedar's range. Cedar cannot tell such an argument from
 * a missing one, so where the evaluator would deny that call (a `deny_if` condition `neq`,
 * `not_in`, `exists: true` or a numeric comparison; a `require` condition `exists: false`), the
 * condition is read the strict way: it holds, or never holds, when the argument looks missing, and
 * the notes say so. AgentCore and ToolHive keep four decimal places of a number and cut the rest:
 * that is the one place an export can let through a call the policy refuses (a value past a bound
 * by less than 0.0001), and every export that compares such a number says so in its notes.
 *
 * What Cedar cannot say is listed in `notes` and in the file's comments, never dropped: limits
 * (Cedar keeps no counters), `on_deny` messages (a Cedar deny carries no message), tools a server
 * adds later under `default: "allow"` (Cedar names the tools it permits), and any condition the
 * flavour cannot express. Such a condition is replaced by the stricter reading (a `require`
 * condition that never holds, a `deny_if` condition that always does), so the export may deny
 * more than the policy but never allows more, the cut decimals above aside; `exact` is then false.
 */
import type { Condition, Policy, ToolRule } from '#src/model/policy.ts';
import type { ToolInfo } from './server.ts';
import { isObject } from '#src/model/object.ts';

export type CedarFlavour = 'agentcore' | 'toolhive' | 'docker';

export interface CedarFlavourInfo {
  id: CedarFlavour;
  /** The gateway's name, as a reader knows it. */
  label: string;
  /** The same, short enough for a button. */
  short: string;
  /** Suffix of the downloadable files: `policy.<suffix>.cedar` and `.cedarschema`. */
  suffix: string;
}

export const CEDAR_FLAVOURS: readonly CedarFlavourInfo[] = [
  { id: 'agentcore', label: 'Amazon Bedrock AgentCore Gateway', short: 'AgentCore', suffix: 'agentcore' },
  { id: 'toolhive', label: 'ToolHive', short: 'ToolHive', suffix: 'toolhive' },
  { id: 'docker', label: "Docker's MCP gateway", short: 'Docker', suffix: 'docker' },
];

export interface CedarExport {
  flavour: CedarFlavour;
  /** The policy set: comments first (what it cannot say), then one `permit` per rule. */
  text: string;
  /** The Cedar schema (human-readable syntax) that `text` is validated against. */
  schema: string;
  /**
   * The same schema in Cedar's JSON schema format, which the build validates with (Cedar parses
   * it several times faster than the human-readable syntax; a test checks that both agree).
   */
  schemaJson: Record<string, unknown>;
  /** What the export cannot say or says more strictly, one sentence each. */
  notes: string[];
  /** False when a condition could not be expressed and the export is stricter than the policy. */
  exact: boolean;
}

export interface CedarOptions {
  /** The server id; AgentCore's action names carry it as the gateway target. */
  server: string;
  /** The server's tools (name and input schema), as for the policy checks. */
  tools: ToolInfo[];
  /**
   * `full`: the schema declares every tool of the server with all its arguments, as the gateway
   * would generate it (for download). Otherwise only what the policy mentions, which validates
   * the same policies and is cheaper to check at build time.
   */
  fullSchema?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Types: what a JSON Schema argument becomes in Cedar.

type CType =
  | { kind: 'String' | 'Long' | 'Bool' | 'decimal' }
  | { kind: 'Set'; item: CType }
  | { kind: 'Record'; attrs: Map<string, { type: CType; required: boolean }> };

/** The one JSON type a schema declares, or undefined when it declares none or several. */
function jsonTypeOf(schema: unknown): string | undefined {
  if (!isObject(schema)) return undefined;
  if (typeof schema.type === 'string') return schema.type;
  const values = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined;
  if (values && values.length > 0) {
    const kinds = new Set(
      values.map((v) => (typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v)),
    );
    if (kinds.size === 1) return [...kinds][0];
    if (kinds.size === 2 && kinds.has('integer') && kinds.has('number')) return 'number';
  }
  return undefined;
}

/** How a gateway types the arguments it hands to Cedar. */
interface ArgTyping {
  /** A number with a fraction: Cedar's decimal (AgentCore), or no documented type (Docker). */
  decimal: boolean;
  /** Whether a property the input schema requires is a required attribute (AgentCore) or optional. */
  required: boolean;
}
const AGENTCORE_TYPING: ArgTyping = { decimal: true, required: true };
/** Docker's: every attribute optional (the client sends what it sends), no fractions. */
const DOCKER_TYPING: ArgTyping = { decimal: false, required: false };

/** An argument's schema as Cedar sees it; undefined when it has no single Cedar type. */
function argType(schema: unknown, typing: ArgTyping, depth = 0): CType | undefined {
  if (depth > 16) return undefined;
  switch (jsonTypeOf(schema)) {
    case 'string':
      return { kind: 'String' };
    case 'integer':
      return { kind: 'Long' };
    case 'boolean':
      return { kind: 'Bool' };
    case 'number':
      return typing.decimal ? { kind: 'decimal' } : undefined;
    case 'array': {
      const item = argType((schema as Record<string, unknown>).items, typing, depth + 1);
      return item ? { kind: 'Set', item } : undefined;
    }
    case 'object':
      return recordType(schema as Record<string, unknown>, typing, depth + 1);
    default:
      return undefined;
  }
}

function recordType(schema: Record<string, unknown>, typing: ArgTyping = AGENTCORE_TYPING, depth = 0): CType {
  const attrs = new Map<string, { type: CType; required: boolean }>();
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : []);
  const props = isObject(schema.properties) ? schema.properties : {};
  for (const [name, sub] of Object.entries(props)) {
    const type = argType(sub, typing, depth);
    if (type) attrs.set(name, { type, required: typing.required && required.has(name) });
  }
  return { kind: 'Record', attrs };
}

// ---------------------------------------------------------------------------------------------
// Literals and names.

/** A Cedar string literal. Cedar escapes: \\ \" \n \r \t \0 and \u{hex}. */
export function cedarString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || (code >= 0x2028 && code <= 0x2029)) out += `\\u{${code.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A `like` pattern matching `literal` exactly, with `*` wildcards added by the caller. */
function likeLiteral(literal: string): string {
  return cedarString(literal).slice(1, -1).replaceAll('*', '\\*');
}

const RESERVED = new Set([
  'true',
  'false',
  'if',
  'then',
  'else',
  'in',
  'is',
  'like',
  'has',
  'principal',
  'action',
  'resource',
  'context',
]);
const plainIdent = (name: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name);

/** `base.name` or `base["name"]`. */
const access = (base: string, name: string) => (plainIdent(name) ? `${base}.${name}` : `${base}[${cedarString(name)}]`);
/** `base has name` or `base has "name"`. */
const hasAttr = (base: string, name: string) => `${base} has ${plainIdent(name) ? name : cedarString(name)}`;

/** Cedar's decimal literal text (at most four fraction digits), or undefined when it has none. */
export function decimalText(v: number): string | undefined {
  if (!Number.isFinite(v) || Math.abs(v) >= 922337203685477) return undefined;
  if (Number.isInteger(v)) return `${v}.0`;
  const s = String(v);
  if (s.includes('e')) return undefined;
  const fraction = s.split('.')[1] ?? '';
  return fraction.length <= 4 ? s : undefined;
}

// ---------------------------------------------------------------------------------------------
// Conditions.

type Translated = { expr: string } | { inexpressible: string };
const FALSE: Translated = { expr: 'false' };

/** Where an argument lives in the request and what its type is. */
interface ArgRef {
  /** Cedar expression that is true when the argument is present. */
  present: string;
  /** Cedar expression reading its value (only after `present`). */
  value: string;
  /** Its Cedar type; `presentOnly` when only its presence is visible (ToolHive's objects/arrays). */
  type: CType | 'presentOnly';
  /**
   * For a flavour with one context type for every tool (ToolHive, Docker): the top-level context
   * or argument attribute it is read from, whose type every tool must agree on.
   */
  key?: string;
  /**
   * Where the gateway marks an argument sent with a value it does not pass on (ToolHive: `null`, an
   * object or an array where the schema has a scalar): the flag's Cedar test and its attribute.
   */
  opaque?: { present: string; key: string };
}

/** How a condition's translation is read: in a `require` (must hold) or a `deny_if` (denies). */
type Side = 'require' | 'deny';

/** Operators the evaluator holds true for a value it cannot compare (another type, `null`). */
const HOLDS_ON_OTHER_TYPES = new Set(['neq', 'not_in']);
/** Operators whose truth for a dropped number cannot be known (a huge amount is `gt` any bound). */
const NUMERIC = new Set(['lt', 'lte', 'gt', 'gte']);

const and = (...parts: string[]) => parts.filter((p) => p !== 'true').join(' && ') || 'true';

function literalFor(v: unknown, type: CType): string | undefined {
  switch (type.kind) {
    case 'String':
      return typeof v === 'string' ? cedarString(v) : undefined;
    case 'Bool':
      return typeof v === 'boolean' ? String(v) : undefined;
    case 'Long':
      return typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : undefined;
    case 'decimal': {
      if (typeof v !== 'number') return undefined;
      const text = decimalText(v);
      return text === undefined ? undefined : `decimal(${cedarString(text)})`;
    }
    default:
      return undefined;
  }
}

const DECIMAL_METHOD = {
  lt: 'lessThan',
  lte: 'lessThanOrEqual',
  gt: 'greaterThan',
  gte: 'greaterThanOrEqual',
} as const;
const LONG_OP = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

/**
 * A regex of the forms `lit`, `^lit`, `lit$`, `^lit$` (and top-level alternatives of those), where
 * `lit` is plain characters or escaped punctuation, as Cedar: `==` or `like` with `*` for the
 * unanchored ends. Exact: an unanchored end matches any text, newlines included, in both. Any
 * other pattern (classes, quantifiers, groups, `.`) has no Cedar equivalent.
 */
export function regexToCedar(pattern: string, value: string): string | undefined {
  if (/[()[\]]/.test(pattern.replace(/\\./g, ''))) return undefined;
  const alternatives: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') {
      current += pattern.slice(i, i + 2);
      i++;
    } else if (pattern[i] === '|') {
      alternatives.push(current);
      current = '';
    } else current += pattern[i];
  }
  alternatives.push(current);
  const parts: string[] = [];
  for (const alt of alternatives) {
    let body = alt;
    const start = body.startsWith('^');
    if (start) body = body.slice(1);
    const end = body.endsWith('$') && !body.endsWith('\\$');
    if (end) body = body.slice(0, -1);
    let literal = '';
    for (let i = 0; i < body.length; i++) {
      const ch = body[i]!;
      if (ch === '\\') {
        const next = body[i + 1];
        if (next === undefined || /[A-Za-z0-9]/.test(next)) return undefined; // \d, \b, \u{…}: not literal
        literal += next;
        i++;
      } else if ('.^$|?*+{}'.includes(ch)) return undefined;
      else literal += ch;
    }
    if (start && end) parts.push(`${value} == ${cedarString(literal)}`);
    else parts.push(`${value} like "${start ? '' : '*'}${likeLiteral(literal)}${end ? '' : '*'}"`);
  }
  return parts.length === 1 ? parts[0]! : `(${parts.join(' || ')})`;
}

/** One condition as a Cedar expression, with the evaluator's semantics. */
type Translation = Translated & {
  /** Set when the expression is stricter than the evaluator for some calls: why, in a sentence. */
  stricter?: string;
  /** Set when a gateway's rounding can make a comparison looser: why, in a sentence. */
  rounding?: string;
};

function translate(c: Condition, ref: ArgRef | { inexpressible: string }, side: Side): Translation {
  if ('inexpressible' in ref) return ref;
  const exact = translateValue(c, ref);
  if ('inexpressible' in exact) return exact;
  const { present, opaque } = ref;
  // Every gateway leaves out some values that were sent (ToolHive: a number beyond Cedar's range,
  // whatever the argument; AgentCore and Docker: any value they cannot type), and Cedar sees such an
  // argument as missing. Where the evaluator would deny that call, read the condition strictly.
  const dropped = `the gateway leaves out a value it cannot pass to Cedar (null, another type, a number out of range), which Cedar cannot tell from a missing ${c.path}`;
  if (side === 'deny' && (c.op === 'exists' ? c.value === true : HOLDS_ON_OTHER_TYPES.has(c.op) || NUMERIC.has(c.op)))
    return {
      // "Missing or present" is every call: say so rather than print the tautology.
      expr: c.op === 'exists' || exact.expr === present ? 'true' : `(!(${present}) || ${exact.expr})`,
      stricter: `${dropped}; here the condition also holds when ${c.path} is missing`,
    };
  if (side === 'require' && c.op === 'exists' && c.value === false)
    return { expr: 'false', stricter: `${dropped}; here the condition never holds` };
  const withOpaque =
    opaque && (c.op === 'exists' || HOLDS_ON_OTHER_TYPES.has(c.op))
      ? c.op === 'exists' && c.value === false
        ? { expr: and(exact.expr, `!(${opaque.present})`) }
        : { expr: `(${exact.expr} || ${opaque.present})` }
      : exact;
  const decimal = ref.type !== 'presentOnly' && ref.type.kind === 'decimal';
  return decimal && c.op !== 'exists'
    ? {
        ...withOpaque,
        rounding: `the gateway keeps four decimal places of ${c.path} and cuts the rest, so a value past a bound by less than 0.0001 compares as the bound`,
      }
    : withOpaque;
}

/** The condition on a value Cedar sees, with the evaluator's semantics for that value. */
function translateValue(c: Condition, ref: ArgRef): Translated {
  const { present, value, type } = ref;
  if (c.op === 'exists') return { expr: c.value ? present : `!(${present})` };
  const guard = (e: string) => ({ expr: and(present, e) });
  if (type === 'presentOnly') {
    // An object or array argument: only its presence is visible. Comparisons of a non-scalar are
    // false in the evaluator and "differs" is true; `contains` on an array cannot be checked.
    if (c.op === 'neq' || c.op === 'not_in') return { expr: present };
    if (c.op === 'contains') return { inexpressible: `"contains" on the object or array argument ${c.path}` };
    return FALSE;
  }
  switch (c.op) {
    case 'eq':
    case 'neq': {
      if (c.value === null) return { inexpressible: `a comparison of ${c.path} with null` };
      const lit = literalFor(c.value, type);
      if (c.op === 'eq') return lit === undefined ? FALSE : guard(`${value} == ${lit}`);
      return lit === undefined ? { expr: present } : guard(`!(${value} == ${lit})`);
    }
    case 'in':
    case 'not_in': {
      const lits = (c.value as unknown[]).map((v) => literalFor(v, type)).filter((l) => l !== undefined);
      const any = lits.length ? `(${lits.map((l) => `${value} == ${l}`).join(' || ')})` : 'false';
      if (c.op === 'in') return lits.length ? guard(any) : FALSE;
      return lits.length ? guard(`!${any}`) : { expr: present };
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const v = c.value as number;
      if (type.kind === 'Long') {
        // An integer argument: compare with the nearest integer bound, exactly.
        const bound = c.op === 'lt' || c.op === 'gte' ? Math.ceil(v) : Math.floor(v);
        if (!Number.isSafeInteger(bound)) return { inexpressible: `the bound ${v} of ${c.path}` };
        return guard(`${value} ${LONG_OP[c.op]} ${bound}`);
      }
      if (type.kind === 'decimal') {
        const text = decimalText(v);
        if (text === undefined)
          return { inexpressible: `the bound ${v} of ${c.path}, which Cedar's decimal (4 places) cannot hold` };
        return guard(`${value}.${DECIMAL_METHOD[c.op]}(decimal(${cedarString(text)}))`);
      }
      return FALSE;
    }
    case 'regex': {
      if (type.kind !== 'String') return FALSE;
      const expr = regexToCedar(c.value as string, value);
      return expr
        ? guard(expr)
        : { inexpressible: `the pattern ${JSON.stringify(c.value)} on ${c.path}: Cedar has no regular expressions` };
    }
    case 'contains': {
      if (type.kind === 'String') return guard(`${value} like "*${likeLiteral(c.value as string)}*"`);
      if (type.kind === 'Set') {
        const lit = literalFor(c.value, type.item);
        return lit === undefined ? FALSE : guard(`${value}.contains(${lit})`);
      }
      return FALSE;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Flavours.

interface Flavour {
  /** Resolves `args.a.b` of a tool to where the request carries it. */
  argument(tool: ToolInfo, path: string): ArgRef | { inexpressible: string };
  /** The statement's scope for one tool. */
  scopeOne(tool: string): string;
  /** A condition the statement's `when` needs besides its scope to name the tool, if any. */
  nameCondition?(tool: string): string;
  /** A permit for every tool of the server except `except`; `undefined` scope means none. */
  allExcept(server: string[], except: string[]): { scope: string; unless?: string } | undefined;
  /**
   * The schema the export is checked against: for every tool (`full`) or for what the conditions
   * read (`mentioned` tools and paths; `shared`, the one-context flavours' attributes and types).
   */
  schema(
    tools: ToolInfo[],
    used: { mentioned: Set<string>; shared: Map<string, CType> },
    full: boolean,
  ): { text: string; json: Record<string, unknown> };
}

function agentcore(server: string): Flavour {
  const action = (tool: string) => `AgentCore::Action::${cedarString(`${server}___${tool}`)}`;
  const scope = (act: string) => `principal,\n  ${act},\n  resource is AgentCore::Gateway`;
  return {
    argument(tool, path) {
      let type: CType = recordType(tool.inputSchema ?? {});
      let value = 'context.input';
      const present: string[] = [];
      for (const segment of path.split('.').slice(1)) {
        if (type.kind !== 'Record') return { inexpressible: `${path}: the argument is not an object` };
        const attr = type.attrs.get(segment);
        if (!attr)
          return {
            inexpressible: `${path}: its schema has no single type that AgentCore maps to Cedar`,
          };
        present.push(hasAttr(value, segment));
        value = access(value, segment);
        type = attr.type;
      }
      return { present: present.join(' && '), value, type };
    },
    scopeOne: (tool) => scope(`action == ${action(tool)}`),
    allExcept(all, except) {
      const skip = new Set(except);
      const rest = all.filter((t) => !skip.has(t));
      return rest.length ? { scope: scope(`action in [${rest.map(action).join(', ')}]`) } : undefined;
    },
    schema(tools, { mentioned }, full) {
      const actions: Record<string, unknown> = { Mcp: {}, CallTool: { memberOf: [{ id: 'Mcp' }] } };
      const lines = [
        'namespace AgentCore {',
        '  entity OAuthUser = { id: String } tags String;',
        '  entity IamEntity = { id: String };',
        '  entity Gateway;',
        '  action "Mcp";',
        '  action "CallTool" in [Action::"Mcp"];',
      ];
      for (const tool of tools) {
        if (!full && !mentioned.has(tool.name)) continue;
        const input = full ? recordType(tool.inputSchema ?? {}) : mentionedRecord(tool, mentioned);
        actions[`${server}___${tool.name}`] = {
          memberOf: [{ id: 'CallTool' }],
          appliesTo: {
            principalTypes: ['OAuthUser', 'IamEntity'],
            resourceTypes: ['Gateway'],
            context: { type: 'Record', attributes: { input: typeJson(input) } },
          },
        };
        lines.push(
          `  action ${cedarString(`${server}___${tool.name}`)} in [Action::"CallTool"] appliesTo {`,
          '    principal: [OAuthUser, IamEntity],',
          '    resource: [Gateway],',
          `    context: { input: ${typeText(input, '    ')} }`,
          '  };',
        );
      }
      lines.push('}');
      const json = {
        AgentCore: {
          commonTypes: {},
          entityTypes: {
            OAuthUser: {
              shape: { type: 'Record', attributes: { id: { type: 'String', required: true } } },
              tags: { type: 'String' },
            },
            IamEntity: { shape: { type: 'Record', attributes: { id: { type: 'String', required: true } } } },
            Gateway: {},
          },
          actions,
        },
      };
      return { text: `${lines.join('\n')}\n`, json };
    },
  };
}

/** A Cedar type in the JSON schema format. */
function typeJson(type: CType): Record<string, unknown> {
  switch (type.kind) {
    case 'String':
    case 'Long':
      return { type: type.kind };
    case 'Bool':
      return { type: 'Boolean' };
    case 'decimal':
      return { type: 'Extension', name: 'decimal' };
    case 'Set':
      return { type: 'Set', element: typeJson(type.item) };
    case 'Record':
      return {
        type: 'Record',
        attributes: Object.fromEntries(
          [...type.attrs].map(([k, a]) => [k, { ...typeJson(a.type), required: a.required }]),
        ),
      };
  }
}

/** The part of a tool's input record that its conditions mention (keys `tool\u0000path`). */
function mentionedRecord(tool: ToolInfo, mentioned: Set<string>): CType {
  const full = recordType(tool.inputSchema ?? {});
  const prune = (type: CType, prefix: string): CType => {
    if (type.kind !== 'Record') return type;
    const attrs = new Map<string, { type: CType; required: boolean }>();
    for (const [name, attr] of type.attrs) {
      const path = `${prefix}.${name}`;
      const key = `${tool.name}\u0000${path}`;
      if (mentioned.has(key)) attrs.set(name, attr);
      else if ([...mentioned].some((m) => m.startsWith(`${key}.`)))
        attrs.set(name, { ...attr, type: prune(attr.type, path) });
    }
    return { kind: 'Record', attrs };
  };
  return prune(full, 'args');
}

function typeText(type: CType, indent: string): string {
  switch (type.kind) {
    case 'Set':
      return `Set<${typeText(type.item, indent)}>`;
    case 'Record': {
      if (type.attrs.size === 0) return '{}';
      const inner = `${indent}  `;
      const fields = [...type.attrs].map(
        ([name, a]) => `${inner}${cedarString(name)}${a.required ? '' : '?'}: ${typeText(a.type, inner)}`,
      );
      return `{\n${fields.join(',\n')}\n${indent}}`;
    }
    default:
      return type.kind;
  }
}

function toolhive(): Flavour {
  const tool = (name: string) => `Tool::${cedarString(name)}`;
  const scope = (res: string) => `principal,\n  action == Action::"call_tool",\n  ${res}`;
  return {
    argument(info, path) {
      const segments = path.split('.').slice(1);
      if (segments.length > 1) return { inexpressible: `${path}: ToolHive shows only top-level arguments to Cedar` };
      const name = segments[0]!;
      const props = isObject(info.inputSchema?.properties) ? info.inputSchema.properties : {};
      const kind = Object.prototype.hasOwnProperty.call(props, name) ? jsonTypeOf(props[name]) : undefined;
      const attr = `arg_${name}`;
      // ToolHive passes a string, a boolean or a number (always as a decimal, cut to four places,
      // left out beyond Cedar's range) in `arg_<name>`; for null, an object or an array it sets only
      // `arg_<name>_present`.
      const flag = `${attr}_present`;
      const scalar = (type: CType): ArgRef => ({
        present: hasAttr('context', attr),
        value: access('context', attr),
        type,
        key: attr,
        opaque: { present: hasAttr('context', flag), key: flag },
      });
      switch (kind) {
        case 'string':
          return scalar({ kind: 'String' });
        case 'boolean':
          return scalar({ kind: 'Bool' });
        case 'integer':
        case 'number':
          return scalar({ kind: 'decimal' });
        case 'object':
        case 'array':
          return {
            present: hasAttr('context', flag),
            value: access('context', flag),
            type: 'presentOnly',
            key: flag,
          };
        default:
          return { inexpressible: `${path}: its schema has no single type ToolHive maps to Cedar` };
      }
    },
    scopeOne: (name) => scope(`resource == ${tool(name)}`),
    allExcept(_all, except) {
      return {
        scope: scope('resource is Tool'),
        ...(except.length ? { unless: `resource in [${except.map(tool).join(', ')}]` } : {}),
      };
    },
    schema: (tools, { shared }, full) => toolhiveSchema(full ? new Map([...toolhiveAttrs(tools), ...shared]) : shared),
  };
}

/** ToolHive's one context type for every tool: the arguments the conditions mention, or all. */
function toolhiveSchema(attrs: Map<string, CType>): { text: string; json: Record<string, unknown> } {
  const contextType: CType = {
    kind: 'Record',
    attrs: new Map([...attrs].map(([k, t]) => [k, { type: t, required: false }])),
  };
  const context = typeText(contextType, '  ');
  const flag = { type: 'Boolean', required: false };
  const json = {
    '': {
      commonTypes: {},
      entityTypes: {
        Client: {},
        MCP: {},
        Tool: {
          memberOfTypes: ['MCP'],
          shape: {
            type: 'Record',
            attributes: {
              name: { type: 'String', required: true },
              operation: { type: 'String', required: true },
              feature: { type: 'String', required: true },
              readOnlyHint: flag,
              destructiveHint: flag,
              idempotentHint: flag,
              openWorldHint: flag,
            },
          },
        },
      },
      actions: {
        call_tool: {
          appliesTo: { principalTypes: ['Client'], resourceTypes: ['Tool'], context: typeJson(contextType) },
        },
      },
    },
  };
  const text = [
    'entity Client;',
    'entity MCP;',
    'entity Tool in [MCP] = {',
    '  "name": String,',
    '  "operation": String,',
    '  "feature": String,',
    '  "readOnlyHint"?: Bool,',
    '  "destructiveHint"?: Bool,',
    '  "idempotentHint"?: Bool,',
    '  "openWorldHint"?: Bool',
    '};',
    'action "call_tool" appliesTo {',
    '  principal: [Client],',
    '  resource: [Tool],',
    `  context: ${context}`,
    '};',
    '',
  ].join('\n');
  return { text, json };
}

/** ToolHive's context attributes for every argument of the given tools, first type wins. */
function toolhiveAttrs(tools: ToolInfo[]): Map<string, CType> {
  const out = new Map<string, CType>();
  for (const t of tools) {
    const props = isObject(t.inputSchema?.properties) ? t.inputSchema.properties : {};
    for (const [name, sub] of Object.entries(props)) {
      const kind = jsonTypeOf(sub);
      const type: CType | undefined =
        kind === 'string'
          ? { kind: 'String' }
          : kind === 'integer' || kind === 'number'
            ? { kind: 'decimal' }
            : kind === 'boolean'
              ? { kind: 'Bool' }
              : undefined;
      if (type && !out.has(`arg_${name}`)) out.set(`arg_${name}`, type);
      // Any argument may come as null, an object or an array, which ToolHive only flags.
      if (kind) out.set(`arg_${name}_present`, { kind: 'Bool' });
    }
  }
  return out;
}

/** Docker's arguments record of a tool's input schema. */
const dockerRecord = (schema: Record<string, unknown>): CType => recordType(schema, DOCKER_TYPING);

/** The type of one attribute of a record type, if it has it. */
function recordAttr(type: CType, name: string): CType | undefined {
  return type.kind === 'Record' ? type.attrs.get(name)?.type : undefined;
}

function docker(server: string): Flavour {
  const scope = `principal,\n  action == MCP::Action::"invokeTool",\n  resource in MCP::Server::${cedarString(server)}`;
  return {
    argument(tool, path) {
      let type: CType = dockerRecord(tool.inputSchema ?? {});
      let value = 'context.args';
      // `context has args` opens the statement's condition (toCedar), so it is not repeated here.
      const present: string[] = [];
      const segments = path.split('.').slice(1);
      for (const segment of segments) {
        if (type.kind !== 'Record') return { inexpressible: `${path}: the argument is not an object` };
        const attr = type.attrs.get(segment);
        if (!attr)
          return {
            inexpressible: `${path}: its schema has no single type that Docker's gateway is documented to pass to Cedar`,
          };
        present.push(hasAttr(value, segment));
        value = access(value, segment);
        type = attr.type;
      }
      return { present: present.join(' && '), value, type, key: segments[0] };
    },
    scopeOne: () => scope,
    nameCondition: (tool) => `resource.name == ${cedarString(tool)}`,
    allExcept(_all, except) {
      return {
        scope,
        ...(except.length ? { unless: `[${except.map(cedarString).join(', ')}].contains(resource.name)` } : {}),
      };
    },
    schema: (tools, { shared }, full) => dockerSchema(full ? new Map([...dockerAttrs(tools), ...shared]) : shared),
  };
}

/** Docker's one context type for every tool: `args`, holding the arguments named in `attrs`. */
function dockerSchema(attrs: Map<string, CType>): { text: string; json: Record<string, unknown> } {
  const args: CType = {
    kind: 'Record',
    attrs: new Map([...attrs].map(([k, t]) => [k, { type: t, required: false }])),
  };
  const flag = { type: 'Boolean', required: true };
  const json = {
    MCP: {
      commonTypes: {},
      entityTypes: {
        User: {},
        Server: {},
        Tool: {
          memberOfTypes: ['Server'],
          shape: {
            type: 'Record',
            attributes: {
              name: { type: 'String', required: true },
              readOnly: flag,
              destructive: flag,
              idempotent: flag,
              openWorld: flag,
            },
          },
        },
      },
      actions: {
        invokeTool: {
          appliesTo: {
            principalTypes: ['User'],
            resourceTypes: ['Tool'],
            context: { type: 'Record', attributes: { args: { ...typeJson(args), required: false } } },
          },
        },
      },
    },
  };
  const text = [
    'namespace MCP {',
    '  entity User;',
    '  entity Server;',
    '  entity Tool in [Server] = {',
    '    "name": String,',
    '    "readOnly": Bool,',
    '    "destructive": Bool,',
    '    "idempotent": Bool,',
    '    "openWorld": Bool',
    '  };',
    '  action "invokeTool" appliesTo {',
    '    principal: [User],',
    '    resource: [Tool],',
    `    context: { "args"?: ${typeText(args, '    ')} }`,
    '  };',
    '}',
    '',
  ].join('\n');
  return { text, json };
}

/** Docker's arguments of the given tools, each top-level name with its type; the first type wins. */
function dockerAttrs(tools: ToolInfo[]): Map<string, CType> {
  const out = new Map<string, CType>();
  for (const t of tools) {
    const record = dockerRecord(t.inputSchema ?? {});
    if (record.kind !== 'Record') continue;
    for (const [name, attr] of record.attrs) if (!out.has(name)) out.set(name, attr.type);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The export.

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const comment = (text: string) => `// ${text.replace(/[\r\n\u2028\u2029]+/g, ' ')}`;

/** The policy in one Cedar flavour; see the module comment for what it keeps and what it notes. */
export function toCedar(policy: Policy, flavour: CedarFlavour, opts: CedarOptions): CedarExport {
  const f = flavour === 'agentcore' ? agentcore(opts.server) : flavour === 'docker' ? docker(opts.server) : toolhive();
  const label = CEDAR_FLAVOURS.find((x) => x.id === flavour)!.label;
  const byName = new Map(opts.tools.map((t) => [t.name, t]));
  const serverTools = opts.tools.map((t) => t.name);
  const hideAll = (policy.hide ?? []).includes('*');
  const hidden = new Set((policy.hide ?? []).filter((n) => n !== '*'));
  const notes: string[] = [];
  const statements: string[] = [];
  const mentioned = new Set<string>();
  // ToolHive's context attributes or Docker's arguments, each with the one type all tools share.
  const shared = new Map<string, CType>();
  let exact = true;

  const ruleFor = (name: string, rule: ToolRule) => {
    const base = `tools.${name}`;
    const info = byName.get(name) ?? { name };
    const parts: string[] = [];
    const lines: string[] = [comment(base)];
    let never = false;
    const cond = (c: Condition, where: string, strict: 'never' | 'always'): string => {
      let ref = f.argument(info, c.path);
      if (!('inexpressible' in ref) && ref.key !== undefined) {
        // One context type for all tools: two tools' arguments of one name must agree.
        const type: CType =
          flavour === 'docker'
            ? (recordAttr(dockerRecord(info.inputSchema ?? {}), ref.key) ?? { kind: 'Bool' })
            : ref.type === 'presentOnly'
              ? { kind: 'Bool' }
              : ref.type;
        const before = shared.get(ref.key);
        if (before && typeText(before, '') !== typeText(type, ''))
          ref = { inexpressible: `${c.path}: another tool's argument of the same name has another type` };
        else {
          shared.set(ref.key, type);
          if (ref.opaque) shared.set(ref.opaque.key, { kind: 'Bool' });
        }
      }
      if (!('inexpressible' in ref)) {
        mentioned.add(name);
        mentioned.add(`${name}\u0000${c.path}`);
      }
      const t = translate(c, ref, strict === 'never' ? 'require' : 'deny');
      if ('expr' in t) {
        if (t.stricter) {
          exact = false;
          // A call without an argument the schema requires is malformed anyway: say so.
          const segments = c.path.split('.').slice(1);
          const required = info.inputSchema?.required;
          const moot =
            segments.length === 1 && Array.isArray(required) && required.includes(segments[0])
              ? ` (the tool's schema requires ${c.path}, so only a malformed call is affected)`
              : '';
          notes.push(`${where}: ${t.stricter}, so this export is stricter than the policy${moot}.`);
          lines.push(comment(`${where}: ${t.stricter}${moot}.`));
        }
        if (t.rounding && !notes.some((n) => n.endsWith(`${t.rounding}.`))) {
          exact = false;
          notes.push(`${where}: ${t.rounding}.`);
        }
        return t.expr;
      }
      exact = false;
      const reading = strict === 'never' ? 'never holds (the call is denied)' : 'always holds (the rule denies)';
      notes.push(
        `${where}: ${t.inexpressible}; here the condition ${reading}, so this export is stricter than the policy.`,
      );
      lines.push(comment(`${where}: not expressible in Cedar (${t.inexpressible}); read as: ${reading}.`));
      return strict === 'never' ? 'false' : 'true';
    };
    (rule.require ?? []).forEach((c, i) => {
      const e = cond(c, `${base}.require[${i}]`, 'never');
      if (e === 'false') never = true;
      parts.push(e);
    });
    (rule.deny_if ?? []).forEach((d, i) => {
      const where = `${base}.deny_if[${i}]`;
      const e = and(...d.conditions.map((c, j) => cond(c, `${where}.conditions[${j}]`, 'always')));
      notes.push(`${where}: Cedar denies without a message; the policy's message is ${JSON.stringify(d.on_deny)}.`);
      lines.push(comment(`${where} denies with the message ${JSON.stringify(d.on_deny)}; Cedar carries no message.`));
      if (flavour === 'docker' && d.conditions.length === 0) {
        // Docker's gateway can ask for a confirmation in the session instead of refusing: offered,
        // not made, since it lets through a call the policy refuses.
        lines.push(
          comment(
            `Docker's gateway can instead ask for a confirmation in the session (MCP elicitation), which an autonomous client can answer itself, so it is no person's approval: @requireApproval(${cedarString(d.on_deny)}) permit (${f.scopeOne(name).replace(/\s+/g, ' ')}) when { ${f.nameCondition!(name)} };`,
          ),
        );
      }
      if (e === 'true') never = true;
      else parts.push(`!(${e})`);
    });
    (rule.limits ?? []).forEach((l, i) => {
      const text = `${base}.limits[${i}]: at most ${l.max} call${l.max === 1 ? '' : 's'} per ${l.window} (counter "${l.counter}"). Cedar keeps no counters: enforce the limit in the gateway's rate limiting.`;
      notes.push(text);
    });
    if (never) {
      lines.push(comment(`No permit: under this export every call to ${name} is denied.`));
      statements.push(lines.join('\n'));
      return;
    }
    mentioned.add(name);
    // Docker passes no arguments for a remote server: a rule that reads them then permits nothing.
    const readsArgs = flavour === 'docker' && [...mentioned].some((m) => m.startsWith(`${name}\u0000`));
    const when = [
      ...(f.nameCondition ? [f.nameCondition(name)] : []),
      ...(readsArgs ? ['context has args'] : []),
      ...parts.filter((p) => p !== 'true'),
    ];
    statements.push(
      `${lines.join('\n')}\npermit (\n  ${f.scopeOne(name)}\n)${when.length ? `\nwhen {\n  ${when.join(' &&\n  ')}\n}` : ''};`,
    );
  };

  if (hideAll) {
    notes.push('hide: ["*"]: every tool is hidden, so the export permits nothing.');
  } else {
    for (const name of hidden) {
      mentioned.add(name);
      statements.push(comment(`hide: ${name} is hidden: no permit, so every call to it is denied.`));
    }
    for (const [name, rule] of Object.entries(policy.tools ?? {})) if (!hidden.has(name)) ruleFor(name, rule);
    if (policy.default === 'allow') {
      const listed = [...hidden, ...Object.keys(policy.tools ?? {})];
      const rest = f.allExcept(serverTools, listed);
      // ToolHive and Docker permit "every tool but these", which covers tools added later too.
      if (flavour === 'agentcore')
        notes.push(
          'default: "allow": Cedar names the tools it permits, so a tool the server adds after this export is denied until the export is made again.',
        );
      if (rest) {
        for (const t of serverTools) if (!listed.includes(t)) mentioned.add(t);
        statements.push(
          `${comment('default: "allow" for every other tool of the server')}\npermit (\n  ${rest.scope}\n)${rest.unless ? `\nunless { ${rest.unless} }` : ''};`,
        );
      }
    }
  }
  (policy.all_tools?.limits ?? []).forEach((l, i) => {
    notes.push(
      `all_tools.limits[${i}]: at most ${l.max} call${l.max === 1 ? '' : 's'} per ${l.window} across the tools (counter "${l.counter}"). Cedar keeps no counters: enforce the quota in the gateway's rate limiting.`,
    );
  });
  if (hidden.size && flavour === 'agentcore')
    notes.push(
      'hide: a hidden tool has no permit, so calls to it are denied; whether it also leaves the tool list depends on the gateway.',
    );
  if (hidden.size && flavour === 'docker')
    notes.push(
      "hide: Docker's gateway does not put the tool list under Cedar, so a hidden tool stays in the agent's list; only its calls are denied.",
    );

  if (flavour === 'docker' && shared.size)
    notes.push(
      "Docker's gateway passes a call's arguments to Cedar only for a local stdio server: for a remote server, every rule that reads them denies.",
    );

  const schemas = f.schema(opts.tools, { mentioned, shared }, Boolean(opts.fullSchema));

  const header = [
    comment(`Policy Atlas: policy for the MCP server "${opts.server}" in Cedar, for ${label}.`),
    comment('Made from the same validated policy.json and checked against the schema published beside it.'),
    ...(flavour === 'docker'
      ? [
          comment(
            `Docker matches a server by the name it was registered under; this export says ${cedarString(opts.server)}: change it if you registered the server under another name.`,
          ),
          comment(
            'This export governs tool calls only: registering the server needs a permit of its own for MCP::Action::"register".',
          ),
        ]
      : flavour === 'agentcore'
        ? [
            comment(
              `AgentCore names each tool's action <target>___<tool>; this export assumes the gateway target is named ${cedarString(opts.server)}: change the prefix if yours is named otherwise.`,
            ),
          ]
        : []),
    ...(notes.length
      ? [comment('What Cedar cannot say here:'), ...notes.map((n) => comment(`- ${n}`))]
      : [comment('Cedar says everything this policy says.')]),
  ];
  const body = statements.length ? statements.join('\n\n') : comment('No permit: every call is denied.');
  return {
    flavour,
    text: `${header.join('\n')}\n\n${body}\n`,
    schema: schemas.text,
    schemaJson: schemas.json,
    notes,
    exact,
  };
}

// ---------------------------------------------------------------------------------------------
// Requests: how each gateway presents one call to Cedar (used by the parity test and by anyone
// checking a call against an export with Cedar's isAuthorized).

type CedarJson =
  string | number | boolean | CedarJson[] | { [k: string]: CedarJson } | { __extn: { fn: string; arg: string } };

export interface CedarRequest {
  principal: { type: string; id: string };
  action: { type: string; id: string };
  resource: { type: string; id: string };
  context: Record<string, CedarJson>;
  entities: {
    uid: { type: string; id: string };
    attrs: Record<string, CedarJson>;
    parents: { type: string; id: string }[];
  }[];
}

/**
 * A number as the gateways that cut it make it a Cedar decimal: four places kept, the rest cut
 * toward zero (as cedar-go's `NewDecimalFromFloat` does for ToolHive, and as AgentCore documents);
 * undefined beyond Cedar's range, where the value is left out.
 */
export function cutDecimal(v: number): string | undefined {
  if (!Number.isFinite(v)) return undefined;
  const scaled = BigInt(Math.trunc(v * 10000));
  if (scaled > 9223372036854775807n || scaled < -9223372036854775808n) return undefined;
  const sign = scaled < 0n ? '-' : '';
  const digits = String(scaled < 0n ? -scaled : scaled).padStart(5, '0');
  const fraction = digits.slice(-4).replace(/0+$/, '') || '0';
  return `${sign}${digits.slice(0, -4)}.${fraction}`;
}

/** A JSON value as AgentCore types it by the argument's schema; undefined when it is dropped. */
function agentcoreValue(v: unknown, type: CType): CedarJson | undefined {
  switch (type.kind) {
    case 'String':
      return typeof v === 'string' ? v : undefined;
    case 'Bool':
      return typeof v === 'boolean' ? v : undefined;
    case 'Long':
      return typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
    case 'decimal': {
      const text = typeof v === 'number' ? cutDecimal(v) : undefined;
      return text === undefined ? undefined : { __extn: { fn: 'decimal', arg: text } };
    }
    case 'Set':
      return Array.isArray(v) ? v.map((x) => agentcoreValue(x, type.item)).filter((x) => x !== undefined) : undefined;
    case 'Record': {
      if (!isObject(v)) return undefined;
      const out: Record<string, CedarJson> = {};
      for (const [name, attr] of type.attrs) {
        if (!own(v, name)) continue;
        const x = agentcoreValue(v[name], attr.type);
        if (x !== undefined) out[name] = x;
      }
      return out;
    }
  }
}

export function cedarRequest(
  flavour: CedarFlavour,
  opts: { server: string; tools: ToolInfo[] },
  call: { tool: string; args?: Record<string, unknown> },
): CedarRequest {
  const info = opts.tools.find((t) => t.name === call.tool) ?? { name: call.tool };
  if (flavour === 'agentcore') {
    const input = agentcoreValue(call.args ?? {}, recordType(info.inputSchema ?? {})) as Record<string, CedarJson>;
    const principal = { type: 'AgentCore::OAuthUser', id: 'parity-user' };
    const resource = {
      type: 'AgentCore::Gateway',
      id: `arn:aws:bedrock-agentcore:region:account:gateway/${opts.server}`,
    };
    return {
      principal,
      action: { type: 'AgentCore::Action', id: `${opts.server}___${call.tool}` },
      resource,
      context: { input },
      entities: [
        { uid: principal, attrs: { id: 'parity-user' }, parents: [] },
        { uid: resource, attrs: {}, parents: [] },
      ],
    };
  }
  if (flavour === 'docker') {
    // Typed by the tool's schema as AgentCore does; a value of another type would make the
    // gateway's Cedar evaluation fail, which denies.
    const args = agentcoreValue(call.args ?? {}, dockerRecord(info.inputSchema ?? {})) as Record<string, CedarJson>;
    const principal = { type: 'MCP::User', id: 'parity-user' };
    const server = { type: 'MCP::Server', id: opts.server };
    const resource = { type: 'MCP::Tool', id: `${opts.server}/${call.tool}` };
    return {
      principal,
      action: { type: 'MCP::Action', id: 'invokeTool' },
      resource,
      context: { args },
      entities: [
        { uid: principal, attrs: {}, parents: [] },
        {
          uid: resource,
          // The annotations as Docker defaults them when a tool declares none.
          attrs: { name: call.tool, readOnly: false, destructive: true, idempotent: false, openWorld: true },
          parents: [server],
        },
        { uid: server, attrs: {}, parents: [] },
      ],
    };
  }
  // ToolHive reads the arguments with Go's JSON decoder, so every number is a float64 and becomes a
  // decimal (cut to four places, left out beyond Cedar's range); null, objects and arrays are only
  // flagged as present.
  const context: Record<string, CedarJson> = {};
  for (const [name, v] of Object.entries(call.args ?? {})) {
    if (typeof v === 'string' || typeof v === 'boolean') context[`arg_${name}`] = v;
    else if (typeof v === 'number') {
      const text = cutDecimal(v);
      if (text !== undefined) context[`arg_${name}`] = { __extn: { fn: 'decimal', arg: text } };
    } else context[`arg_${name}_present`] = true;
  }
  const principal = { type: 'Client', id: 'parity-user' };
  const resource = { type: 'Tool', id: call.tool };
  return {
    principal,
    action: { type: 'Action', id: 'call_tool' },
    resource,
    context,
    entities: [
      { uid: principal, attrs: {}, parents: [] },
      {
        uid: resource,
        attrs: { name: call.tool, operation: 'call', feature: 'tool', ...context },
        parents: [{ type: 'MCP', id: opts.server }],
      },
      { uid: { type: 'MCP', id: opts.server }, attrs: {}, parents: [] },
    ],
  };
}
