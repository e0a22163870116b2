import type { ToolDefinition, ToolFlag } from '#src/model/tool.ts';
import { isObject } from '#src/model/object.ts';
import { readAsSeen } from './engine.ts';

/**
 * Tool-poisoning detection: text in a tool's definition that speaks to the model instead of
 * describing the tool. Each rule is data: a stable code, the sentence shown on the tool page, and a
 * pattern. The detector scans the title, the description, every annotation and every string (and
 * property name) inside the input and output schemas and any other field the server sends. Words
 * are matched as a person reads them (unseen characters removed, full-width or styled letters and
 * non-breaking spaces folded; the rules about characters read the text as sent), and the offending
 * text is quoted verbatim; the page makes it visible.
 */
export interface PoisonRule {
  code: string;
  reason: string;
  pattern: RegExp;
  /**
   * A second look at a match, with the sentence it stands in: false discards it. Used where the
   * words alone are common in honest text (a `$ref` pointer is long and base64-like; "paths such
   * as ~/.ssh are rejected" names a secret without asking for it).
   */
  confirm?: (match: string, sentence: string, where: Where) => boolean;
}

/** Where a text stands in its definition, for a rule's second look. */
export interface Where {
  /** The text is the name of a boolean property: a switch, which can carry no text of its own. */
  switchName: boolean;
  /** The text is the description of a boolean property: it says what the switch turns on. */
  switchDescription: boolean;
  /** The words of each string property the tool takes at the top of its input ("privateKey": "private key"). */
  inputs: ReadonlySet<string>;
}

// Verbs that move a secret somewhere the model or a server can see it.
const MOVE_VERB =
  '(?:read|cat|open|send|include|pass|upload|attach|leak|output|print|copy|provide|share|forward|exfiltrate|post|transmit|dump|paste|append|embed|return)';
// Files that hold credentials: naming one is a strong signal wherever it stands.
const SECRET_FILE =
  '(?:~\\/\\.[\\w-]+|\\$HOME\\/\\.[\\w-]+|\\.ssh\\b|\\bid_(?:rsa|dsa|ecdsa|ed25519)\\b|\\.aws\\/credentials|\\.git-credentials|\\.netrc\\b|\\.npmrc\\b|\\.pypirc\\b|\\.kube\\/config|\\/etc\\/(?:passwd|shadow)\\b|(?<![\\w.])\\.env\\b(?![.\\w])|\\bmcp\\.json\\b|claude_desktop_config\\.json)';
// Words for secrets: common in honest text, so they count only as what the verb acts on.
const SECRET_WORD =
  '(?:\\b(?:private keys?|api[ _-]?keys?|access tokens?|secret keys?|passwords?|credentials|ssh keys?|session cookies?))';
const SECRET_PLACE = `(?:${SECRET_FILE}|${SECRET_WORD})`;
// A sentence that names a secret only to say it is kept out.
const REFUSAL =
  /\b(?:reject(?:s|ed)?|refuse[sd]?|block(?:s|ed)?|den(?:y|ies|ied)|forbidden|not allowed|disallowed|exclude[sd]?|ignored?|skipp?(?:s|ed)?|never|cannot|can't|won't|prevent(?:s|ed)?|protect(?:s|ed)?|redact(?:s|ed)?|mask(?:s|ed)?|hidden from|outside the allowed|leave out|leaves out|left out|omit(?:s|ted)?)\b/i;

/** A sentence that asks for this tool to be called before the others. */
const CALL_THIS_FIRST =
  /\b(?:call|use|run|invoke)\s+this\s+tool\s+(?:first\s+)?before\b|\b(?:call|use|run|invoke)\s+this\s+tool\s+first\b|\bthis\s+(?:tool\s+)?(?:must|should)\s+(?:always\s+)?be\s+(?:called|used|run|invoked)\s+(?:first|before)\b/i;

/**
 * Tools a place holds, missing or installed ("If the environment is missing any tools, you MUST
 * call this function"): programs of a machine or a container, not the tools of an MCP server.
 */
const HELD_TOOLS =
  /\b(?:missing|lacks?|lacking|has|have|contains?|installs?|installed|needs?)\s+(?:all|any|every)\s+tools?\b/i;

