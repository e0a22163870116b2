import { CATEGORIES, CATEGORY_RISK, categoryRank, type Category } from '#src/model/taxonomy.ts';
import type { Classification, Evidence, ToolDefinition } from '#src/model/tool.ts';
import {
  ANY_RECORD_TYPE,
  CONTENT_PARTS,
  HOW_TO_ASK,
  OVERWRITE_DENIED,
  PUTTING_VERBS,
  UNDOING_VERBS,
  BROWSER_ACTIONS,
  BROWSER_WORDS,
  CLEARABLE_STATE,
  CODE_OBJECTS,
  COMPOUNDS,
  CJK_NOUNS,
  CJK_VERBS,
  RUSSIAN_STEMS,
  DELETION_NOUNS,
  DESCRIPTION_RULES,
  DRAFT_OBJECTS,
  FALLBACK_CATEGORY,
  FILLER_WORDS,
  FORMATTED_PARTS,
  SCHEDULED_RUNS,
  COMMAND_PROPERTIES,
  ARCHIVES,
  GENERATED_MEDIA,
  GENERATED_TEXT,
  HAND_BACK_VERBS,
  LOCAL_DESTINATION,
  LOCAL_OUTPUT_PROPERTY,
  DOWNLOADING_VERBS,
  READ_ONLY_QUERY,
  SAVES_OUTPUT_FILE,
  LAUNCHES_BROWSER,
  RUNNING_SYSTEMS,
  RESETTING_VERBS,
  RESET_TO_DEFAULT,
  POWER_VERBS,
  DOWNLOAD_TARGET_PROPERTY,
  TEXT_ARTIFACTS,
  TO_TRASH,
  RESTORABLE,
  BY_ARCHIVING,
  COMPOSING_VERBS,
  HTTP_METHODS,
  OVERWRITE_VALUES,
  READ_ONLY_CLAIMS,
  REQUEST_TARGET_WORDS,
  REQUEST_WORDS,
  INSTALLING_VERBS,
  RUNNABLE_SOFTWARE,
  IGNORED_NAME_TOKENS,
  MARKS,
  MESSAGE_OBJECTS,
  LIGHT_VERBS,
  MONEY_OBJECTS,
  SESSION_ENDING_VERBS,
  SESSIONS,
  DATABASE_TRANSACTION,
  QUERY_TEXT_PROPERTY,
  SAVED_QUERY_ID,
  NON_MONEY_HEADS,
  NOTICE_WORDS,
  MOVING_VERBS,
  SHIPPING_LABELS,
  SHIPPING_WORDS,
  TAKES_PAYMENT,
  BOOKING_VERBS,
  LEADING_ONLY_VERBS,
  PAID_BOOKINGS,
  PLAYING_VERBS,
  PLAYED_THINGS,
  TIMERS,
  TIMING_VERBS,
  PERMANENT_DELETION,
  STREAMED,
  SUBSCRIBES_TO_STREAM,
  STORED_SUBSCRIPTIONS,
  PLACING_PREPOSITIONS,
  ROTATED_SECRETS,
  MEMBER_WORDS,
  MEMBER_GROUPS,
  HELD_MARKS,
  SOCIAL_POST,
  SOCIAL_NETWORKS,
  ACTUATING_VERBS,
  LIVE_OUTPUTS,
  DEVICE_SETTINGS,
  BUILT_DATA,
  ANNOTATION_ONLY_UPDATE,
  DISPUTES,
  TRADES_POSITION,
  TRADING_WORDS,
  WALLET_ASSETS,
  OVERWRITE_STATEMENT,
  PARTIAL_UPDATE,
  PROPERTY_RULES,
  READ_NOUNS,
  REPLACED_SECRETS,
  RESTORE_SOURCES,
  CAMPAIGNS,
  SPENDING_LIMITS,
  REDEPLOYING_VERBS,
  DEPLOYMENTS,
  RESTORING_FROM_TRASH,
  RESTORING_VERBS,
  RUN_OBJECTS,
  URL_WORDS,
  STATES_IT_MOVES_MONEY,
  VERSION_WORDS,
  HELD_CONTENT,
  FILE_WORDS,
  CONTENT_PROPERTIES,
  KEPT_VERSION_PROPERTIES,
  AUDIT_NOUNS,
  SCHEDULED_WORDS,
  ROUTER,
  RUNNER_NOUNS,
  SETTING_VERBS,
  SETTLED_THINGS,
  STORED_THREADS,
  UNLINKING_VERBS,
  PAIRINGS,
  PLAIN_VERBS,
  CACHES,
  VIEW_NOUNS,
  SUBMITTED_RECORDS,
  WEBHOOKS,
  MONEY_DATA_NOUNS,
  MONEY_ONLY_VERBS,
  VERBS,
  TRANSLATED_PHRASES,
  TRANSLATIONS,
  WEIGHTS,
  type VerbClass,
} from './rules.ts';
import { isObject } from '#src/model/object.ts';

/** What the classifier needs: the tool's name and the definition as its server declares it. */
export interface ClassifyInput {
  name: string;
  definition: ToolDefinition;
  /** The names of every tool the same server lists (this one included), when known. */
  siblings?: readonly string[];
}

/** Longest quote kept in one evidence item; the schema allows 2000, a page needs far less. */
const MAX_QUOTE = 300;

const CJK_VERB_WORDS = Object.keys(CJK_VERBS).join('|');
// Korean words of CJK_VERBS are verbs only before a form of 하다 or 주다: at the start of a clause they are nouns (저장된 기억, "stored memories").
const CJK_LEADING_VERB_WORDS = Object.keys(CJK_VERBS)
  .filter((w) => !/\p{Script=Hangul}/u.test(w))
  .join('|');
// A verb at the start of a clause (Chinese), or before a form of する (Japanese), or of 하다 or 주다 (Korean).
const CJK_VERB = new RegExp(
  `(^|[\\s\\p{P}])(${CJK_LEADING_VERB_WORDS})|(${CJK_VERB_WORDS})(?=[しすさ하합해할한]|でき|주|줍)`,
  'gu',
);
const CJK_NOUN = new RegExp(Object.keys(CJK_NOUNS).join('|'), 'gu');
const CJK_TEXT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
// A Russian word that starts with a known stem (rules.ts, RUSSIAN_STEMS), whatever its ending.
const RUSSIAN_WORD = new RegExp(`(?<!\\p{L})(${Object.keys(RUSSIAN_STEMS).join('|')})\\p{L}*`, 'gu');
// Scripts whose sentences may come down to one word read in English: unspaced ones, and Cyrillic,
// whose words are read by stem alone.
const UNSPACED_OR_UNREAD_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Cyrillic}]/u;

/** Text in another language with its verbs in English (rules.ts, TRANSLATED_PHRASES, CJK_VERBS). */
function translatePhrases(lower: string): string {
  let out = lower;
  for (const [pattern, english] of TRANSLATED_PHRASES) out = out.replace(pattern, english);
  if (CJK_TEXT.test(out)) {
    out = out.replace(
      CJK_VERB,
      (_, before: string | undefined, first: string | undefined, last: string | undefined) =>
        `${before ?? ''} ${CJK_VERBS[(first ?? last) as string]} `,
    );
    out = out.replace(CJK_NOUN, (noun: string) => ` ${CJK_NOUNS[noun]} `);
  }
  if (/\p{Script=Cyrillic}/u.test(out))
    out = out.replace(RUSSIAN_WORD, (_, stem: string) => ` ${RUSSIAN_STEMS[stem]} `);
  return out;
}

/** Splits camelCase, snake_case and kebab-case into lower-case words, compounds joined. */
function words(text: string): string[] {
  // A server's names are read again for each of its tools: each text is split once.
  const known = WORDS_SEEN.get(text);
  if (known) return [...known];
  const out = splitWords(text);
  if (WORDS_SEEN.size >= WORDS_SEEN_LIMIT) WORDS_SEEN.clear();
  WORDS_SEEN.set(text, out);
  return [...out];
}

const WORDS_SEEN = new Map<string, readonly string[]>();
const WORDS_SEEN_LIMIT = 50_000;

/** The work of `words`, done once per text. */
function splitWords(text: string): string[] {
  let lower = text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
  const foreign = /[^ -~\s]/.test(lower);
  if (foreign) lower = translatePhrases(lower);
  const raw = lower
    // A word is a run of Latin letters, accented ones included ("Télécharge" is one word, not "t l charge").
    .split(/[^\p{Script=Latin}0-9]+/u)
    .filter((t) => t !== '')
    .map((t) => TRANSLATIONS.get(foreign ? t.normalize('NFD').replace(/\p{M}/gu, '') : t) ?? t);
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const pair = `${raw[i]} ${raw[i + 1]}`;
    const joined = COMPOUNDS[pair];
    if (joined !== undefined && i + 1 < raw.length) {
      out.push(joined);
      i += 1;
    } else out.push(raw[i] as string);
  }
  return out;
}

/** `getUserByID`, `delete_file`, `gzip-file-as-resource` → lower-case word tokens. */
export function tokenize(text: string): string[] {
  return words(text).filter((t) => !IGNORED_NAME_TOKENS.has(t));
}

const VERB_CLASS = new Map<string, VerbClass>();
for (const cls of ['money', 'destroy', 'send', 'execute', 'write', 'read'] as const) {
  for (const verb of VERBS[cls]) if (!VERB_CLASS.has(verb)) VERB_CLASS.set(verb, cls);
}

/** The word without its inflection: "creates", "created", "creating", "queries" → a known stem. */
function stems(word: string): string[] {
  const out = [word];
  if (word.endsWith('ies')) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) out.push(word.slice(0, -2));
  if (word.endsWith('s')) out.push(word.slice(0, -1));
  if (word.endsWith('ed')) out.push(word.slice(0, -2), word.slice(0, -1));
  if (word.endsWith('ing')) out.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  if (/(.)\1(?:ed|ing)$/.test(word)) out.push(word.replace(/(.)\1(?:ed|ing)$/, '$1'));
  return out;
}

function verbClassOf(word: string): VerbClass | undefined {
  for (const s of stems(word)) {
    const cls = VERB_CLASS.get(s);
    if (cls) return cls;
  }
  return undefined;
}

/** An agent noun at the end of a name names the tool's role: `services-reader` reads, `updater` updates. */
function agentVerbClassOf(word: string): VerbClass | undefined {
  if (!word.endsWith('er') || word.length < 5) return undefined;
  const cls = VERB_CLASS.get(word.slice(0, -2)) ?? VERB_CLASS.get(word.slice(0, -1));
  // The agent of a money verb is a party to a sale (`leave_feedback_for_buyer`), not the tool's role.
  return cls === 'money' ? undefined : cls;
}

/** Whether a text names a money document anywhere (rules.ts, MONEY_OBJECTS). */
function mentionsMoney(text: string): boolean {
  return words(text).some((w) => hasObject([w], MONEY_OBJECTS));
}

function hasObject(objects: readonly string[], set: ReadonlySet<string>): boolean {
  return objects.some((o) => stems(o).some((s) => set.has(s)));
}

/** Articles and the like between a verb and its object ("create a new journal entry"). */
const DETERMINERS = new Set([
  'a',
  'an',
  'the',
  'new',
  'one',
  'or',
  'more',
  'all',
  'any',
  'some',
  'each',
  'existing',
  'specific',
  'given',
  'multiple',
  'of',
  'to',
  'your',
  'its',
  'their',
]);

/** Words that negate the verb after them. */
const NEGATIONS = new Set(['not', 'never', 'dont', 'don', 'cannot', 'no']);

/** How many words after a verb are read as its object. */
const OBJECT_LENGTH = 4;

/** The object of a verb: the few words after it, determiners skipped. */
function objectOf(tokens: readonly string[], length = OBJECT_LENGTH): string[] {
  return tokens.filter((t) => !DETERMINERS.has(t)).slice(0, length);
}

/** How far a light verb's object is read: "Run comprehensive accessibility and design quality checks". */
const LIGHT_OBJECT_LENGTH = 10;

/** What a tool's words are read against: where it acts and what else its server manages. */
interface Context {
  /** The tool acts in a web browser (rules.ts, BROWSER_WORDS). */
  inBrowser: boolean;
  /** Resources the server has tools of their own for (`droplet` for droplet-create), as resourceKey gives them. */
  managed: ReadonlySet<string>;
  /** The server pairs this removing tool with one that adds the same thing (firewall-add-droplets). */
  undoesAdd: boolean;
  /** This tool's name removes (not deletes) what a sibling of the same name with "add" puts in. */
  removesWhatTwinAdds: boolean;
  /** This tool's name undoes what a sibling does: `unprotect_branch` beside `protect_branch`. */
  undoesTwin: boolean;
  /** A sibling named alike but for "update" or "edit" changes what this tool's name deletes: it has content. */
  editedByTwin: boolean;
  /** The resource this tool's own name is about (resourceKey of its words, the prefix set aside). */
  ownResource: string;
  /** The name's words other than verbs: what a description's verb acts on when its sentence names nothing. */
  nameObject: readonly string[];
  /** The name's words, the server's shared prefix set aside. */
  ownName: readonly string[];
  /** The input schema takes a command to run as free-form text (rules.ts, COMMAND_PROPERTIES). */
  takesCommand: boolean;
  /** The input schema takes a web address (rules.ts, URL_WORDS). */
  takesUrl: boolean;
}

