import type { Category } from '#src/model/taxonomy.ts';

/**
 * The classifier's rules, as data. Each rule names the category it argues for and how much weight
 * it carries; the engine (engine.ts) only collects matches and adds them up. To change how tools are
 * classified, edit these tables, not the engine.
 *
 * Weights: 3 = decisive on its own (a verb in the name, an argument that takes code, a phrase like
 * "cannot be undone"); 2 = a clear phrase or a telling argument; 1 = a hint.
 */

/** A rule that matches whole words ("tokens") of a tool's name or title. */
export interface TokenRule {
  id: string;
  suggests: Category;
  weight: number;
  tokens: readonly string[];
}

/** A rule that matches a phrase in a description (case-insensitive regular expression). */
export interface PhraseRule {
  id: string;
  suggests: Category;
  weight: number;
  pattern: RegExp;
}

/** A rule that matches an input-schema property by its name's tokens. */
export interface PropertyRule {
  id: string;
  suggests: Category;
  weight: number;
  /** Property names are split into tokens (camelCase, snake_case, kebab-case) before matching. */
  tokens: readonly string[];
  /** When set, a property with this JSON Schema `format` matches too, whatever its name. */
  format?: string;
}

/** Verbs and nouns in a tool's name (or title) and what they say about the tool. */
export const NAME_RULES: readonly TokenRule[] = [
  {
    id: 'verb:financial',
    suggests: 'Financial',
    weight: 3,
    tokens: [
      'pay',
      'payment',
      'payout',
      'charge',
      'refund',
      'transfer',
      'purchase',
      'buy',
      'checkout',
      'invoice',
      'withdraw',
      'deposit',
      'donate',
      'trade',
      'sell',
    ],
  },
  {
    id: 'verb:destructive',
    suggests: 'Destructive',
    weight: 3,
    tokens: [
      'delete',
      'remove',
      'drop',
      'destroy',
      'purge',
      'erase',
      'wipe',
      'truncate',
      'clear',
      'kill',
      'terminate',
      'overwrite',
      'revoke',
      'uninstall',
      'reset',
      'cancel',
      'rm',
      'del',
      'unlink',
      'shred',
    ],
  },
  {
    id: 'verb:execute',
    suggests: 'Execute',
    weight: 3,
    tokens: [
      'run',
      'exec',
      'execute',
      'eval',
      'evaluate',
      'invoke',
      'trigger',
      'submit',
      'launch',
      'spawn',
      'shell',
      'deploy',
      'build',
      'compile',
      'sql',
      'bash',
      'terminal',
      'automate',
    ],
  },
  {
    id: 'verb:write',
    suggests: 'Write',
    weight: 3,
    tokens: [
      'create',
      'add',
      'update',
      'set',
      'save',
      'write',
      'put',
      'post',
      'upload',
      'edit',
      'modify',
      'insert',
      'send',
      'toggle',
      'enable',
      'disable',
      'rename',
      'move',
      'copy',
      'append',
      'patch',
      'register',
      'subscribe',
      'unsubscribe',
      'publish',
      'generate',
      'compress',
      'gzip',
      'zip',
      'store',
      'commit',
      'push',
      'merge',
      'import',
      'install',
      'assign',
      'comment',
      'reply',
      'star',
      'fork',
      'apply',
      'configure',
      'mark',
      'archive',
      'close',
      'lock',
      'unlock',
      'start',
      'stop',
      'restart',
      'sync',
    ],
  },
  {
    id: 'verb:read',
    suggests: 'Read',
    weight: 3,
    tokens: [
      'get',
      'list',
      'read',
      'fetch',
      'search',
      'find',
      'show',
      'describe',
      'view',
      'load',
      'lookup',
      'status',
      'count',
      'check',
      'inspect',
      'echo',
      'query',
      'browse',
      'download',
      'export',
      'info',
      'stats',
      'validate',
      'preview',
      'wait',
      'poll',
      'print',
      'sum',
      'explain',
      'summarize',
      'analyze',
      'research',
      'diff',
      'compare',
      'resolve',
    ],
  },
];