/** "Do not include API keys in your query": the verb is forbidden, not asked for. */
function warnsAgainst(match: string, sentence: string): boolean {
  const at = sentence.indexOf(match);
  return at > 0 && /\b(?:do not|don't|must not|should not|avoid(?:ing)?)\s+$/i.test(sentence.slice(0, at));
}

/** "Body: { …, password?: string }": the secret names a field of a request sketch, not a request for it. */
function declaresField(match: string, sentence: string): boolean {
  const at = sentence.indexOf(match);
  return at !== -1 && /^\??\s*:\s*(?:string|number|boolean|object|\w+\[\])\b/i.test(sentence.slice(at + match.length));
}

/** "periods per API key", "usage by access token": the secret names a grouping, not a request. */
function groupsBy(match: string): boolean {
  return /\b(?:per|by|each)\s+(?:an?\s+|the\s+)?(?:api[ _-]?keys?|access tokens?|secret keys?|credentials)$/i.test(
    match,
  );
}

/**
 * "the Send to remove password from", "rotate the API key": a verb that manages the secret itself
 * stands right before it, so the secret is what the tool changes, not something to hand over.
 */
function managesSecret(match: string): boolean {
  return (
    /\b(?:remove|delete|clear|reset|rotate|revoke|change|update|set|generate|create|edit|add|expire|disable|enable|regenerate)\s+(?:(?:the|a|an|its|their|your)\s+)?(?:[\w-]+\s+)?(?:private keys?|api[ _-]?keys?|access tokens?|secret keys?|passwords?|credentials|ssh keys?)$/i.test(
      match,
    ) ||
    // "Optionally attach SSH keys" to a new server: keys the provider holds (their public halves),
    // named to be let in. A private key, or a key file (~/.ssh, id_rsa), is still a secret to hand over.
    /\b(?:attach|assign)\s+(?:(?:the|its|their|your)\s+)?ssh keys?$/i.test(match)
  );
}

/**
 * "include the created password in the response": the secret is one the tool itself made and hands
 * back to its caller, as a password manager's create tool does.
 */
function ownSecret(match: string): boolean {
  return /\b(?:created|generated|updated|rotated|new)\s+(?:private keys?|api[ _-]?keys?|access tokens?|secret keys?|passwords?|credentials|ssh keys?)$/i.test(
    match,
  );
}

/**
 * "without credentials, results come from the public feed", "missing credentials are reported as
 * errors": a condition of use, not a request.
 */
function withoutSecret(match: string): boolean {
  return /\b(?:without|no|missing|invalid|expired|wrong)\s+(?:an?\s+|the\s+)?(?:private keys?|api[ _-]?keys?|access tokens?|secret keys?|passwords?|credentials|ssh keys?|session cookies?)$/i.test(
    match,
  );
}

/**
 * "Include private key in response", as what a boolean switch turns on: the tool puts the secret in
 * what it hands back to its caller, which is no request to hand one over. The same words in a
 * tool's own description may be addressed to the model, and still count.
 */
function switchesOwnResponse(match: string, sentence: string, where: Where): boolean {
  const after = sentence.slice(sentence.indexOf(match) + match.length);
  return (
    where.switchDescription &&
    !SECRET_FILE_RE.test(match) &&
    /^(?:include|return)\b/i.test(match) &&
    /^\s+in\s+(?:the\s+|its\s+)?(?:response|output|results?)\b/i.test(after)
  );
}

/**
 * "Provide an existing private key OR generate a new wallet", for a tool with a `private_key` input:
 * the secret is asked for as the input the tool declares for it, in plain sight of whoever approves
 * the call, as a sign-in or a key import does. A secret asked for into any other field is still a
 * request, and so is a credential file.
 */
function takesAsInput(match: string, where: Where): boolean {
  if (SECRET_FILE_RE.test(match) || !/^(?:provide|pass)\b/i.test(match)) return false;
  const secret = SECRET_WORD_RE.exec(match)?.[0].toLowerCase().replace(/[_-]/g, ' ').replace(/s$/, '');
  return secret !== undefined && [...where.inputs].some((input) => input === secret || input.endsWith(` ${secret}`));
}

/**
 * "Auth: open, oauth, api_key": the verb is one value of a list and the secret another, as an enum
 * is spelled out; neither is a request. A credential file in the list still counts.
 */
function listsValues(match: string): boolean {
  return !SECRET_FILE_RE.test(match) && /^\w+\s*,\s*(?:[\w-]+\s*,\s*)*(?:or\s+|and\s+)?[\w-]+$/i.test(match);
}

const SECRET_FILE_RE = new RegExp(SECRET_FILE, 'i');
const SECRET_WORD_RE = new RegExp(SECRET_WORD, 'i');
const VERB_FIRST_RE = new RegExp(`^${MOVE_VERB}\\b`, 'i');

/**
 * A word for a secret, with no credential file named, that the moving verb does not act on:
 * - the verb has an object of its own before a phrase that holds the secret ("upload URL with
 *   authentication credentials", "pass a connectionId to inject the user's stored credentials");
 * - the verb passes an identifier of the secret ("pass the ID of an API key credential");
 * - the two words name a kind of secret that is the subject of its own clause ("Upload credentials
 *   are generated and used internally");
 * - after "obtain credentials and", the verb has an object of its own ("and upload the archive").
 * A file that holds credentials (~/.ssh, .env) is a request however the sentence runs.
 */
function notItsObject(match: string, sentence: string): boolean {
  if (SECRET_FILE_RE.test(match)) return false;
  const after = sentence.slice(sentence.indexOf(match) + match.length);
  if (VERB_FIRST_RE.test(match)) {
    const gap = match.slice(match.search(/\s|$/), match.search(SECRET_WORD_RE));
    return (
      /^\s*\S+(?:\s+\S+){0,3}\s+(?:with|to|for|from|into|via|through|using)\b/i.test(gap) ||
      /\b(?:id|ids|identifier|name|reference)\s+of\b/i.test(gap) ||
      (gap.trim() === '' && /^\s+(?:are|is|was|were|will|gets?|expires?)\b/i.test(after))
    );
  }
  return /^\s+(?:the|a|an|this|that|your|its)\s+(?!contents?\b|values?\b|keys?\b|tokens?\b|secrets?\b|files?\b)\w+/i.test(
    after,
  );
}

/** Base64 of text or data has digits and both cases in one run; a `$ref` path or a long identifier does not. */
function looksEncoded(match: string): boolean {
  const longest = match.split('/').reduce((a, b) => (b.length > a.length ? b : a), '');
  if (longest.length < 48) return false;
  const digits = (longest.match(/[0-9]/g) ?? []).length;
  const upper = (longest.match(/[A-Z]/g) ?? []).length;
  const lower = (longest.match(/[a-z]/g) ?? []).length;
  // Random base64 changes case often; an identifier in camelCase changes it once a word.
  const switches = (longest.match(/[a-z][A-Z]|[A-Z][a-z]|[0-9][A-Za-z]|[A-Za-z][0-9]/g) ?? []).length;
  return digits >= 3 && upper >= 6 && lower >= 6 && switches >= longest.length / 4;
}

// Zero-width and other invisible format characters, blank fillers (Hangul), the Unicode "tag"
// block and the supplementary variation selectors, both used to smuggle text past a reader. The
// page shows them with revealInvisible (src/utils/text.ts). U+FE00-FE0F are left out: one follows
// many an emoji.
const INVISIBLE =
  '[\\u00AD\\u034F\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B-\\u200D\\u2060-\\u2065\\u206A-\\u206F\\u3164\\uFEFF\\uFFA0\\uFFF0-\\uFFFB\\u{E0000}-\\u{E01EF}]';
// Characters that reorder text on screen (Trojan Source).
const BIDI = '[\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]';

export const POISON_RULES: readonly PoisonRule[] = [
  {
    code: 'hidden-instruction-tag',
    reason:
      'The text contains a pseudo-tag that addresses the model with instructions the user is not meant to notice.',
    pattern:
      /<\s*\/?\s*(?:important|system|instructions?|secret|hidden|admin|assistant|context|prompt|critical|sudo)(?=[\s/>])[^>]{0,40}>/i,
  },
  {
    code: 'conceal-from-user',
    reason: 'The text asks the model to keep something from the user.',
    pattern:
      /\b(?:do not|don't|never|must not|should not)\s+(?:tell|inform|mention|reveal|show|notify|alert|let)\b[^.\n]{0,100}\b(?:user|human|person|operator)s?\b|\bwithout (?:telling|informing|notifying|alerting|asking) (?:the )?(?:user|human)\b|\b(?:user|human) (?:must|should) (?:not|never) (?:know|see|be told)\b/i,
    // "Do not alert the user unless the site is down" sets when to notify; "never show passwords to
    // the user" keeps a secret safe. Neither hides what the tool does.
    confirm: (match, sentence) =>
      !/\b(?:unless|until|except)\b/i.test(sentence.slice(sentence.indexOf(match) + match.length)) &&
      !SECRET_WORD_RE.test(match),
  },
  {
    code: 'secret-file-request',
    reason: 'The text points at a file or secret that holds credentials (SSH keys, dotfiles, cloud or API keys).',
    pattern: new RegExp(
      `\\b${MOVE_VERB}\\b(?!-)[^.;\\n]{0,60}?${SECRET_PLACE}|${SECRET_PLACE}[^.;\\n]{0,40}\\b(?:and|then)\\s+${MOVE_VERB}\\b(?!-)`,
      'i',
    ),
    confirm: (match, sentence, where) =>
      // A switch's name is no request: a boolean cannot carry a secret (a credential file still counts).
      !(where.switchName && !SECRET_FILE_RE.test(match)) &&
      !switchesOwnResponse(match, sentence, where) &&
      !takesAsInput(match, where) &&
      !REFUSAL.test(sentence) &&
      !warnsAgainst(match, sentence) &&
      !groupsBy(match) &&
      !declaresField(match, sentence) &&
      !managesSecret(match) &&
      !ownSecret(match) &&
      !withoutSecret(match) &&
      !listsValues(match) &&
      !notItsObject(match, sentence),
  },
  {
    code: 'instruction-override',
    reason: 'The text tries to override the instructions the model was given.',
    pattern:
      /\b(?:ignore|disregard|forget)\b[^.]{0,20}\b(?:previous|prior|above|earlier|all other|system)\b[^.]{0,20}\b(?:instructions?|prompts?|rules?|messages?)\b/i,
  },
  {
    code: 'cross-tool-instruction',
    reason: "The text tells the model how to use other tools, which a tool's own description has no business doing.",
    pattern:
      /\b(?:must|should|always|never)\b[^.\n]{0,80}\b(?:all|any|every|other|another)\s+tools?\b(?!\s+calls?\b)|\b(?:all|any|every|other|another)\s+tools?\b(?!\s+calls?\b)[^.\n]{0,60}\b(?:must|should|always|never)\b|\b(?:instead of|rather than)\s+(?:using|calling)\s+(?:the\s+)?(?!this\b)`?[\w.-]+`?\s+tool\b/i,
    // "Call this tool first, before any other tools" orders this tool's own call; it asks nothing of the
    // others. Tools a machine is missing are its programs.
    confirm: (_match, sentence) => !CALL_THIS_FIRST.test(sentence) && !HELD_TOOLS.test(sentence),
  },
  {
    code: 'invisible-unicode',
    reason: 'The text contains invisible characters that can hide words from a human reader.',
    // eslint-disable-next-line no-misleading-character-class -- these invisible characters are what it looks for
    pattern: new RegExp(`${INVISIBLE}+`, 'u'),
  },
  {
    code: 'bidi-unicode',
    reason: 'The text contains bidirectional control characters that change the order in which it is displayed.',
    pattern: new RegExp(`${BIDI}+`, 'u'),
  },
  {
    code: 'control-characters',
    reason:
      'The text contains control characters (NUL and other C0 or C1 controls), which no description needs and which can hide or garble text on the way to a reader.',
    // Tab, line feed and carriage return are ordinary text and left out.
    // eslint-disable-next-line no-control-regex -- these control characters are what it looks for
    pattern: /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]+/,
  },
  {
    code: 'base64-blob',
    reason: 'The text contains a long base64 blob, which a person cannot read but a model can decode.',
    pattern:
      /(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]*[0-9+/])(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*[A-Z])[A-Za-z0-9+/]{80,}={0,2}/,
    confirm: (match) => looksEncoded(match),
  },
];