const NO_CONTEXT: Context = {
  inBrowser: false,
  managed: new Set(),
  undoesAdd: false,
  removesWhatTwinAdds: false,
  undoesTwin: false,
  editedByTwin: false,
  ownResource: '',
  nameObject: [],
  ownName: [],
  takesCommand: false,
  takesUrl: false,
};

/**
 * A sentence that sends the agent to other tools ("choose a get or list tool first when you need to
 * inspect state without changing it", "use `create_issue_note` to add discussion without changing
 * issue fields", whose quoted name is gone by then) says what those tools do, not this one.
 */
const OTHER_TOOL_ADVICE =
  /\b(?:get|list|read|other|another|different|separate)\b(?:\s+or\s+\w+)?\s+tools?\b|\buse\s+(?!this\b|it\b)(?:for|to|when|instead)\b/i;

/** Signals that read a removal as one that can be undone: they outweigh a destructiveHint. */
const UNDOABLE_REMOVALS = new Set([
  'verb:remove+mark',
  'verb:remove-from',
  'verb:remove+add-twin',
  'verb:remove+pairing',
  'verb:undo-twin',
  'phrase:reset-to-default',
  'verb:clear+state',
  'verb:end+session',
  'phrase:to-trash-with-restore',
  'phrase:deletes-by-archiving',
]);

/** Prepositions that start a modifier of the object: what follows is not what the verb acts on. */
const MODIFIER_PREPOSITIONS = new Set(['for', 'on', 'in', 'within', 'with', 'about', 'by', 'under', 'per']);

/** A noun without a plural "s" ("droplets" → droplet, "address" stays). */
function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** Verbs that edit a thing in place: a sibling named with one says the thing has content to edit. */
const EDITING_VERBS = ['update', 'edit', 'modify', 'patch'];

/** Verbs that put back what an unlinking verb takes out. */
const LINKING_VERBS = ['add', 'assign', 'attach'];

/** A name's words, each singular: `add_cycle_issues` and `add_cycle_issue` are the same name. */
const nameKey = (tokens: readonly string[]) => tokens.map(singular).join(' ');

/** Each server's names, tokenized and keyed once, not once per tool (a server may list hundreds). */
interface Names {
  /** For each word, how many of the names use it. */
  words: ReadonlyMap<string, number>;
  keys: ReadonlySet<string>;
}
const siblingNames = new WeakMap<readonly string[], Names>();

function namesOf(siblings: readonly string[]): Names {
  const cached = siblingNames.get(siblings);
  if (cached) return cached;
  const tokenized = siblings.map(tokenize);
  const words = new Map<string, number>();
  for (const word of tokenized.flatMap((ts) => [...new Set(ts)])) words.set(word, (words.get(word) ?? 0) + 1);
  const out = { words, keys: new Set(tokenized.map(nameKey)) };
  siblingNames.set(siblings, out);
  return out;
}

/**
 * Whether a sibling is this name with its verb (the first word `isVerb` accepts) replaced by one of
 * `twins`: `firewall-add-droplets` for `firewall-remove-droplets`.
 */
function hasTwin(
  name: string,
  siblings: readonly string[],
  isVerb: (stem: string) => boolean,
  twins: readonly string[],
): boolean {
  const tokens = tokenize(name);
  const at = tokens.findIndex((t) => stems(t).some(isVerb));
  if (at === -1) return false;
  const { keys } = namesOf(siblings);
  return twins.some((v) => keys.has(nameKey(tokens.with(at, v))));
}

/** Whether a sibling is this name with its unlinking verb (or "delete") replaced by a linking one. */
function undoesAdd(name: string, siblings: readonly string[]): boolean {
  return hasTwin(name, siblings, (v) => UNLINKING_VERBS.has(v) || v === 'delete', LINKING_VERBS);
}

/**
 * Whether the name removes with an unlinking verb what a sibling named alike but for "add" puts in
 * (`firewall-remove-rules` beside `firewall-add-rules`, `remove_label` beside `add_label`): what the
 * caller removes is what the twin takes, so it can be put back. "delete" is not such a verb:
 * `delete_comment` beside `add_comment` deletes what only the twin could make anew.
 */
function removesWhatTwinAdds(name: string, siblings: readonly string[]): boolean {
  return hasTwin(name, siblings, (v) => UNLINKING_VERBS.has(v), ['add']);
}

/**
 * Whether the name is "un" and a word a sibling is named with (`unprotect_branch` beside
 * `protect_branch`, `ungroupAllRows` beside `groupRows`): it takes back what the sibling does, and
 * the sibling can do it again. Verbs of deleting that start with "un" (uninstall, unregister) are
 * not such words.
 */
function undoesTwin(name: string, siblings: readonly string[]): boolean {
  const tokens = tokenize(name);
  const at = tokens.findIndex((t) => t.length > 4 && t.startsWith('un') && verbClassOf(t) !== 'destroy');
  // After the name's verb an "un" word qualifies its object (`delete_unofficial_mirror`): it undoes nothing.
  if (at === -1 || tokens.slice(0, at).some((t) => verbClassOf(t) !== undefined)) return false;
  const undo = tokens[at] as string;
  const done = undo.slice(2);
  // Another name must use the word: this one may too (`unprotect_protected` is not its own twin).
  return (namesOf(siblings).words.get(done) ?? 0) > (tokens.includes(done) ? 1 : 0);
}

/** A resource named by some words: verbs left out, each word singular ("Droplets" → droplet). */
function resourceKey(tokens: readonly string[]): string {
  return tokens
    .filter((t) => !DETERMINERS.has(t) && verbClassOf(t) === undefined)
    .map(singular)
    .join(' ');
}

const managedCache = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The resources a server's tool names are about: `droplet-create` and `droplet-get` manage droplets. */
function managedResources(siblings: readonly string[], prefix: readonly string[]): ReadonlySet<string> {
  const cached = managedCache.get(siblings);
  if (cached) return cached;
  const out = new Set<string>();
  for (const sibling of siblings) {
    const own = withoutPrefix(tokenize(sibling), prefix);
    const key = resourceKey(own);
    if (key !== '' && own.some((t) => verbClassOf(t) !== undefined)) out.add(key);
  }
  managedCache.set(siblings, out);
  return out;
}

/**
 * Whether the money word at `i` is a noun: it leads a noun phrase about money ("order history",
 * `invoice_details`; rules.ts, MONEY_DATA_NOUNS), or it is a whole name in the plural (`charges`).
 */
function moneyNoun(tokens: readonly string[], i: number): boolean {
  const word = tokens[i] as string;
  if (verbClassOf(word) !== 'money' && !hasObject([word], MONEY_OBJECTS)) return false;
  if (tokens.length === 1) return /[^s]s$/.test(word) && !VERB_CLASS.has(word);
  return MONEY_DATA_NOUNS.has(tokens[i + 1] ?? '');
}

/** Words that end the noun phrase a verb acts on ("evidence to a payment dispute" is evidence). */
const PHRASE_ENDS = new Set([...MODIFIER_PREPOSITIONS, 'to', 'of', 'from', 'into', 'at']);

/**
 * Whether an object names money: a money word the verb acts on, unless the phrase's head is a
 * setting or a record about money (`create_payment_policy`, `add_payment_dispute_evidence`, rules.ts,
 * NON_MONEY_HEADS) or the money word is a subscription to notices (`create_notification_subscription`,
 * rules.ts, NOTICE_WORDS) or a draft of one (`create-draft-order`).
 */
function namesMoney(objects: readonly string[]): boolean {
  const end = objects.findIndex((o) => PHRASE_ENDS.has(o));
  const head = (end === -1 ? objects : objects.slice(0, end)).at(-1);
  if (head !== undefined && stems(head).some((s) => NON_MONEY_HEADS.has(s))) return false;
  return objects.some((o, i) => {
    if (!stems(o).some((s) => MONEY_OBJECTS.has(s))) return false;
    const before = i > 0 ? stems(objects[i - 1] as string) : [];
    // A draft order or invoice bills nobody until it is completed or sent (rules.ts, DRAFT_OBJECTS).
    if (before.some((s) => DRAFT_OBJECTS.has(s))) return false;
    return !(singular(o) === 'subscription' && before.some((s) => NOTICE_WORDS.has(s)));
  });
}

/** The property naming a saved query to run, when the tool takes no query text of its own (rules.ts, SAVED_QUERY_ID). */
function savedQueryId(inputSchema: ToolDefinition['inputSchema']): string | undefined {
  const names = Object.keys(propertiesOf(inputSchema));
  return names.some((n) => QUERY_TEXT_PROPERTY.test(n)) ? undefined : names.find((n) => SAVED_QUERY_ID.test(n));
}

/**
 * A verb composed with its object: a change to a money object is Financial, a read of one is Read;
 * creating a job or a run starts it; a light verb ("perform", "run") on a noun of reading reads.
 */