/** Phrases in a description. Tested in this order; each rule counts once per tool. */
export const DESCRIPTION_RULES: readonly PhraseRule[] = [
  {
    id: 'phrase:moves-money',
    suggests: 'Financial',
    weight: 2,
    pattern:
      /\b(?:payments?|charges? (?:a|the) (?:card|customer)|refunds?|transfers? (?:money|funds)|purchases?|invoices?|payouts?|billing|credit card|wire transfer|spend(?:s|ing)? money)\b/i,
  },
  {
    id: 'phrase:irreversible',
    suggests: 'Destructive',
    weight: 3,
    pattern: /\b(?:permanently|irreversibl[ey]|cannot be undone|can ?not be recovered|no undo)\b/i,
  },
  {
    id: 'phrase:deletes',
    suggests: 'Destructive',
    weight: 2,
    pattern:
      /\b(?:deletes?|removes?|drops?|destroys?|purges?|erases?|wipes?|truncates?|overwrites?|empties|clears?|terminates?|kills?|cancels?|interrupts?)\b/i,
  },
  {
    id: 'phrase:runs-code',
    suggests: 'Execute',
    weight: 2,
    pattern:
      /\b(?:execut(?:e|es|ing)|runs?|evaluat(?:e|es|ing)|invok(?:e|es|ing)|triggers?|spawns?|launch(?:es)?)\b[^.\n]{0,40}\b(?:code|commands?|scripts?|shell|sql|quer(?:y|ies)|programs?|processes|workflows?|jobs?|pipelines?|operations?|requests?)\b/i,
  },
  { id: 'phrase:sql', suggests: 'Execute', weight: 2, pattern: /\b(?:sql|select statements?|arbitrary queries)\b/i },
  {
    id: 'phrase:modifies',
    suggests: 'Write',
    weight: 2,
    pattern:
      /\b(?:creates?|updates?|writes?|saves?|modif(?:y|ies)|inserts?|uploads?|sends?|posts?|publish(?:es)?|toggles?|enables?|disables?|stores?|edits?|renames?|moves?|copies|appends?|compress(?:es)?|changes?)\b/i,
  },
  {
    id: 'phrase:reads',
    suggests: 'Read',
    weight: 2,
    pattern:
      /\b(?:returns?|lists?|gets?|retrieves?|reads?|shows?|fetch(?:es)?|looks? up|searches|finds|displays?|reports?|echo(?:es)?|describes?|queries|polls?|waits?)\b/i,
  },
];

/** Input-schema properties and what an argument by that name says about the tool. */
export const PROPERTY_RULES: readonly PropertyRule[] = [
  { id: 'property:amount', suggests: 'Financial', weight: 2, tokens: ['amount', 'price', 'currency', 'iban', 'payee'] },
  { id: 'property:confirm', suggests: 'Destructive', weight: 2, tokens: ['confirm', 'confirmation', 'force'] },
  {
    id: 'property:code',
    suggests: 'Execute',
    weight: 3,
    tokens: ['sql', 'code', 'command', 'cmd', 'script', 'shell', 'expression', 'eval', 'program'],
  },
  { id: 'property:query', suggests: 'Execute', weight: 1, tokens: ['query'] },
  {
    id: 'property:overwrite',
    suggests: 'Write',
    weight: 1,
    tokens: ['overwrite', 'content', 'contents', 'body', 'data', 'value'],
  },
  {
    id: 'property:path',
    suggests: 'Write',
    weight: 1,
    tokens: ['path', 'file', 'filename', 'filepath', 'directory', 'dir'],
  },
  { id: 'property:url', suggests: 'Read', weight: 1, tokens: ['url', 'uri', 'href', 'endpoint'], format: 'uri' },
];

/**
 * MCP annotations. They come from the server itself, which may not be trusted, so the engine uses
 * them only to RAISE a category above what the definition's text says, never to lower it.
 *
 * Defaults (MCP spec): readOnlyHint false, destructiveHint true, idempotentHint false,
 * openWorldHint true. An absent hint is treated as no evidence either way: if absent hints counted,
 * every un-annotated tool would be Destructive (readOnlyHint false + destructiveHint true), which
 * says nothing about the tool. Only hints the server actually declared produce evidence.
 * idempotentHint and openWorldHint do not change a category, so they have no rule.
 */
export interface AnnotationRule {
  id: string;
  suggests: Category;
  /** Matches when the declared annotations satisfy this predicate. */
  when: (hints: { readOnlyHint?: boolean; destructiveHint?: boolean }) => boolean;
  /** The text quoted as evidence. */
  quote: string;
}

export const ANNOTATION_RULES: readonly AnnotationRule[] = [
  {
    id: 'annotation:destructive',
    suggests: 'Destructive',
    // destructiveHint only means something when the tool is not read-only (MCP spec).
    when: (h) => h.destructiveHint === true && h.readOnlyHint !== true,
    quote: 'destructiveHint: true',
  },
  {
    id: 'annotation:not-read-only',
    suggests: 'Write',
    when: (h) => h.readOnlyHint === false,
    quote: 'readOnlyHint: false',
  },
  {
    id: 'annotation:read-only',
    suggests: 'Read',
    when: (h) => h.readOnlyHint === true,
    quote: 'readOnlyHint: true',
  },
];

/**
 * Name tokens that are too generic to say anything, skipped so that a name like `get_file_path`
 * is judged by its verb and not by "file".
 */
export const IGNORED_NAME_TOKENS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'the',
  'as',
  'to',
  'of',
  'for',
  'by',
  'and',
  'or',
  'tool',
  'mcp',
]);

/** With no evidence at all, a tool is assumed to change something, as MCP's defaults assume. */
export const FALLBACK_CATEGORY: Category = 'Write';

/** A category wins when its total weight reaches this, and the most severe winner is chosen. */
export const DECISIVE_SCORE = 3;