/** Characters of context kept either side of a match in the quoted excerpt. */
const CONTEXT = 60;
const MAX_EXCERPT = 2000;

const isLowSurrogate = (text: string, i: number) => /[\uDC00-\uDFFF]/.test(text[i] ?? '');
const isHighSurrogate = (text: string, i: number) => /[\uD800-\uDBFF]/.test(text[i] ?? '');

/** A piece of the text around a match, as sent: its ends never split a character in two. */
function excerpt(text: string, index: number, length: number): string {
  let start = Math.max(0, index - CONTEXT);
  if (isLowSurrogate(text, start) && isHighSurrogate(text, start - 1)) start -= 1;
  let end = Math.min(text.length, index + length + CONTEXT, start + MAX_EXCERPT);
  if (isHighSurrogate(text, end - 1) && isLowSurrogate(text, end))
    end = end + 1 <= start + MAX_EXCERPT ? end + 1 : end - 1;
  return text.slice(start, end);
}

/** The sentence around a match: from the last sentence end before it to the next one after it. */
function sentenceOf(text: string, index: number, length: number): string {
  const before = text.slice(0, index);
  // A sentence ends at . ! or ? before a space, as below; the dot of "trigger.dev" or "e.g" does not end one.
  const ends = [...before.matchAll(/[.!?](?=\s)|\n/g)];
  const start = ends.length > 0 ? (ends[ends.length - 1].index ?? -1) + 1 : 0;
  const after = text.slice(index + length).search(/[.!?](?:\s|$)|\n/);
  return text.slice(start, after === -1 ? text.length : index + length + after + 1);
}