function compose(
  cls: VerbClass,
  verb: string,
  objects: readonly string[],
  context: Context = NO_CONTEXT,
  /** The longer run of words a light verb's object is read from, when known. */
  phrase: readonly string[] = objects,
): { category: Category; signal: string } {
  // The money object is the verb's own object, not one named after a preposition ("a fulfilment for an order").
  const stop = objects.findIndex((o) => MODIFIER_PREPOSITIONS.has(o));
  const money = namesMoney(stop === -1 ? objects : objects.slice(0, stop));
  const verbStems = stems(verb);
  if (context.inBrowser && verbStems.some((v) => BROWSER_ACTIONS.has(v)))
    return { category: 'Execute', signal: 'verb:browser-action' };
  if (cls === 'destroy' && context.removesWhatTwinAdds && verbStems.some((v) => UNLINKING_VERBS.has(v)))
    return { category: 'Write', signal: 'verb:remove+add-twin' };
  if (cls === 'destroy' && context.undoesTwin) return { category: 'Write', signal: 'verb:undo-twin' };
  if (cls === 'destroy' && verbStems.some((v) => UNLINKING_VERBS.has(v)) && objects.includes('from')) {
    const removed = resourceKey(objects.slice(0, objects.indexOf('from')));
    if (removed !== '' && context.undoesAdd && context.managed.has(removed))
      return { category: 'Write', signal: 'verb:remove-from' };
  }
  // A name that pairs two things, such as `delete_cycle_issue` beside `add_cycle_issues`, or
  // `remove_member_from_card` (names drop the "from") beside `assign_member_to_card`: the server
  // both makes and takes away that pairing, and its last word is a thing the server has tools of
  // its own for, so taking the pairing away unlinks. `delete_checklist_item` beside
  // `add_checklist_item` still deletes: an item is not a thing of its own there.
  if (
    cls === 'destroy' &&
    context.undoesAdd &&
    !objects.includes('from') &&
    objects.length >= 2 &&
    context.managed.has(resourceKey(objects.slice(-1)))
  )
    return { category: 'Write', signal: 'verb:remove-from' };
  if (LIGHT_VERBS.has(verb) || verbStems.some((v) => LIGHT_VERBS.has(v))) {
    const head = objects.slice(0, 3);
    // The noun the phrase ends on, before its first preposition, names what is run: "run
    // comprehensive accessibility (WCAG 2.2) and design quality checks on the current page".
    const end = phrase.findIndex((o) => PHRASE_ENDS.has(o));
    const last = end === -1 ? undefined : phrase[end - 1];
    const isReadNoun = (o: string) =>
      READ_NOUNS.has(o) || stems(o).some((x) => READ_NOUNS.has(x)) || (!context.takesUrl && AUDIT_NOUNS.has(o));
    if (
      !hasObject(phrase.slice(0, Math.max(end, 3)), CODE_OBJECTS) &&
      (head.some(isReadNoun) || (last !== undefined && isReadNoun(last)))
    )
      return { category: 'Read', signal: 'verb:light+read-noun' };
  }
  // Ending a session loses nothing stored, whether the verb is "close", "stop" or "terminate".
  if (
    (cls === 'write' || cls === 'destroy') &&
    verbStems.some((v) => SESSION_ENDING_VERBS.has(v)) &&
    hasObject(objects.slice(0, 4), SESSIONS)
  )
    return { category: 'Write', signal: 'verb:end+session' };
  if (verbStems.some((v) => MOVING_VERBS.has(v)) && hasObject(objects, WALLET_ASSETS))
    return { category: 'Financial', signal: 'verb:move+wallet-asset' };
  if (verbStems.some((v) => BOOKING_VERBS.has(v)) && hasObject(objects.slice(0, 3), PAID_BOOKINGS))
    return { category: 'Financial', signal: 'verb:book+travel' };
  if (
    cls !== 'read' &&
    verbStems.some((v) => ACTUATING_VERBS.has(v)) &&
    // "Set a dynamic effect on a light": an effect played on a live output counts as the output.
    (hasObject(objects.slice(0, 3), LIVE_OUTPUTS) ||
      (hasObject(objects.slice(0, 3), PLAYED_THINGS) && hasObject(objects, LIVE_OUTPUTS))) &&
    !hasObject(objects.slice(0, 4), DEVICE_SETTINGS)
  )
    return { category: 'Execute', signal: 'verb:actuate-device' };
  if (verbStems.some((v) => TIMING_VERBS.has(v)) && hasObject(objects.slice(0, 3), TIMERS))
    return { category: 'Write', signal: 'verb:track-time' };
  if (verbStems.some((v) => PLAYING_VERBS.has(v)) && hasObject(objects.slice(0, 3), PLAYED_THINGS))
    return { category: 'Execute', signal: 'verb:play' };
  switch (cls) {
    case 'read':
      // "Convert a quote to an invoice" issues the invoice: what a record is converted into is made.
      if (verbStems.includes('convert') && objects.length >= 2) {
        const to = objects.findIndex((o) => o === 'to' || o === 'into');
        const target = to === -1 ? objects.slice(-1) : objects.slice(to + 1, to + 3);
        if (to !== 0 && namesMoney(target)) return { category: 'Financial', signal: 'verb:convert+money-object' };
      }
      if (verbStems.includes('load') && objects.slice(0, 8).some((o) => PLACING_PREPOSITIONS.has(o)))
        return { category: 'Write', signal: 'verb:load+into' };
      if (verbStems.includes('format') && hasObject(objects.slice(0, 4), FORMATTED_PARTS))
        return { category: 'Write', signal: 'verb:format+document-part' };
      if (verbStems.includes('resolve') && hasObject(objects.slice(0, 3), SETTLED_THINGS))
        return { category: 'Write', signal: 'verb:resolve+thread' };
      // Converting a record the server manages (a pull request to a draft, an image to a snapshot)
      // changes it; converting a date, a unit or a text the caller passes hands back the result.
      if (verbStems.includes('convert')) {
        const to = objects.findIndex((o) => o === 'to' || o === 'into');
        const converted = resourceKey(to === -1 ? objects : objects.slice(0, to));
        // Another tool must manage it: every name manages what it is about, this one included.
        const managed = [...context.managed].filter((m) => m !== context.ownResource);
        if (converted !== '' && managed.some((m) => converted === m || converted.endsWith(` ${m}`)))
          return { category: 'Write', signal: 'verb:convert+managed-resource' };
      }
      if (verbStems.includes('query') && hasObject(objects, CODE_OBJECTS))
        return { category: 'Execute', signal: 'verb:query+code-object' };
      if (money && verbStems.some((v) => MONEY_ONLY_VERBS.has(v)))
        return { category: 'Financial', signal: 'verb:capture+money-object' };
      if (verbStems.includes('ping') && hasObject(objects.slice(0, 3), WEBHOOKS))
        return { category: 'Execute', signal: 'verb:ping+webhook' };
      if (verbStems.includes('extract') && hasObject(objects.slice(0, 3), ARCHIVES))
        return { category: 'Write', signal: 'verb:extract+archive' };
      return { category: 'Read', signal: 'verb:read' };
    case 'money':
      // Withdrawing an offer, an application or a consent takes it back; only withdrawing money pays out.
      if (verbStems.includes('withdraw') && objects.length > 0 && !money)
        return { category: 'Write', signal: 'verb:withdraw+non-money' };
      return { category: 'Financial', signal: 'verb:money' };
    case 'write':
      if (
        verbStems.includes('subscribe') &&
        hasObject(objects.slice(0, 4), STREAMED) &&
        !hasObject(objects.slice(0, 6), STORED_SUBSCRIPTIONS)
      )
        return { category: 'Read', signal: 'verb:subscribe+stream' };
      if (verbStems.some((v) => COMPOSING_VERBS.has(v)) && hasObject(objects, GENERATED_TEXT))
        return { category: 'Read', signal: 'verb:generate+text' };
      if (verbStems.some((v) => COMPOSING_VERBS.has(v)) && hasObject(objects.slice(0, 2), GENERATED_MEDIA))
        return { category: 'Execute', signal: 'verb:generate+media' };
      if (verbStems.some((v) => REDEPLOYING_VERBS.has(v)) && hasObject(objects.slice(0, 4), DEPLOYMENTS))
        return { category: 'Execute', signal: 'verb:redeploy' };
      if (verbStems.some((v) => RESTORING_VERBS.has(v)) && hasObject(objects, RESTORE_SOURCES))
        return { category: 'Destructive', signal: 'verb:restore-from-backup' };
      if (money) return { category: 'Financial', signal: 'verb:write+money-object' };
      if (verbStems.includes('accept') && hasObject(objects.slice(0, 3), DISPUTES))
        return { category: 'Financial', signal: 'verb:accept+dispute' };
      if (verbStems.some((v) => SETTING_VERBS.has(v)) && hasObject(objects.slice(0, 3), REPLACED_SECRETS))
        return { category: 'Destructive', signal: 'verb:set+secret' };
      if (verbStems.some((v) => POWER_VERBS.has(v))) {
        // Stopping acts on the thing it names ("stop an online migration of a cluster" stops the
        // migration); upgrading "the version of a cluster" upgrades the cluster.
        const of = objects.findIndex((o) => o === 'of' || o === 'from' || MODIFIER_PREPOSITIONS.has(o));
        const named = verbStems.includes('upgrade') || of === -1 ? objects.slice(0, 4) : objects.slice(0, of);
        if (hasObject(named, RUNNING_SYSTEMS)) return { category: 'Execute', signal: 'verb:power+running-system' };
      }
      if (verbStems.some((v) => INSTALLING_VERBS.has(v)) && hasObject(objects.slice(0, 3), RUNNABLE_SOFTWARE))
        return { category: 'Execute', signal: 'verb:install+software' };
      // Scheduling an email sends it later, with no one to approve it then.
      if (verbStems.includes('schedule') && hasObject(objects.slice(0, 3), MESSAGE_OBJECTS))
        return { category: 'Execute', signal: 'verb:schedule+message' };
      if (
        verbStems.some((v) => v === 'post' || v === 'publish' || v === 'produce') &&
        hasObject(objects, MESSAGE_OBJECTS)
      )
        return { category: 'Execute', signal: 'verb:send' };
      if (
        context.takesCommand &&
        verbStems.some((v) => v === 'create' || v === 'add' || v === 'new') &&
        hasObject(objects.slice(0, 3), SCHEDULED_RUNS)
      )
        return { category: 'Execute', signal: 'verb:schedule+command' };
      // "Make authenticated HTTP requests to any API" sends them: the request is the action.
      if (
        verbStems.includes('make') &&
        objects.slice(0, 5).some((o) => REQUEST_WORDS.has(o)) &&
        objects.slice(0, 5).some((o) => ['request', 'call'].includes(singular(o)))
      )
        return { category: 'Execute', signal: 'verb:make+request' };
      // A scheduled job runs later, on its schedule: creating one stores its definition.
      if (
        verbStems.some((v) => v === 'create' || v === 'new') &&
        hasObject(objects.slice(0, 3), RUN_OBJECTS) &&
        !objects.slice(0, 3).some((o) => SCHEDULED_WORDS.has(o))
      )
        return { category: 'Execute', signal: 'verb:create+run-object' };
      // "Add a new job to the queue" enqueues it for the workers; "add a log entry to a job" writes to one.
      if (
        verbStems.includes('add') &&
        RUN_OBJECTS.has(singular(objects[0] ?? '')) &&
        objects.some((o) => singular(o) === 'queue')
      )
        return { category: 'Execute', signal: 'verb:add+job-to-queue' };
      return { category: 'Write', signal: 'verb:write' };
    case 'send':
      if (money) return { category: 'Financial', signal: 'verb:send+money-object' };
      // "A message thread" is a chat's, whose replies are sent; "a comment thread" stores them.
      if (verbStems.includes('reply')) {
        const head = objects.slice(0, 3).find((o) => hasObject([o], STORED_THREADS) || hasObject([o], MESSAGE_OBJECTS));
        if (head !== undefined && hasObject([head], STORED_THREADS))
          return { category: 'Write', signal: 'verb:reply+comment' };
      }
      return { category: 'Execute', signal: 'verb:send' };
    case 'execute':
      if (money) return { category: 'Financial', signal: 'verb:execute+money-object' };
      if (verbStems.includes('submit') && hasObject(objects.slice(0, 3), SUBMITTED_RECORDS))
        return { category: 'Write', signal: 'verb:submit+record' };
      if (hasObject(objects.slice(0, 3), DELETION_NOUNS))
        return { category: 'Destructive', signal: 'verb:run+deletion' };
      // Building a profile, a payload or a context composes it; building an image or a job runs a build.
      if (verbStems.includes('build') && hasObject(objects.slice(0, 4), BUILT_DATA)) {
        const composed = compose('write', 'generate', objects, context, phrase);
        return { category: composed.category, signal: 'verb:build+composed' };
      }
      return { category: 'Execute', signal: 'verb:execute' };
    case 'destroy': {
      if (money && verbStems.some((v) => MONEY_ONLY_VERBS.has(v)))
        return { category: 'Financial', signal: 'verb:void+money-object' };
      // A mark the server also lets one edit (`update-bookmark` beside `delete-bookmark`) holds content of its own.
      if (hasObject(objects.slice(0, 4), MARKS) && !context.editedByTwin)
        return { category: 'Write', signal: 'verb:remove+mark' };
      // The noun phrase the verb acts on ends where "from", "between" or a modifier begins; its last
      // word names the thing ("a VPC peering connection" is a peering).
      const end = objects.findIndex((o) => o === 'from' || o === 'between' || MODIFIER_PREPOSITIONS.has(o));
      const phrase = (end === -1 ? objects : objects.slice(0, end)).map(singular);
      const head = phrase.at(-1) === 'connection' && phrase.length >= 2 ? phrase.at(-2) : phrase.at(-1);
      if (head && PAIRINGS.has(head) && (head !== 'link' || phrase.length >= 2))
        return { category: 'Write', signal: 'verb:remove+pairing' };
      // A member taken out of a group, or a role or a tag taken off its holder (rules.ts, MEMBER_WORDS).
      const from = objects.indexOf('from');
      const group = from === -1 ? phrase.slice(0, -1) : objects.slice(from + 1, from + 4).map(singular);
      if (head && MEMBER_WORDS.has(head) && group.some((w) => MEMBER_GROUPS.has(w)))
        return { category: 'Write', signal: 'verb:remove+membership' };
      // Names drop the "from": `remove_tag_from_task` reads "remove tag task".
      const held = from !== -1 ? head : objects.length >= 2 ? singular(objects[0] as string) : undefined;
      if (held && HELD_MARKS.has(held) && verbStems.some((v) => UNLINKING_VERBS.has(v)))
        return { category: 'Write', signal: 'verb:remove+membership' };
      if (verbStems.includes('rotate') && objects.length > 0 && !hasObject(objects.slice(0, 4), ROTATED_SECRETS))
        return { category: 'Write', signal: 'verb:rotate+shape' };
      if (hasObject(objects.slice(0, 3), CACHES)) return { category: 'Write', signal: 'verb:clear+state' };
      if (verbStems.some((v) => RESETTING_VERBS.has(v)) && hasObject(objects.slice(0, 4), CLEARABLE_STATE))
        return { category: 'Write', signal: 'verb:clear+state' };
      return { category: 'Destructive', signal: 'verb:destroy' };
    }
  }
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_QUOTE ? `${flat.slice(0, MAX_QUOTE - 1)}…` : flat;
}

interface Scored extends Evidence {
  weight: number;
  /** Strong evidence (a name or first-sentence verb) may decide alone; weak evidence may not. */
  strong: boolean;
}

/**
 * The prefix every tool of the server shares (`comfy_`, `browser_`), as words. Verbs are never
 * part of it: a server whose every tool starts with `get_` keeps its verbs.
 */
function sharedPrefix(siblings: readonly string[] | undefined): string[] {
  if (!siblings || siblings.length < 2) return [];
  const lists = siblings.map(words);
  // A large server may name a few tools without its prefix (`search` and `fetch` beside 297
  // `ebay_…` tools): one name in fifty may lack it.
  const needed = lists.length - Math.floor(lists.length / 50);
  const prefix: string[] = [];
  for (let i = 0; ; i++) {
    const counts = new Map<string, number>();
    for (const l of lists)
      if (l.length > i + 1 && prefix.every((p, k) => l[k] === p))
        counts.set(l[i] as string, (counts.get(l[i] as string) ?? 0) + 1);
    const word = [...counts].find(([, n]) => n >= needed)?.[0];
    if (word === undefined || verbClassOf(word)) return prefix;
    prefix.push(word);
  }
}