interface ScannableText {
  field: string;
  text: string;
  switchName?: boolean;
  switchDescription?: boolean;
}

/** Every string in the definition worth scanning, with a path a reader can find it by. */
function scannableTexts(definition: ToolDefinition): ScannableText[] {
  const out: ScannableText[] = [];
  if (definition.title) out.push({ field: 'title', text: definition.title });
  if (definition.description) out.push({ field: 'description', text: definition.description });
  // `role`: the value is the schema of a boolean property (a switch), or that schema's description.
  const walk = (value: unknown, path: string, role?: 'switch' | 'switch-description'): void => {
    if (typeof value === 'string')
      out.push({ field: path, text: value, switchDescription: role === 'switch-description' });
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        const child = /^[A-Za-z0-9_$-]+$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
        // A property name is text the model reads too; scan every one, with its own path.
        const switchName = path.endsWith('.properties') && isObject(v) && v.type === 'boolean';
        out.push({ field: `${child} (key)`, text: key, switchName });
        walk(
          v,
          child,
          switchName ? 'switch' : role === 'switch' && key === 'description' ? 'switch-description' : undefined,
        );
      }
    }
  };
  walk(definition.inputSchema, 'inputSchema');
  if (definition.outputSchema) walk(definition.outputSchema, 'outputSchema');
  // Annotations (every hint a server adds, not only its title) and any other field a server sends
  // reach the page and the model too.
  for (const [key, value] of Object.entries(definition))
    if (!['name', 'title', 'description', 'inputSchema', 'outputSchema'].includes(key)) walk(value, key);
  return out;
}

/** The words of each string property at the top of the tool's input: `privateKey` and `private_key` give "private key". */
function stringInputs(definition: ToolDefinition): ReadonlySet<string> {
  const properties = isObject(definition.inputSchema.properties) ? definition.inputSchema.properties : {};
  return new Set(
    Object.entries(properties)
      .filter(([, schema]) => isObject(schema) && schema.type === 'string')
      .map(([name]) =>
        name
          .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
          .replace(/[_-]+/g, ' ')
          .toLowerCase(),
      ),
  );
}

/** Each rule's pattern with the g flag, compiled once: a catalogue scans hundreds of thousands of texts. */
const globalPatterns = new WeakMap<PoisonRule, RegExp>();
function globalPattern(rule: PoisonRule): RegExp {
  let pattern = globalPatterns.get(rule);
  if (!pattern) {
    const { source, flags } = rule.pattern;
    pattern = new RegExp(source, flags.includes('g') ? flags : `${flags}g`);
    globalPatterns.set(rule, pattern);
  }
  return pattern;
}

/** Rules about the characters themselves, which read the text exactly as sent. */
const CHARACTER_RULES = new Set(['invisible-unicode', 'bidi-unicode', 'control-characters', 'base64-blob']);

/** Scans one definition and returns one flag per rule per field that matched, in a stable order. */
export function detectPoisoning(definition: ToolDefinition): ToolFlag[] {
  const flags: ToolFlag[] = [];
  const inputs = stringInputs(definition);
  for (const { field, text, switchName = false, switchDescription = false } of scannableTexts(definition)) {
    const where: Where = { switchName, switchDescription, inputs };
    // Words in a property name are joined by _ or -; read them as the words they are.
    const raw = field.endsWith('(key)') ? text.replace(/[_-]/g, ' ') : text;
    // The words as a person reads them (no unseen characters, no full-width or styled letters, no
    // non-breaking spaces), with where each piece came from, so the quote is the text as sent.
    const seen = readAsSeen(raw);
    for (const rule of POISON_RULES) {
      const read = CHARACTER_RULES.has(rule.code) ? raw : seen.text;
      // Every match is looked at: an honest first one must not hide a hostile one later in the text.
      const all = globalPattern(rule);
      const match = [...read.matchAll(all)].find(
        (m) => !rule.confirm || rule.confirm(m[0], sentenceOf(read, m.index, m[0].length), where),
      );
      if (!match) continue;
      const [from, to] =
        read === raw || !seen.origin
          ? [match.index, match.index + match[0].length]
          : [seen.origin[match.index]!, seen.origin[match.index + match[0].length]!];
      flags.push({
        code: rule.code,
        reason: rule.reason,
        field: field.slice(0, 500),
        text: excerpt(text, from, to - from),
      });
    }
  }
  return flags;
}