/** A name's words without the server's shared prefix; a name that is nothing but the prefix is kept whole. */
function withoutPrefix(tokens: string[], prefix: readonly string[]): string[] {
  return prefix.length > 0 && tokens.length > prefix.length && prefix.every((p, k) => tokens[k] === p)
    ? tokens.slice(prefix.length)
    : tokens;
}

/** How many of the server's tool names contain each word: verbs recur across resources. */
function wordCounts(siblings: readonly string[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sibling of siblings) for (const w of new Set(sibling)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/**
 * The verb of a name, found by structure: with the server's shared prefix removed, the verb is the
 * word at the start or, failing that, at the end (`file_delete`); a verb-like word in between is
 * part of the object (`get_merge_request`, `list_payment_intents`). When a name has more than one
 * verb-like word and the server names its tools by resource first (`functions-get-trigger`,
 * `genai-model-eval-get-run`), the verb is the one that recurs across the server's names, the way
 * verbs do, rather than the resource noun that happens to look like a verb.
 */
function nameEvidence(
  name: string,
  prefix: readonly string[],
  siblings: readonly string[],
  source: 'name' | 'title',
  weight: number,
  context: Context = NO_CONTEXT,
): Scored[] {
  const siblingTokens = siblings.map((s) => withoutPrefix(tokenize(s), prefix));
  const counts = wordCounts(siblingTokens);
  const own = withoutPrefix(tokenize(name), prefix);
  // A server that groups its tools under product names (`bugsnag_get_release`, `zephyr_create_…`)
  // names each group verb first after its product word: the group's word is set aside like a prefix.
  const group = own.length > 2 && verbClassOf(own[0] as string) === undefined ? own[0] : undefined;
  const members = group === undefined ? [] : siblingTokens.filter((t) => t[0] === group && t.length > 1);
  // A resource-first server (`domain-create`, `domain-record-get`) has names that are the group word
  // and a verb alone: there the first word is the resource, not a product.
  const groupVerbFirst =
    members.length >= 3 &&
    members.every((t) => t.length > 2) &&
    members.filter((t) => VERB_CLASS.has(t[1] as string)).length >= members.length * 0.6;
  // "firewall-remove-droplets" still reads "remove droplets from the firewall".
  const tokens =
    groupVerbFirst && VERB_CLASS.has(own[1] as string) && !UNLINKING_VERBS.has(own[1] as string) ? own.slice(1) : own;
  if (tokens.length === 0) return [];
  const grouped = tokens !== own;
  const last = tokens.length - 1;
  // A plural at the end of a longer name is its object (`kpi_orders`), not a verb in the third person.
  const pluralNoun = (i: number) =>
    i === last && i > 0 && /[^s]s$/.test(tokens[i] as string) && !VERB_CLASS.has(tokens[i] as string);
  // A money word leading a name that ends on a view of data names what the view shows
  // (`order_breakdown` charts orders; it places none): there it is a noun.
  const viewOf = (i: number) =>
    (i === 0 && last > 0 && VIEW_NOUNS.has(tokens[last] as string) && verbClassOf(tokens[0] as string) === 'money') ||
    moneyNoun(tokens, i);
  const classOf = (i: number): VerbClass | undefined =>
    pluralNoun(i) || viewOf(i) || (i > 0 && LEADING_ONLY_VERBS.has(tokens[i] as string))
      ? undefined
      : (verbClassOf(tokens[i] as string) ?? (i === last ? agentVerbClassOf(tokens[i] as string) : undefined));
  const at = (i: number, w: number): Scored[] => {
    const verb = tokens[i] as string;
    // The object is what follows the verb, or, in a resource-first name, what precedes it.
    const after = tokens.slice(i + 1);
    // A resource-first name with its object after the verb (`firewall-remove-droplets`) reads as
    // "remove droplets from the firewall".
    const unlinking = stems(verb).some((v) => UNLINKING_VERBS.has(v));
    const object =
      unlinking && after.length > 0 && i > 0
        ? [...objectOf(after), 'from', ...tokens.slice(0, i)]
        : objectOf(after.length > 0 ? after : tokens.slice(0, i));
    const { category, signal } = compose(classOf(i) as VerbClass, verb, object, context);
    return [{ source, signal, text: clip(name), suggests: category, weight: w, strong: true }];
  };
  if (grouped && classOf(0) !== undefined) return at(0, weight);
  const candidates = tokens.map((_, i) => i).filter((i) => classOf(i) !== undefined);
  const atEnds = candidates.filter((i) => i === 0 || i === last);
  // A server that names its tools verb first (get_issue, create_issue) keeps the first word as the verb.
  const verbFirst =
    siblingTokens.length > 1 &&
    siblingTokens.filter((t) => t.length > 0 && verbClassOf(t[0] as string) !== undefined).length >=
      siblingTokens.length * 0.6;
  // The verb is the word that varies across the server's names for the same resource
  // (functions-create-trigger, functions-get-trigger, functions-delete-trigger): count the
  // siblings equal to this name but for a different verb-like word in that place.
  const varies = (i: number) =>
    siblingTokens.filter(
      (other) =>
        other.length === tokens.length &&
        other[i] !== tokens[i] &&
        (verbClassOf(other[i] as string) ?? (i === last ? agentVerbClassOf(other[i] as string) : undefined)) !==
          undefined &&
        other.every((w, j) => j === i || w === tokens[j]),
    ).length;
  // A server that names most tools verb first still names a family resource first when the
  // family's names vary in another place (monitor_create, monitor_list, monitor_delete).
  // Such a family is three or more names alike but for one later word, nearly all of those words bare
  // verbs: `get_pull_request_comments` beside `…_reviews`, or `create_transfer` beside
  // `create_invoice` and `create_customer`, name no verb at their end.
  const familyOfVerbs = (i: number) => {
    const family = new Set(
      siblingTokens
        .filter((other) => other.length === tokens.length && other.every((w, j) => j === i || w === tokens[j]))
        .map((other) => other[i] as string),
    );
    const bare = [...family].filter((w) => VERB_CLASS.has(w));
    // Verbs that are never nouns must be among them: `get_commit`, `get_build`, `get_release` vary
    // in words that are nouns as often as verbs, and their constant word is the verb.
    const plain = [...family].filter((w) => PLAIN_VERBS.has(w));
    return (
      VERB_CLASS.has(tokens[i] as string) && family.size >= 3 && bare.length >= family.size * 0.75 && plain.length >= 2
    );
  };
  const variesElsewhere = candidates.some((i) => i !== 0 && familyOfVerbs(i)) && varies(0) === 0;
  if (verbFirst && candidates[0] === 0 && !variesElsewhere) return at(0, weight);
  // A verb that is never a noun (rules.ts, PLAIN_VERBS) at the start of a name is its verb, however many
  // names share a later word: `find_invoice` on a server whose every name speaks of invoices.
  if (candidates[0] === 0 && PLAIN_VERBS.has(tokens[0] as string) && !variesElsewhere) return at(0, weight);
  if (candidates.length > 1 && siblingTokens.length > 1) {
    // Ties go to the word more names share, then to the start, then the end.
    const rank = (i: number) =>
      varies(i) * 10_000 + (counts.get(tokens[i] as string) ?? 0) * 4 + (i === 0 ? 2 : i === last ? 1 : 0);
    const best = candidates.reduce((a, b) => (rank(b) > rank(a) ? b : a));
    return at(best, atEnds.includes(best) || tokens.length <= 2 ? weight : Math.min(weight, WEIGHTS.innerName + 1));
  }
  if (atEnds.length > 0) return at(atEnds[0] as number, weight);
  if (candidates.length > 0) return at(candidates[0] as number, Math.min(weight, WEIGHTS.innerName));
  const runner = tokens.find((t) => RUNNER_NOUNS.has(t));
  if (runner)
    return [
      {
        source,
        signal: 'noun:runs-code',
        text: clip(name),
        suggests: 'Execute',
        weight: Math.min(weight, WEIGHTS.innerName),
        strong: true,
      },
    ];
  return [];
}

/** Removes quoted identifiers (other tools' names, code spans) so they do not count as this tool's words. */
function withoutIdentifiers(text: string, siblings: readonly string[]): string {
  let out = text.replace(/`[^`\n]*`/g, ' ');
  // A sibling named by one plain word (`monitor`, `search`) is removed only where it is quoted:
  // elsewhere it is an ordinary word of the sentence. No name is removed from inside a longer word.
  for (const s of siblings) {
    if (s.length <= 2) continue;
    const name = s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const quoted = /^[a-z]+$/.test(s);
    const pattern = quoted ? `(['"])${name}\\1` : `(?<![\\w-])${name}(?![\\w-])`;
    out = out.replace(new RegExp(pattern, 'g'), ' ');
  }
  // "POST /api/1/receipts" names the endpoint a tool calls; its method is not the sentence's verb.
  out = out.replace(/\b(?:GET|HEAD|POST|PUT|PATCH|DELETE)\s+\/[^\s、。，)]*/g, ' ');
  return out.replace(/\b[A-Za-z]+(?:_[A-Za-z0-9]+)+\b/g, ' ');
}

/** Usage advice to the agent ("Always call this before …") says when to call a tool, not what it does. */
const ADVICE =
  /^(?:(?:always|must|you must|please|first)\s+)?(?:call|use|invoke)\s+(?:(?:this|it)(?!\s+(?:tool\s+)?to\s)|when|before|after|whenever|first|for|if)\b|^(?:always|never|must)\b|^start\s+here\b|^run\s+this\s+tool\s+(?:first|before|after|when|whenever|if)\b/i;
/** A heading such as "Purpose:" or "Data Modification Warning:" before the sentence proper. */
const HEADING = /^(?:[^\p{L}\p{N}]*\p{L}+(?: \p{L}+){0,2}:\s*(?:\d+\.\s*)?)+/u;

/**
 * The description's first sentence, and the rest. Headings, numbered-list markers and usage
 * advice to the agent are skipped, so the first sentence is the first one that says what the tool
 * does. A line break inside a sentence does not end it.
 */
function splitFirstSentence(text: string): { first: string; rest: string } {
  const sentences = text
    .trim()
    .split(/(?<=[.!?])\s+(?=[^a-z\s])|(?<=[。！？])\s*|\n\s*\n|\n\s*(?=[-*•]|\d+\.\s)/u)
    .map((t) =>
      t
        .replace(HEADING, '')
        .replace(/^[\s\-*•]+|^\d+\.\s*/u, '')
        .trim(),
    )
    .filter((t) => /\p{L}{2,}/u.test(t));
  // A sentence in Chinese, Japanese, Korean or Russian may come down to a single word read in English (its verb).
  const index = sentences.findIndex(
    (t) => !ADVICE.test(t) && words(t).length >= (UNSPACED_OR_UNREAD_SCRIPT.test(t) ? 1 : 2),
  );
  if (index === -1) return { first: '', rest: sentences.join(' ') };
  return { first: sentences[index] as string, rest: sentences.filter((_, i) => i !== index).join(' ') };
}

/**
 * The first sentence of the description read like a name: its leading verb (after "This tool
 * lets you …" and the like) composed with the words that follow it. A second verb joined to it
 * ("creates or overwrites") adds a lesser weight.
 */
function firstSentenceEvidence(first: string, cleaned: string, context: Context = NO_CONTEXT): Scored[] {
  const tokens = words(cleaned);
  let i = 0;
  while (i < tokens.length && FILLER_WORDS.has(tokens[i] as string)) i += 1;
  // The main verb: the first verb-like word among the first few words after the filler.
  let main = -1;
  for (let j = i; j < Math.min(tokens.length, i + 4); j++) {
    if (j > i && LEADING_ONLY_VERBS.has(tokens[j] as string)) continue;
    if (verbClassOf(tokens[j] as string) && !moneyNoun(tokens, j)) {
      main = j;
      break;
    }
  }
  if (main === -1) return [];
  // "Do NOT answer accessibility questions directly": a negated verb says what the tool is not for.
  if (tokens.slice(i, main).some((t) => NEGATIONS.has(t))) return [];
  const verb = tokens[main] as string;
  // "Quote for a swap": a verb-like word after a preposition is the object of the preposition,
  // unless it is a gerund that says what the tool is for ("useful for discovering logs").
  if (!verb.endsWith('ing') && tokens.slice(i, main).some((t) => OBJECT_STOPS.has(t) || t === 'of')) return [];
  // "Execute getAuthentication" on `get-authentication`: the sentence only says to call the tool by
  // its own name, so it is the name's verb that says what the call does.
  const named = context.ownName;
  if (LIGHT_VERBS.has(verb) && named.length >= 2 && named.every((w, k) => tokens[main + 1 + k] === w)) return [];
  // "Deletes it.", or a Japanese sentence whose object stands before the verb: the verb acts on what the name names.
  const said = objectOf(tokens.slice(main + 1), LIGHT_OBJECT_LENGTH);
  const phrase = said.length > 0 ? said : context.nameObject;
  const { category, signal } = compose(
    verbClassOf(verb) as VerbClass,
    verb,
    phrase.slice(0, OBJECT_LENGTH),
    context,
    phrase,
  );
  const out: Scored[] = [
    {
      source: 'description',
      signal,
      text: clip(first),
      suggests: category,
      weight: WEIGHTS.firstSentence,
      strong: true,
    },
  ];
  // "creates or overwrites", "reads and deletes": a verb joined to the main one by and/or.
  for (let j = main + 1; j < tokens.length - 1; j++) {
    const w = tokens[j] as string;
    if (w !== 'or' && w !== 'and') continue;
    let k = j + 1;
    while (k < tokens.length && /^(?:completely|permanently|then|also|fully|optionally)$/.test(tokens[k] as string))
      k += 1;
    const next = tokens[k];
    if (next === undefined) continue;
    const cls = verbClassOf(next);
    if (!cls) continue;
    // "Add or remove taints", "save or remove albums": taking back what the main verb puts is undone by it.
    if (cls === 'destroy' && UNDOING_VERBS.has(next) && PUTTING_VERBS.has(verb)) continue;
    const joined = compose(cls, next, objectOf(tokens.slice(k + 1)), context);
    if (joined.category === category) continue;
    out.push({
      source: 'description',
      signal: `${joined.signal} (joined)`,
      text: clip(first),
      suggests: joined.category,
      weight: WEIGHTS.secondVerb,
      strong: false,
    });
  }
  return out;
}

/** Words that end the object of a first sentence's verb. */
const OBJECT_STOPS = new Set(['for', 'from', 'on', 'about', 'in', 'into', 'with', 'by', 'that', 'which', 'when']);

/**
 * Whether the first sentence's verb hands back written guidance: "provides … documentation for",
 * "returns step-by-step instructions". The object is read up to its first preposition, so "returns
 * the invoice for a customer" hands back no guidance.
 */
function handsBackText(first: string): boolean {
  const tokens = words(first);
  let i = 0;
  while (i < tokens.length && FILLER_WORDS.has(tokens[i] as string)) i += 1;
  const verb = tokens[i];
  if (verb === undefined || !stems(verb).some((s) => HAND_BACK_VERBS.has(s))) return false;
  for (let j = i + 1; j < Math.min(tokens.length, i + 9); j++) {
    const w = tokens[j] as string;
    if (OBJECT_STOPS.has(w)) return false;
    if (TEXT_ARTIFACTS.has(w)) return true;
  }
  return false;
}

/** Where a tool saves what it reads on this machine: a path input to save to, or "… to your local project". */
function localOutputOf(
  definition: ToolDefinition,
  first: string,
  downloads: boolean,
): { source: 'input-schema' | 'description'; text: string } | undefined {
  const required = new Set(Array.isArray(definition.inputSchema.required) ? definition.inputSchema.required : []);
  for (const [name, schema] of Object.entries(propertiesOf(definition.inputSchema))) {
    const always = required.has(name) || (isSchema(schema) && schema.default !== undefined);
    if (!isFreeFormString(schema)) continue;
    // A download or an export keeps a copy here when offered a path; any other reading tool only
    // when it always saves.
    if (downloads ? DOWNLOAD_TARGET_PROPERTY.test(name) : LOCAL_OUTPUT_PROPERTY.test(name) && always)
      return { source: 'input-schema', text: `properties.${name}` };
  }
  // Only the sentence's own clause: "(…; use local_path to save to disk)" is an option.
  const clause = first.split(/[(;]/)[0] as string;
  const destination = LOCAL_DESTINATION.exec(clause);
  // "as base64 or to disk": saving is one choice of two, made for it only by a download.
  if (destination && (downloads || !/\bor\s*$/i.test(clause.slice(0, destination.index))))
    return { source: 'description', text: first };
  const saves = SAVES_OUTPUT_FILE.exec(definition.description ?? '');
  if (saves) return { source: 'description', text: saves[0] };
  return undefined;
}

const tradingServers = new WeakMap<readonly string[], boolean>();
/** Whether the tool's name, first sentence, input names or its server's tool names speak of trading (rules.ts, TRADING_WORDS). */
function trades(name: string, first: string, definition: ToolDefinition, siblings: readonly string[]): boolean {
  const trading = (t: string) => words(t).some((w) => TRADING_WORDS.has(w));
  if ([name, first, ...Object.keys(definition.inputSchema?.properties ?? {})].some(trading)) return true;
  let server = tradingServers.get(siblings);
  if (server === undefined) tradingServers.set(siblings, (server = siblings.some(trading)));
  return server;
}

/** Whether the tool's name, or the first words of its first sentence, take a copy (download, export, fetch). */
function isDownload(name: string, first: string): boolean {
  return [...tokenize(name), ...words(first).slice(0, 3)].some((w) => stems(w).some((s) => DOWNLOADING_VERBS.has(s)));
}

function phraseEvidence(rest: string): Scored[] {
  const out: Scored[] = [];
  for (const rule of DESCRIPTION_RULES) {
    const match = rule.pattern.exec(rest);
    if (!match) continue;
    out.push({
      source: 'description',
      signal: rule.id,
      text: sentenceAround(rest, match.index, match[0].length),
      suggests: rule.suggests,
      weight: rule.weight,
      strong: false,
    });
  }
  return out;
}

/** The sentence of `text` around `index`, so the evidence quotes the claim and not a lone word. */
function sentenceAround(text: string, index: number, length: number): string {
  const before = text.slice(0, index);
  const start = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n')) + 1;
  const rest = text.slice(index + length);
  const endRel = rest.search(/\.(\s|$)|\n/);
  const end = endRel === -1 ? text.length : index + length + endRel + 1;
  return clip(text.slice(start, end));
}

/** A free-form string: type string with no enum, const, pattern or format to narrow it. */
function isFreeFormString(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return false;
  const s = schema as Record<string, unknown>;
  const type = s.type;
  const stringy = type === 'string' || (Array.isArray(type) && type.includes('string'));
  return stringy && s.enum === undefined && s.const === undefined && s.pattern === undefined && s.format === undefined;
}

/**
 * Whether a sibling shows or brings back earlier versions of what this tool's name is about (rules.ts,
 * VERSION_WORDS): the same resource, or the resource whose content this tool replaces.
 */
function keepsVersions(own: readonly string[], siblings: readonly string[], prefix: readonly string[]): boolean {
  const mine = resourceKey(own);
  if (mine === '') return false;
  return siblings.some((sibling) => {
    const tokens = withoutPrefix(tokenize(sibling), prefix);
    if (!tokens.some((t) => VERSION_WORDS.has(t))) return false;
    const theirs = resourceKey(tokens.filter((t) => !VERSION_WORDS.has(t)));
    if (theirs === '') return false;
    return theirs === mine || (mine.startsWith(`${theirs} `) && HELD_CONTENT.has(mine.slice(theirs.length + 1)));
  });
}

/** How far past an overwrite statement its object is looked for: three words fit well within it. */
const AFTER_MATCH_CHARS = 80;

/** Every overwrite statement of a text, in turn (matchAll copies the expression, so it holds no state). */
const OVERWRITE_STATEMENTS = new RegExp(OVERWRITE_STATEMENT.source, 'gi');

/**
 * The first overwrite the description states for the tool itself. What the documentation of a boolean
 * option says it does when turned on ("overwrite: Overwrite existing labels", "force_update: Replace
 * existing repo with same name") is a possibility the caller must ask for, not what a call does; so
 * is an overwrite the text denies or tells how to ask for (rules.ts, OVERWRITE_DENIED, HOW_TO_ASK).
 * Replacing tags, a part of the content ("Replace content matching a regular expression") or one
 * field the caller names ("custom_variables REPLACES the entire object") edits the record.
 */
function overwriteStatement(description: string, inputSchema: ToolDefinition['inputSchema']): RegExpMatchArray | null {
  const entries = Object.entries(propertiesOf(inputSchema)).map(
    ([name, schema]) => [name.toLowerCase(), schema] as const,
  );
  const properties = entries.map(([name]) => name);
  const flags = entries.filter(([, schema]) => isSchema(schema) && schema.type === 'boolean').map(([name]) => name);
  for (const match of description.matchAll(OVERWRITE_STATEMENTS)) {
    const before = description.slice(Math.max(0, match.index - 40), match.index).toLowerCase();
    const documented = /([\w-]+)\s*(?:\([^)]*\))?\s*[:=–-]\s*(?:if true,?\s*|when true,?\s*|whether to\s*)?$/.exec(
      before,
    );
    if (documented && flags.includes(documented[1] as string)) continue;
    const clause = /[^.!?;:,]*$/.exec(description.slice(0, match.index))?.[0] ?? '';
    const sentence = /[^.!?]*$/.exec(description.slice(0, match.index))?.[0] ?? '';
    if (OVERWRITE_DENIED.test(clause) || HOW_TO_ASK.test(sentence)) continue;
    // What is replaced: tags or labels, a part of the content, or one field the caller names.
    const end = match.index + match[0].length;
    const after = words(description.slice(end, end + AFTER_MATCH_CHARS))
      .slice(0, 3)
      .map(singular);
    if (after.some((w) => HELD_MARKS.has(w))) continue;
    if (/contents?$/i.test(match[0]) && CONTENT_PARTS.has(after[0] ?? '')) continue;
    const subject = /([\w-]+)['"`]?\s*$/.exec(clause)?.[1]?.toLowerCase();
    if (subject !== undefined && properties.includes(subject)) continue;
    return match;
  }
  return null;
}

/** A string enum property offering an overwrite (`properties.mode: rewrite`), or undefined. */
function overwriteOption(inputSchema: ToolDefinition['inputSchema']): string | undefined {
  const required = new Set(Array.isArray(inputSchema.required) ? inputSchema.required : []);
  for (const [name, schema] of Object.entries(propertiesOf(inputSchema))) {
    if (!isSchema(schema) || !Array.isArray(schema.enum)) continue;
    const hit = schema.enum.find((v) => typeof v === 'string' && OVERWRITE_VALUES.has(v.toLowerCase()));
    if (typeof hit !== 'string') continue;
    // The overwrite is what a call does unless told otherwise, or a choice every call makes; a mode
    // one must ask for (`strategy: merge | replace`, no default) is a possibility, not the purpose.
    const isDefault = typeof schema.default === 'string' && schema.default.toLowerCase() === hit.toLowerCase();
    const chosenEachCall = required.has(name) && schema.default === undefined;
    if (isDefault || chosenEachCall) return `properties.${name}: ${hit}${isDefault ? ' (the default)' : ' (required)'}`;
  }
  return undefined;
}

/** The path of an input, at any depth, whose name ends in a spending word (rules.ts, SPENDING_LIMITS). */
function spendingLimitOf(schema: unknown, path = 'properties', depth = 0): string | undefined {
  if (!isSchema(schema) || depth > 4) return undefined;
  for (const [name, sub] of Object.entries(propertiesOf(schema))) {
    if (SPENDING_LIMITS.has(words(name).at(-1) ?? '')) return `${path}.${name}`;
    const inner = spendingLimitOf(sub, `${path}.${name}`, depth + 1);
    if (inner) return inner;
  }
  return isSchema(schema.items) ? spendingLimitOf(schema.items, `${path}[]`, depth + 1) : undefined;
}

/** A tool named by one HTTP method (prefix aside) that takes a free-form request target. */
function httpRequestOf(
  name: string,
  prefix: readonly string[],
  inputSchema: ToolDefinition['inputSchema'],
): { category: Category; target: string } | undefined {
  // "api_post", "http_get", "get_request": words that only say it is a request leave the method alone.
  const own = withoutPrefix(tokenize(name), prefix).filter((w) => !REQUEST_WORDS.has(w));
  const method = own.length === 1 ? HTTP_METHODS[own[0] as string] : undefined;
  if (!method) return undefined;
  const target = Object.entries(propertiesOf(inputSchema)).find(
    ([prop, schema]) => REQUEST_TARGET_WORDS.has(words(prop).at(-1) ?? '') && isFreeFormString(schema),
  );
  return target ? { category: method, target: `properties.${target[0]}` } : undefined;
}

function propertyEvidence(inputSchema: ToolDefinition['inputSchema']): Scored[] {
  const properties = propertiesOf(inputSchema);
  const out: Scored[] = [];
  for (const rule of PROPERTY_RULES) {
    const hits = Object.entries(properties)
      .filter(([prop, schema]) => {
        const last = words(prop).at(-1);
        return last !== undefined && rule.lastWords.includes(last) && isFreeFormString(schema);
      })
      .map(([prop]) => `properties.${prop}`);
    if (hits.length === 0) continue;
    out.push({
      source: 'input-schema',
      signal: rule.id,
      text: clip(hits.join(', ')),
      suggests: rule.suggests,
      weight: rule.weight,
      strong: false,
    });
  }
  return out;
}

type Schema = Record<string, unknown>;
const isSchema = (x: unknown): x is Schema => isObject(x);
/** The properties a schema declares, by name, or none. */
const propertiesOf = (schema: unknown): Schema =>
  isSchema(schema) && isSchema(schema.properties) ? schema.properties : {};
const lastWordOf = (name: string) => words(name).at(-1) ?? '';

/** One operation a router offers: the verb that names it, composed with its object. */
interface Operation {
  /** How the tool names it: a declared operation's own name, or the verb of a described one. */
  name: string;
  verb: string;
  category: Category;
}

/**
 * The operations a schema declares as variants: `anyOf`/`oneOf` of objects (or one object) whose
 * selector property (`operation`, `command`, `action`) is a `const`, e.g. `update-forms`,
 * `get-user`. Each is read like a tool name.
 */
function declaredOperations(schema: unknown): string[] {
  if (!isSchema(schema)) return [];
  const variants = [schema.anyOf, schema.oneOf].find(Array.isArray) ?? [schema];
  const out: string[] = [];
  for (const variant of variants) {
    if (!isSchema(variant) || !isSchema(variant.properties)) continue;
    for (const [name, prop] of Object.entries(variant.properties)) {
      if (!ROUTER.selectorWords.has(lastWordOf(name)) || !isSchema(prop)) continue;
      const single = Array.isArray(prop.enum) && prop.enum.length === 1 ? prop.enum[0] : undefined;
      const value = typeof prop.const === 'string' ? prop.const : single;
      if (typeof value === 'string') out.push(value);
    }
  }
  return out;
}

function operationOfName(name: string): Operation | undefined {
  const tokens = tokenize(name);
  // A past participle names a state to filter by (`configured`, `archived`), not an operation.
  if (tokens.length === 1 && /ed$/.test(tokens[0] as string) && !VERB_CLASS.has(tokens[0] as string)) return undefined;
  const i = verbClassOf(tokens[0] ?? '') ? 0 : verbClassOf(tokens.at(-1) ?? '') ? tokens.length - 1 : -1;
  if (i === -1) return undefined;
  const verb = tokens[i] as string;
  const rest = i === 0 ? tokens.slice(1) : tokens.slice(0, i);
  return { name, verb, category: compose(verbClassOf(verb) as VerbClass, verb, objectOf(rest)).category };
}

/**
 * The operation a description glosses an action value with: "signals (search security signals)",
 * "rules: list detection rules". The gloss's first or second word must be a verb.
 */
function glossedOperation(value: string, description: string): Operation | undefined {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const gloss = new RegExp(`(?:^|[\\s,;(])${escaped}\\s*(?:\\(|:|=|—|–| - )\\s*([A-Za-z]+)(?:\\s+([A-Za-z]+))?`).exec(
    description,
  );
  if (!gloss) return undefined;
  const verb = [gloss[1], gloss[2]].find((w) => w !== undefined && verbClassOf(w.toLowerCase()) !== undefined);
  if (verb === undefined) return undefined;
  const lower = verb.toLowerCase();
  return {
    name: value,
    verb: lower,
    category: compose(verbClassOf(lower) as VerbClass, lower, tokenize(value)).category,
  };
}

/**
 * The operations a description lists: verbs that lead a sentence or a comma-separated item or
 * follow "to", "and", "or" ("tools to read, create, modify resources"), and -ing forms ("Commands
 * for creating, updating, listing"). Sentences on how to call the router, advice on when to call it,
 * whatever follows a negation ("Not for kubectl execution") and verbs that are the topic of
 * guidance ("guidance on modifying or generating") name no operation.
 */
function describedOperations(description: string, siblings: readonly string[]): Operation[] {
  const sentences = withoutIdentifiers(description, siblings)
    // Sentences, including two run together without a space ("…and usageThis tool is…").
    .split(/(?<=[.!?])\s+|(?<=[a-z0-9)][.!?])(?=[A-Z])|(?<=[a-z])(?=(?:This|These|To|Use|Set)\s)|\n(?=\s*[A-Z\-*•\d])/u)
    .map((t, i) => (i === 0 ? t.trim().replace(ROUTER.title, '') : t.trim()));
  const out: Operation[] = [];
  for (const sentence of sentences) {
    if (ROUTER.boilerplate.test(sentence) || ROUTER.advice.test(sentence)) continue;
    const negated = ROUTER.negation.exec(sentence);
    const kept = negated ? sentence.slice(0, negated.index) : sentence;
    for (const item of kept.split(/\s*[,;:]\s*/)) {
      const tokens = words(item);
      let topic = false;
      for (let j = 0; j < tokens.length; j++) {
        const t = tokens[j] as string;
        const cls = verbClassOf(t);
        const before = tokens[j - 1];
        if (topic && (cls || ROUTER.listWords.has(t))) continue;
        topic = (t === 'for' || t === 'on' || t === 'about') && ROUTER.topicNouns.has(before ?? '');
        if (!cls) continue;
        const listed = j === 0 || ROUTER.listWords.has(before ?? '') || (t.endsWith('ing') && t.length > 5);
        if (!listed) continue;
        out.push({ name: t, verb: t, category: compose(cls, t, objectOf(tokens.slice(j + 1))).category });
      }
    }
  }
  return out;
}

/** A tool that runs whichever operation one argument names, and the operations it lists. */
function routerOf(
  definition: ToolDefinition,
  siblings: readonly string[],
  nameHasVerb: boolean,
  nameIsUmbrella: boolean,
): { selector: string; operations: Operation[]; declared: boolean } | undefined {
  const input = definition.inputSchema as Schema;
  const properties = isSchema(input.properties) ? input.properties : {};
  // Operations declared as variants, of the whole input or of one property (netlify's selectSchema).
  const declaring: [string, unknown][] = [
    ...(Array.isArray(input.anyOf) || Array.isArray(input.oneOf) ? [['inputSchema', input] as [string, unknown]] : []),
    ...Object.entries(properties).map(([name, schema]): [string, unknown] => [`properties.${name}`, schema]),
  ];
  for (const [where, schema] of declaring) {
    const names = declaredOperations(schema);
    if (names.length === 0) continue;
    const operations = names.map(operationOfName).filter((o): o is Operation => o !== undefined);
    return { selector: where, operations, declared: true };
  }
  // An argument that enumerates operations declares them: an `operation`, `action` or `command` on a
  // tool named for an area rather than an action (`node_management`, `browser_tabs`), or any of those
  // or a `mode` whose values both read and change (`mode: list | create | delete`). On a tool whose
  // name has a verb, values that only read or only change are a filter or the phases of that verb.
  for (const [name, schema] of Object.entries(properties)) {
    const word = lastWordOf(name);
    const selects = ROUTER.selectorWords.has(word);
    if ((!selects && !ROUTER.modeWords.has(word)) || !isSchema(schema) || !Array.isArray(schema.enum)) continue;
    const names = schema.enum.filter((v): v is string => typeof v === 'string');
    if (names.length < 2) continue;
    // A value names an operation by its first word (`list`, `get-url`), not a trailing one
    // (`untilCount`); an action named by a noun may be glossed in the description ("signals (search
    // security signals)").
    const text = definition.description ?? '';
    const operations = names
      .map((v) => {
        const named = operationOfName(v);
        if (named !== undefined && tokenize(named.name)[0] === named.verb) return named;
        return selects ? glossedOperation(v, text) : undefined;
      })
      .filter((o): o is Operation => o !== undefined);
    // Values that both read and change are a set of operations; values that only vary one change
    // (`mode: start | continue | abort` on a rebase) are phases of the action the name states.
    const mixed = operations.some((o) => o.category === 'Read') && operations.some((o) => o.category !== 'Read');
    // A name whose only verb is a catch-all ("manage_jira_project") and whose operations all read reads.
    const onlyReads = operations.length > 0 && operations.every((o) => o.category === 'Read');
    if ((selects && (!nameHasVerb || (nameIsUmbrella && onlyReads))) || mixed)
      return { selector: `properties.${name}`, operations, declared: true };
  }
  const selector = Object.entries(properties).find(
    ([name, schema]) => ROUTER.selectorWords.has(lastWordOf(name)) && isFreeFormString(schema),
  );
  if (!selector) return undefined;
  const openArguments = Object.entries(properties).some(
    ([name, schema]) =>
      ROUTER.argumentWords.has(lastWordOf(name)) &&
      isSchema(schema) &&
      schema.type === 'object' &&
      !isSchema(schema.properties),
  );
  const description = definition.description ?? '';
  // A free-form action whose operations only the description lists ("Manage conversations: list,
  // search, create, update, delete"): operations that both read and change make a router.
  if (!openArguments && !/\bsub-?commands?\b/i.test(description)) {
    const listed = nameHasVerb && !nameIsUmbrella ? [] : describedOperations(description, siblings);
    const mixed = listed.some((o) => o.category === 'Read') && listed.some((o) => o.category !== 'Read');
    return mixed ? { selector: `properties.${selector[0]}`, operations: listed, declared: false } : undefined;
  }
  return {
    selector: `properties.${selector[0]}`,
    operations: describedOperations(description, siblings),
    declared: false,
  };
}

/** Whether a description matches one of the phrase rules (rules.ts, DESCRIPTION_RULES) by its id. */
function descriptionSays(description: string, id: string): boolean {
  return DESCRIPTION_RULES.some((rule) => rule.id === id && rule.pattern.test(description));
}

/**
 * A router's category from its operations. A catch-all verb leading the description ("Commands for
 * managing X") counts only when nothing more specific is named. Any operation that moves money makes
 * it Financial; changes that all delete, Destructive; any other change, Execute; only reads, Read. A
 * router whose text names no operation at all is Execute, since what it does is up to the argument.
 * A router that declares one operation is that operation.
 */
function routerCategory(
  operations: readonly Operation[],
  declared: boolean,
  description = '',
): { category: Category; signal: string } {
  const first = operations[0];
  const listed =
    !declared && first && operations.length > 1 && stems(first.verb).some((v) => ROUTER.umbrellaVerbs.has(v))
      ? operations.slice(1)
      : operations;
  if (listed.length === 0) return { category: 'Execute', signal: 'router:unstated' };
  if (declared && listed.length === 1) return { category: (listed[0] as Operation).category, signal: 'router:one' };
  if (listed.some((o) => o.category === 'Financial')) return { category: 'Financial', signal: 'router:moves-money' };
  // Reads beside one kind of change only: a router whose every change deletes (list, kill, info; download,
  // delete) is for deleting, and is Destructive.
  const changes = listed.filter((o) => o.category !== 'Read');
  if (changes.length > 0 && changes.every((o) => o.category === 'Destructive'))
    return { category: 'Destructive', signal: 'router:only-deletes' };
  // A router whose own text says an operation spends money moves it, whatever the operation is called
  // ("SPENDS MONEY: action:\"create\" … puts a pod into a billing state").
  if (changes.length > 0 && descriptionSays(description, 'phrase:moves-money'))
    return { category: 'Financial', signal: 'router:spends-money' };
  if (changes.length > 0) return { category: 'Execute', signal: 'router:changes' };
  return { category: 'Read', signal: 'router:reads' };
}

export interface ClassifyResult extends Classification {
  /** The category the definition's text alone points to, before annotations were read. */
  textCategory: Category | null;
}

/** More severe categories first, so ties resolve towards caution. */
const BY_SEVERITY: readonly Category[] = [...CATEGORIES].sort((a, b) => categoryRank(b) - categoryRank(a));

/**
 * Characters a reader does not see (zero-width, bidi and other format controls, soft hyphens, tag
 * characters) inside a word, where they split it for a machine but not for the eye. Elsewhere they
 * are left as sent: a variation selector or joiner inside an emoji changes no word.
 */
const UNSEEN = /(?<=[\p{L}\p{N}\p{M}])\p{Default_Ignorable_Code_Point}+(?=[\p{L}\p{N}\p{M}])/gu;

/**
 * The blocks that hold letters and digits in a compatibility form (superscripts, letterlike and
 * enclosed forms, ligatures, full-width and mathematical letters): only these are normalized, so
 * the text of other scripts costs a test per character and no NFKC.
 */
const COMPATIBILITY_FORMS =
  /^(?:[\u00AA\u00B2\u00B3\u00B9\u00BA\u2070-\u209F\u2100-\u218F\u2460-\u24FF\uFB00-\uFB06\uFF00-\uFFEF]|[\u{1D400}-\u{1D7FF}\u{1F100}-\u{1F1FF}])$/u;

/** Spaces that do not break a line, read as a space. */
const NO_BREAK_SPACES = /[\u00a0\u2007\u202f]/;

/** One character as a reader takes it: a non-breaking space as a space, a styled letter or digit as a plain one. */
function readChar(ch: string): string {
  if (NO_BREAK_SPACES.test(ch)) return ' ';
  if (!COMPATIBILITY_FORMS.test(ch)) return ch;
  const folded = ch.normalize('NFKC');
  return /^[A-Za-z0-9]+$/.test(folded) ? folded : ch;
}

/**
 * Text as a person reads it: letters and digits in a compatibility form (full-width, ligatures,
 * mathematical or circled letters) folded to plain ones, a non-breaking space read as a space, and
 * unseen characters inside a word removed, so "Ｄｅｌｅｔｅｓ" or "De\u200Bletes" reads as "Deletes".
 * Punctuation is left alone: a full-width comma is how Chinese and Japanese text is written, not a
 * disguise. `origin` gives, for each UTF-16 position of the result and its end, the position in
 * `text` it comes from, so a quote can be taken from the text as sent; plain ASCII reads as it is
 * written and has none.
 */
export function readAsSeen(text: string): { text: string; origin?: number[] } {
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0000-\u007f]/.test(text)) return { text };
  const unseen = new Set<number>();
  for (const m of text.matchAll(UNSEEN)) for (let i = m.index; i < m.index + m[0].length; i++) unseen.add(i);
  let out = '';
  const origin: number[] = [];
  let at = 0;
  for (const ch of text) {
    if (!unseen.has(at)) {
      const read = readChar(ch);
      for (let i = 0; i < read.length; i++) origin.push(at);
      out += read;
    }
    at += ch.length;
  }
  origin.push(at);
  return { text: out, origin };
}

/** `text` as a person reads it (see `readAsSeen`). */
export const asRead = (text: string): string => readAsSeen(text).text;

/**
 * A definition with every string and key read as a person reads it (see `asRead`). What reads the
 * same is returned as it is, not copied: nearly every definition is plain ASCII.
 */
function readable<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return asRead(value) as T;
  if (depth > 64 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => readable(v, depth + 1));
    return (items.some((v, i) => v !== value[i]) ? items : value) as T;
  }
  const entries = Object.entries(value);
  const read = entries.map(([k, v]) => [asRead(k), readable(v, depth + 1)] as const);
  return (
    read.some(([k, v], i) => k !== entries[i]![0] || v !== entries[i]![1]) ? Object.fromEntries(read) : value
  ) as T;
}

/**
 * Classifies one tool.
 *
 * 1. The name's verb, found by structure and composed with its object, and the first sentence's
 *    verb, composed the same way, are strong evidence (weight 4 each; a title counts 2). The rest
 *    of the description and free-form string properties are weak evidence (1 or 2).
 * 2. The text's category is the one with the most weight, ties going to the more severe. Weak
 *    evidence alone decides only when there is no strong evidence at all and two weak signals
 *    agree; a lone weak signal decides nothing. A description that states an overwrite of what
 *    exists turns Write into Destructive.
 * 3. Annotations: `readOnlyHint: true` may lower Write to Read, never anything more severe;
 *    `destructiveHint: true` lifts a tool to Destructive only when some of its text argues for
 *    Destructive too, and otherwise stays as evidence with medium confidence.
 * 4. Confidence: high when the name and the first sentence agree (or one of them agrees with a
 *    read-only claim) and nothing argues against; medium when one strong source decides, when
 *    sources disagree or when the annotations and the text disagree; low on weak evidence or none.
 *
 * The text is first read as a person sees it (`asRead`), so letters in another form or split by
 * unseen characters still count.
 */
export function classify(input: ClassifyInput): ClassifyResult {
  return classifyRead({
    name: asRead(input.name),
    definition: readable(input.definition),
    ...(input.siblings ? { siblings: input.siblings.map(asRead) } : {}),
  });
}

function classifyRead(input: ClassifyInput): ClassifyResult {
  const { definition } = input;
  const siblings = input.siblings ?? [input.name];
  const prefix = sharedPrefix(input.siblings);
  const { first, rest } = splitFirstSentence(definition.description ?? '');
  // The name's own words, the server's shared prefix set aside.
  const own = withoutPrefix(tokenize(input.name), prefix);
  const context: Context = {
    inBrowser: [input.name, first].some((t) => words(t).some((w) => BROWSER_WORDS.has(w))),
    managed: input.siblings ? managedResources(input.siblings, prefix) : NO_CONTEXT.managed,
    undoesAdd: input.siblings ? undoesAdd(input.name, input.siblings) : false,
    removesWhatTwinAdds: input.siblings ? removesWhatTwinAdds(input.name, input.siblings) : false,
    undoesTwin: input.siblings ? undoesTwin(input.name, input.siblings) : false,
    editedByTwin: input.siblings
      ? hasTwin(input.name, input.siblings, (v) => VERB_CLASS.get(v) === 'destroy', EDITING_VERBS)
      : false,
    ownResource: resourceKey(own),
    nameObject: verbClassOf(own[0] ?? '') ? own.slice(1) : verbClassOf(own.at(-1) ?? '') ? own.slice(0, -1) : own,
    ownName: own,
    takesCommand: Object.entries(propertiesOf(definition.inputSchema)).some(
      ([prop, schema]) => COMMAND_PROPERTIES.has(words(prop).at(-1) ?? '') && isFreeFormString(schema),
    ),
    takesUrl: Object.keys(propertiesOf(definition.inputSchema)).some((prop) => URL_WORDS.has(lastWordOf(prop))),
  };
  const scored: Scored[] = [...nameEvidence(input.name, prefix, input.siblings ?? [], 'name', WEIGHTS.name, context)];
  // Evidence that settles the category on its own (an HTTP method, guidance handed back, …): it is
  // recorded on the page with the rule that fired, and its category returned.
  const decisive = (source: Scored['source'], signal: string, text: string, suggests: Category): Category => {
    scored.push({ source, signal, text: clip(text), suggests, weight: 0, strong: true });
    return suggests;
  };
  const titles = [definition.title, definition.annotations?.title].filter(
    (t, i, all): t is string => typeof t === 'string' && t !== '' && all.indexOf(t) === i,
  );
  for (const t of titles) scored.push(...nameEvidence(t, [], [], 'title', WEIGHTS.title, context));
  if (definition.description) {
    if (first) scored.push(...firstSentenceEvidence(first, withoutIdentifiers(first, siblings), context));
    scored.push(...phraseEvidence(withoutIdentifiers(`${first} ${rest}`, siblings)));
  }
  scored.push(...propertyEvidence(definition.inputSchema));

  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const e of scored) scores[e.suggests] += e.weight;
  const strong = scored.filter((e) => e.strong);

  const textCategoryBefore: Category | null =
    strong.length > 0
      ? BY_SEVERITY.reduce((best, c) => (scores[c] > scores[best] ? c : best), BY_SEVERITY[0] as Category)
      : (BY_SEVERITY.find((c) => scored.filter((e) => e.suggests === c).length >= 2) ?? null);

  // With no verb anywhere, a name or an opening that names a view of data shows it (rules.ts, VIEW_NOUNS).
  if (textCategoryBefore === null) {
    // The first word of the description is left out: there a view noun is an imperative ("Report a scorecard").
    const opening = words(definition.description ?? '').slice(1, 8);
    const view = [...own, ...opening].find((w) => VIEW_NOUNS.has(w));
    if (view)
      scored.push({
        source: 'description',
        signal: 'noun:view-of-data',
        text: clip(definition.description || input.name),
        suggests: 'Read',
        weight: WEIGHTS.innerName,
        strong: true,
      });
  }

  // A stated overwrite, or an overwrite mode to choose, makes a Write tool Destructive (rules.ts,
  // OVERWRITE_STATEMENT, OVERWRITE_VALUES).
  const overwrite =
    definition.description && !PARTIAL_UPDATE.test(definition.description)
      ? overwriteStatement(definition.description, definition.inputSchema)
      : null;
  if (overwrite && definition.description)
    scored.push({
      source: 'description',
      signal: 'phrase:overwrites-existing',
      text: sentenceAround(definition.description, overwrite.index ?? 0, overwrite[0].length),
      suggests: 'Destructive',
      weight: 0,
      strong: false,
    });
  const overwriteMode = overwriteOption(definition.inputSchema);
  if (overwriteMode)
    scored.push({
      source: 'input-schema',
      signal: 'property:overwrite-mode',
      text: overwriteMode,
      suggests: 'Destructive',
      weight: 0,
      strong: false,
    });
  const viewOfData = textCategoryBefore === null && scored.some((e) => e.signal === 'noun:view-of-data');
  // An unsent draft overwritten is still being written (rules.ts, DRAFT_OBJECTS).
  const ofDraft = hasObject(objectOf(words(first).slice(1)).slice(0, 4), DRAFT_OBJECTS);
  let textCategory: Category | null = viewOfData
    ? 'Read'
    : (overwrite || overwriteMode) &&
        textCategoryBefore === 'Write' &&
        !ofDraft &&
        !keepsVersions(own, siblings, prefix)
      ? 'Destructive'
      : textCategoryBefore;

  // A tool named by an HTTP method alone, with a free-form path or URL, sends a request (rules.ts, HTTP_METHODS).
  const request = httpRequestOf(input.name, prefix, definition.inputSchema);
  if (request)
    textCategory = decisive('name', 'name:http-request', `${input.name}: ${request.target}`, request.category);
  // A request that changes data, sent to services that keep money documents, can move money (rules.ts, MONEY_OBJECTS).
  if (
    request &&
    (textCategory === 'Execute' || textCategory === 'Write') &&
    mentionsMoney(definition.description ?? '')
  )
    textCategory = decisive('description', 'http-request+money-service', definition.description ?? '', 'Financial');

  // A command router is what its operations are (rules.ts, ROUTER).
  const router = routerOf(
    definition,
    siblings,
    scored.some((e) => e.source === 'name'),
    tokenize(input.name).some((t) => ROUTER.umbrellaVerbs.has(t)),
  );
  if (router) {
    const verdict = routerCategory(router.operations, router.declared, definition.description ?? '');
    const listed = router.operations.map((o) => o.name);
    scored.push({
      source: 'input-schema',
      signal: verdict.signal,
      text: clip(
        `${router.selector} selects the operation${listed.length > 0 ? `; operations: ${[...new Set(listed)].join(', ')}` : '; no operation named'}`,
      ),
      suggests: verdict.category,
      weight: 0,
      strong: true,
    });
    textCategory = verdict.category;
  }

  const hints = definition.annotations ?? {};
  const annotationEvidence: Evidence[] = [];
  if (hints.readOnlyHint === true)
    annotationEvidence.push({
      source: 'annotation',
      signal: 'annotation:read-only',
      text: 'readOnlyHint: true',
      suggests: 'Read',
    });
  if (hints.readOnlyHint === false)
    annotationEvidence.push({
      source: 'annotation',
      signal: 'annotation:not-read-only',
      text: 'readOnlyHint: false',
      suggests: 'Write',
    });
  const destructiveClaim = hints.destructiveHint === true && hints.readOnlyHint !== true;
  if (destructiveClaim)
    annotationEvidence.push({
      source: 'annotation',
      signal: 'annotation:destructive',
      text: 'destructiveHint: true',
      suggests: 'Destructive',
    });

  // A first sentence that hands back written guidance says what the tool is: it reads (rules.ts, TEXT_ARTIFACTS).
  const guidance = router || request ? undefined : handsBackText(first);
  if (guidance) textCategory = decisive('description', 'description:hands-back-text', first, 'Read');
  // Putting something back to its default resets it (rules.ts, RESET_TO_DEFAULT).
  if (textCategory === 'Destructive' && RESET_TO_DEFAULT.test(first))
    textCategory = decisive('description', 'phrase:reset-to-default', first, 'Write');
  // A first sentence that runs only read-only queries reads, whatever else the tool is called (rules.ts, READ_ONLY_QUERY).
  if (!request && !guidance && READ_ONLY_QUERY.test(first))
    textCategory = decisive('description', 'description:read-only-query', first, 'Read');

  // Changing only the notes of a payment leaves the payment as it was (rules.ts, ANNOTATION_ONLY_UPDATE).
  if (textCategory === 'Financial' && ANNOTATION_ONLY_UPDATE.test(definition.description ?? ''))
    textCategory = decisive('description', 'phrase:annotation-only-update', first, 'Write');
  // A post created on a social network is published to its readers (rules.ts, SOCIAL_POST).
  if (textCategory === 'Write' && !router) {
    const post = [own.join(' '), first].find((t) => SOCIAL_POST.test(t));
    if (post !== undefined && [input.name, first].some((t) => words(t).some((w) => SOCIAL_NETWORKS.has(w))))
      textCategory = decisive('description', 'social-post', first, 'Execute');
  }
  // "Subscribe to a ROS topic and return the first message": the tool reads a stream (rules.ts, SUBSCRIBES_TO_STREAM).
  if (textCategory === 'Write' && !router && SUBSCRIBES_TO_STREAM.test(first))
    textCategory = decisive('description', 'verb:subscribe+stream', first, 'Read');
  // A shipping label bought from a carrier, or a code made to take a payment (rules.ts, SHIPPING_LABELS, TAKES_PAYMENT).
  if (textCategory === 'Write' && !router) {
    const shipping = (t: string) => words(t).some((w) => SHIPPING_WORDS.has(w));
    if (
      own.some((w) => SHIPPING_LABELS.has(w)) &&
      /\b(?:create|creates|buy|buys|purchase|purchases|process|processes)\b/i.test(`${own.join(' ')} ${first}`) &&
      [input.name, first, ...siblings].some(shipping)
    )
      textCategory = decisive('name', 'name:shipping-label', input.name, 'Financial');
    else if (TAKES_PAYMENT.test(first))
      textCategory = decisive('description', 'phrase:takes-payment', first, 'Financial');
  }
  // Opening or closing a trading position buys or sells (rules.ts, TRADES_POSITION).
  if (textCategory !== 'Read' && trades(input.name, first, definition, siblings)) {
    const name = own.join(' ');
    if (TRADES_POSITION.test(name)) textCategory = decisive('name', 'verb:trade-position', input.name, 'Financial');
    else if (TRADES_POSITION.test(first))
      textCategory = decisive('description', 'verb:trade-position', first, 'Financial');
  }
  // A read that launches a browser to do its work loads a page there (rules.ts, LAUNCHES_BROWSER).
  const launch = textCategory === 'Read' && !router ? LAUNCHES_BROWSER.exec(definition.description ?? '') : null;
  if (launch)
    textCategory = decisive(
      'description',
      'phrase:launches-browser',
      sentenceAround(launch.input, launch.index, launch[0].length),
      'Execute',
    );

  // Beginning, committing or rolling back a database's transaction runs a statement (rules.ts, DATABASE_TRANSACTION).
  const spoken = `${input.name.replace(/[_\-.]+/g, ' ')}. ${first}`;
  if (
    (textCategory === 'Write' || textCategory === 'Financial' || textCategory === 'Destructive') &&
    !router &&
    !request &&
    DATABASE_TRANSACTION.subject.test(spoken) &&
    DATABASE_TRANSACTION.control.test(spoken)
  )
    textCategory = decisive('description', 'phrase:database-transaction', first || input.name, 'Execute');

  // Running a query the service has saved, by its id, reads (rules.ts, SAVED_QUERY_ID).
  const savedQuery =
    textCategory === 'Execute' && !router && !request ? savedQueryId(definition.inputSchema) : undefined;
  if (savedQuery)
    textCategory = decisive('input-schema', 'property:saved-query-id', `properties.${savedQuery}`, 'Read');

  // A change to a record of any type, money documents among the types offered, is Financial (rules.ts, ANY_RECORD_TYPE).
  if ((textCategory === 'Write' || textCategory === 'Execute') && !router && ANY_RECORD_TYPE.test(first)) {
    const description = definition.description ?? '';
    if (mentionsMoney(description))
      textCategory = decisive('description', 'any-record-type+money', description, 'Financial');
  }

  // Creating or changing an advertising campaign with a budget commits ad spend (rules.ts, SPENDING_LIMITS).
  if (textCategory === 'Write' && !router && own.some((w) => CAMPAIGNS.has(w))) {
    const limit = spendingLimitOf(definition.inputSchema);
    if (limit) textCategory = decisive('input-schema', 'property:campaign-budget', limit, 'Financial');
    else if (own.some((w) => SPENDING_LIMITS.has(w)))
      textCategory = decisive('name', 'name:campaign-budget', input.name, 'Financial');
    // "Reactivate a paused campaign to resume ad delivery and spending"; pausing one stops the spend.
    else if (/\b(?:resume|resumes|start|starts|begin|begins)\b[^.]*\bspend(?:s|ing)?\b/i.test(first))
      textCategory = decisive('description', 'phrase:campaign-spends', first, 'Financial');
  }

  // Two verbs joined by "or" may do the second: composed with what follows it, it counts when more severe.
  const orElse = (verb: string, objects: readonly string[], source: Scored['source'], text: string) => {
    const cls = verbClassOf(verb);
    if (!cls || router || textCategory === null) return;
    const { category: alternative, signal } = compose(cls, verb, objects, context);
    if (categoryRank(alternative) > categoryRank(textCategory))
      textCategory = decisive(source, `${signal} (or)`, text, alternative);
  };
  // "get_or_create_label": a name that joins two verbs with "or".
  const joined = /(?:^|[_\-\s])([a-z]+)[_\-\s]or[_\-\s]([a-z]+)/.exec(
    input.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase(),
  );
  if (joined && verbClassOf(joined[1] as string)) orElse(joined[2] as string, [], 'name', input.name);
  // "Gets or creates a shareable link": a first sentence that opens with a verb of reading, "or" and another verb.
  const opening = /^([a-z]+) or ([a-z]+) ([a-z\s]*)/i.exec(first.toLowerCase());
  if (opening && verbClassOf(opening[1] as string) === 'read')
    orElse(opening[2] as string, words(opening[3] as string), 'description', first);
  // "Download and import an asset into the scene": a first sentence that opens with a verb of reading
  // joined by "and" to a verb of writing does both, every time.
  const both = /^([a-z]+),? and (?:then )?([a-z]+) ([a-z\s]*)/i.exec(first.toLowerCase());
  if (both && textCategory === 'Read' && !router && verbClassOf(both[1] as string) === 'read') {
    const cls = verbClassOf(both[2] as string);
    if (cls) {
      const { category: done, signal } = compose(cls, both[2] as string, words(both[3] as string), context);
      if (categoryRank(done) > categoryRank('Read'))
        textCategory = decisive('description', `${signal} (and)`, first, done);
    }
  }
  // "Initialize the session and navigate to the application": a second verb of running, joined by "and", runs too.
  if (
    textCategory === 'Write' &&
    !router &&
    [...first.toLowerCase().matchAll(/\band\s+([a-z]+)\b/g)].some((m) => verbClassOf(m[1] as string) === 'execute')
  )
    textCategory = decisive('description', 'verb:execute (and)', first, 'Execute');

  // A cache the server also creates with a tool of its own (`create-serverless-cache` beside
  // `delete-serverless-cache`) is a provisioned resource, not stored state to clear: deleting it deletes.
  if (
    textCategory === 'Write' &&
    !router &&
    own.some((w) => w === 'delete' || w === 'destroy') &&
    scored.some((e) => e.strong && e.signal === 'verb:clear+state') &&
    siblings.some((n) => {
      const ts = withoutPrefix(tokenize(n), prefix);
      return n !== input.name && ts.includes('create') && resourceKey(ts) === context.ownResource;
    })
  )
    textCategory = decisive('name', 'verb:delete+provisioned-cache', input.name, 'Destructive');
  // A tool whose description warns that it moves money pays, whatever its verb (rules.ts, STATES_IT_MOVES_MONEY).
  const movesMoney = STATES_IT_MOVES_MONEY.exec(definition.description ?? '');
  if ((textCategory === 'Write' || textCategory === 'Execute') && !router && movesMoney)
    textCategory = decisive(
      'description',
      'phrase:states-it-moves-money',
      sentenceAround(definition.description ?? '', movesMoney.index, movesMoney[0].length),
      'Financial',
    );
  // `write_file` with the content to write replaces the file, unless a version is kept (rules.ts, FILE_WORDS).
  if (textCategory === 'Write' && !router && own[0] === 'write' && FILE_WORDS.has(own.at(-1) ?? '')) {
    const props = Object.entries(propertiesOf(definition.inputSchema));
    const content = props.find(
      ([p, schema]) => CONTENT_PROPERTIES.has(words(p).at(-1) ?? '') && isFreeFormString(schema),
    );
    const kept = props.some(([p]) => words(p).some((w) => KEPT_VERSION_PROPERTIES.has(w)));
    if (content && !kept)
      textCategory = decisive(
        'input-schema',
        'name:write-whole-file',
        `${input.name}: properties.${content[0]}`,
        'Destructive',
      );
  }
  // "Permanently delete a custom emoji": a first sentence that says the deletion is for good outweighs
  // what makes removing such a thing a change elsewhere (a mark, a pairing, a cache).
  if (textCategory === 'Write' && !router && PERMANENT_DELETION.test(first))
    textCategory = decisive('description', 'phrase:permanent-deletion', first, 'Destructive');
  // A deletion that moves things to the trash, where the server can restore them, is undone (rules.ts, TO_TRASH).
  if (
    textCategory === 'Destructive' &&
    TO_TRASH.test(first) &&
    (RESTORABLE.test(definition.description ?? '') ||
      // The restoring tool must be about the trash: `restore_from_trash`, `untrash_message`; a
      // `restoreRevision` brings back a version, not a deleted file.
      siblings.some((n) => {
        const ts = tokenize(n);
        return ts.includes('untrash') || (ts.some((t) => RESTORING_FROM_TRASH.has(t)) && ts.includes('trash'));
      }))
  )
    textCategory = decisive('description', 'phrase:to-trash-with-restore', first, 'Write');
  // "Delete a document by archiving it": the deletion is an archive, which is undone (rules.ts, BY_ARCHIVING).
  if (textCategory === 'Destructive' && BY_ARCHIVING.test(first))
    textCategory = decisive('description', 'phrase:deletes-by-archiving', first, 'Write');

  // A reading tool that saves what it reads on this machine writes (rules.ts, LOCAL_OUTPUT_PROPERTY).
  const localCopy =
    textCategory === 'Read' && !router && !guidance
      ? localOutputOf(definition, first, isDownload(input.name, first))
      : undefined;
  if (localCopy) textCategory = decisive(localCopy.source, 'saves-local-copy', localCopy.text, 'Write');

  // The description's own claim to change nothing lowers Write as readOnlyHint does (rules.ts, READ_ONLY_CLAIMS).
  if (
    (textCategory === 'Write' || textCategory === null) &&
    !router &&
    scored.some((e) => READ_ONLY_CLAIMS.has(e.signal) && !OTHER_TOOL_ADVICE.test(e.text))
  )
    textCategory = 'Read';
  let category: Category = textCategory ?? FALLBACK_CATEGORY;
  let annotationsDisagree = false;
  if (hints.readOnlyHint === true) {
    // A copy saved on this machine is a change here, whatever the hint says of the service it reads.
    const savesHere =
      localCopy !== undefined || (textCategory === 'Write' && SAVES_OUTPUT_FILE.test(definition.description ?? ''));
    if (textCategory === null || (textCategory === 'Write' && !savesHere)) category = 'Read';
    else if (textCategory !== 'Read') annotationsDisagree = true;
  }
  if (destructiveClaim && categoryRank(category) < categoryRank('Destructive')) {
    // The text agrees only if it does not itself say why the removal can be undone (a mark taken
    // off, a pairing unlinked, a cache cleared).
    const undoable = scored.some((e) => e.strong && UNDOABLE_REMOVALS.has(e.signal));
    if (scores.Destructive > 0 && !undoable) category = 'Destructive';
    else annotationsDisagree = true;
  }
  if (hints.readOnlyHint === false && category === 'Read') annotationsDisagree = true;

  // A router's verdict rests on how its description lists operations: never high; low when it lists none.
  const confidence = router
    ? router.operations.length > 0 && category === textCategory
      ? 'medium'
      : 'low'
    : confidenceOf(category, textCategory, strong, scored, annotationsDisagree, hints.readOnlyHint);
  const evidence: Evidence[] = [
    ...scored.map(({ source, signal, text, suggests }) => ({ source, signal, text, suggests })),
    ...annotationEvidence,
  ];
  return { category, risk: CATEGORY_RISK[category], confidence, evidence, textCategory };
}

function confidenceOf(
  category: Category,
  textCategory: Category | null,
  strong: readonly Scored[],
  scored: readonly Scored[],
  annotationsDisagree: boolean,
  readOnlyHint: boolean | undefined,
): Classification['confidence'] {
  // With no text to go on, a declared read-only hint decides, and is right far more often than not.
  if (textCategory === null) return category === 'Read' && readOnlyHint === true ? 'medium' : 'low';
  if (annotationsDisagree) return 'medium';
  const agreeing = strong.filter((e) => e.suggests === category);
  const against = scored.filter(
    (e) => e.suggests !== category && (e.strong || categoryRank(e.suggests) > categoryRank(category)),
  );
  if (agreeing.length === 0) return category === 'Read' && readOnlyHint === true ? 'medium' : 'low';
  const sources = new Set(agreeing.map((e) => e.source));
  const readOnlyAgrees = category === 'Read' && readOnlyHint === true;
  if (against.length === 0 && (sources.size >= 2 || readOnlyAgrees)) return 'high';
  return 'medium';
}
