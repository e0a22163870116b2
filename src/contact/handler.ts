import { contactSchema } from '#src/model/contact.ts';
import { plural } from '#src/model/text.ts';
import { showValue } from '#src/model/problems.ts';
import type { ContactConfig } from './config.ts';
import { contactProblems, type ContactError, type ProblemPage } from './problems.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { ContactStore } from './store.ts';

/** Everything the handler needs besides the request; the Astro route supplies one shared set. */
export interface ContactRuntime {
  config: ContactConfig;
  store: ContactStore;
  limiter: RateLimiter;
  /** The deployed site's origin (from site.config.ts, when it sets `url`), always allowed to post. */
  siteOrigin?: string;
  /**
   * Renders the page a browser without JavaScript gets for a refusal, in the site's own layout
   * (the Astro route rewrites to an on-demand page). Without it, refusals are answered as JSON.
   */
  problemPage?: (problem: ProblemPage) => Response | Promise<Response>;
  /** Where a browser lands after a successful post without JavaScript. */
  sentPath: string;
  now?: () => Date;
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

class Refusal {
  readonly status: number;
  readonly title: string;
  readonly errors: ContactError[];
  readonly headers: Record<string, string>;
  readonly values: Record<string, unknown> | undefined;
  constructor(
    status: number,
    title: string,
    errors: ContactError[],
    headers: Record<string, string> = {},
    values?: Record<string, unknown>,
  ) {
    this.status = status;
    this.title = title;
    this.errors = errors;
    this.headers = headers;
    this.values = values;
  }
}

function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Browsers posting the form without JavaScript ask for HTML; scripts and fetch() get JSON. */
function wantsHtml(request: Request): boolean {
  if (mediaType(request) === 'application/json') return false;
  const accept = (request.headers.get('accept') ?? '').toLowerCase();
  const html = accept.indexOf('text/html');
  const json = accept.indexOf('application/json');
  return html !== -1 && (json === -1 || html < json);
}

/**
 * The client's address for the rate limit. X-Forwarded-For is read only when the operator said
 * how many proxies append to it (TRUST_PROXY); the entry that many places from the right is the
 * one the outermost trusted proxy saw, which a client cannot forge.
 */
export function clientKey(request: Request, socketAddress: string, trustProxy: number): string {
  if (trustProxy <= 0) return socketAddress;
  const forwarded = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (forwarded.length === 0) return socketAddress;
  return forwarded[Math.max(0, forwarded.length - trustProxy)]!;
}

/** Which origins may post: this server as addressed, the configured site, and any listed extra. */
export function originAllowed(
  request: Request,
  origin: string,
  rt: Pick<ContactRuntime, 'config' | 'siteOrigin'>,
): boolean {
  if (origin === new URL(request.url).origin || origin === rt.siteOrigin || rt.config.allowedOrigins.includes(origin))
    return true;
  // Behind a TLS-terminating proxy the server sees http:// while the browser says https://;
  // the host the browser addressed is what identifies this site.
  try {
    const host = request.headers.get('host');
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}

function checkOrigin(request: Request, rt: ContactRuntime): void {
  const origin = request.headers.get('origin');
  const crossSite = request.headers.get('sec-fetch-site') === 'cross-site';
  // Browsers send Origin with every POST; a request without it comes from a script or a
  // command-line client, which cannot ride on a visitor's browser, so it is let through.
  if (origin === null ? crossSite : !originAllowed(request, origin, rt)) {
    throw new Refusal(403, 'Sent from another site', [
      {
        field: null,
        code: 'contact-forbidden-origin',
        message: `This contact form only accepts messages sent from its own site, and this one came from ${origin ?? 'another site'}. Open the contact page on this site and send your message from there.`,
      },
    ]);
  }
}

function tooLarge(max: number): Refusal {
  return new Refusal(413, 'Message too large', [
    {
      field: null,
      code: 'contact-too-large',
      message: `The message is larger than the ${Math.floor(max / 1024)} KiB this form accepts. Shorten it and send it again.`,
    },
  ]);
}

/** How far past the limit an oversize body is drained, so its sender can still read the 413. */
const DRAIN_FACTOR = 16;

/** Reads at most `max` bytes; anything longer is refused before any parsing happens. */
async function readBody(request: Request, max: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) throw tooLarge(max);
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      // Read and drop the rest (up to a cap) rather than cut the connection: a client still
      // uploading would otherwise see a reset instead of the 413 that explains the refusal.
      chunks.length = 0;
      while (total <= max * DRAIN_FACTOR) {
        const next = await reader.read();
        if (next.done) throw tooLarge(max);
        total += next.value.byteLength;
      }
      await reader.cancel().catch(() => {});
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function malformed(message: string): Refusal {
  return new Refusal(400, 'Message could not be read', [{ field: null, code: 'contact-malformed-body', message }]);
}

/**
 * Bytes that are not UTF-8, or a JSON escape of half a surrogate pair (`\ud800`), are not text: a
 * lenient decoder would store U+FFFD in their place, which is not what was sent. The form's page is
 * UTF-8, so a browser always sends UTF-8; anything else is refused, whatever the body's type.
 */
function notText(): Refusal {
  return malformed(
    'The message holds bytes that are not valid UTF-8 text (or, in JSON, an escape of half a surrogate pair such as \\ud800), so it cannot be stored as it was sent. Send it again from the contact page, or encode the text as UTF-8.',
  );
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF8_KEEPING_BOM = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes UTF-8, or refuses the body. A leading byte-order mark is dropped from a whole body, as
 * before, and kept in one form field (`keepBom`), as the URL standard's form decoding keeps it.
 */
function utf8(bytes: Uint8Array, keepBom = false): string {
  try {
    return (keepBom ? UTF8_KEEPING_BOM : UTF8).decode(bytes);
  } catch {
    throw notText();
  }
}

/** Whether every string in a parsed body, keys included, is well-formed Unicode (no lone surrogate). */
function wellFormed(value: unknown): boolean {
  if (typeof value === 'string') return value.isWellFormed();
  if (value === null || typeof value !== 'object') return true;
  return Object.entries(value).every(([k, v]) => k.isWellFormed() && wellFormed(v));
}

const isHex = (byte: number) => (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66);

/**
 * One name or value of an application/x-www-form-urlencoded body, as the URL standard decodes it
 * (`+` is a space, `%XX` a byte, a `%` without two hex digits is itself), except that bytes that
 * are not UTF-8 are refused rather than replaced with U+FFFD.
 */
function formComponent(text: string): string {
  const bytes = new TextEncoder().encode(text.replaceAll('+', ' '));
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x25 && i + 2 < bytes.length && isHex(bytes[i + 1]!) && isHex(bytes[i + 2]!)) {
      out[n++] = parseInt(String.fromCharCode(bytes[i + 1]!, bytes[i + 2]!), 16);
      i += 2;
    } else out[n++] = b;
  }
  return utf8(out.subarray(0, n), true);
}

/** The fields of an application/x-www-form-urlencoded body, in order (URLSearchParams, but strict). */
function formFields(bytes: Uint8Array): [string, string][] {
  const fields: [string, string][] = [];
  for (const part of utf8(bytes).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    fields.push(
      eq === -1 ? [formComponent(part), ''] : [formComponent(part.slice(0, eq)), formComponent(part.slice(eq + 1))],
    );
  }
  return fields;
}

/**
 * Form fields become strings; a field sent twice becomes a list, which the schema refuses. A file
 * part stays a File, which `refuseFiles` turns into a problem for its field.
 */
function fieldsToObject(entries: Iterable<[string, FormDataEntryValue]>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, v] of entries) {
    const existing = out[key];
    out[key] = existing === undefined ? v : Array.isArray(existing) ? [...existing, v] : [existing, v];
  }
  return out;
}

/**
 * How deep a body may nest: the form sends an object of strings, and a field sent twice becomes a
 * list. Anything deeper is not a contact message, and walking it could exhaust the stack.
 */
const MAX_NESTING = 2;

function nestedDeeper(value: unknown, depth = 1): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth > MAX_NESTING) return true;
  return Object.values(value).some((v) => nestedDeeper(v, depth + 1));
}

/** Only text a person typed is stored: a file sent as a field is refused, naming the field. */
function refuseFiles(input: unknown): void {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return;
  const errors: ContactError[] = [];
  for (const [field, value] of Object.entries(input)) {
    const file = [value].flat().find((v): v is File => v instanceof File);
    if (file) {
      errors.push({
        field,
        code: 'contact-not-text',
        message: `The field ${showValue(field)} was sent as a file (${showValue(file.name)}); it must be text. Type it into the form and send it again.`,
      });
    }
  }
  if (errors.length > 0) throw new Refusal(422, 'Please check your message', errors);
}

async function parseBody(request: Request, bytes: Uint8Array<ArrayBuffer>): Promise<unknown> {
  const type = mediaType(request);
  if (type === 'application/json') {
    const text = utf8(bytes);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw malformed(
        'The request body is not valid JSON. Send an object such as {"name": "…", "email": "…", "message": "…"}.',
      );
    }
    if (nestedDeeper(data)) {
      throw malformed(
        'The request body is nested deeper than a contact message can be. Send an object of text fields, such as {"name": "…", "email": "…", "message": "…"}.',
      );
    }
    if (!wellFormed(data)) throw notText();
    return data;
  }
  if (type === 'application/x-www-form-urlencoded') return fieldsToObject(formFields(bytes));
  let form: FormData;
  try {
    form = await new Response(bytes, {
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
    }).formData();
  } catch {
    throw malformed('The request body is not a valid multipart form. Send the form again from the contact page.');
  }
  const entries = [...form.entries()];
  // The parser reads text parts leniently; a body of text parts alone must be UTF-8 throughout (a
  // file part, which may be anything, is refused as a file, naming its field).
  if (!entries.some(([, v]) => v instanceof File)) utf8(bytes);
  return fieldsToObject(entries);
}

function answerHeaders(request: Request, rt: ContactRuntime, extra: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  };
  const origin = request.headers.get('origin');
  if (origin && origin !== new URL(request.url).origin && originAllowed(request, origin, rt)) {
    headers['access-control-allow-origin'] = origin;
    headers['vary'] = 'Origin';
  }
  return headers;
}

function respond(
  request: Request,
  rt: ContactRuntime,
  status: number,
  body: Record<string, unknown>,
  extra: Record<string, string>,
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...answerHeaders(request, rt, extra), 'content-type': 'application/json; charset=utf-8' },
  });
}

/** Only the fields the form shows again: never the honeypot, never a list or a file. */
function shownValues(values: Record<string, unknown> | undefined): ProblemPage['values'] {
  if (!values) return undefined;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return { name: text(values.name), email: text(values.email), message: text(values.message), page: text(values.page) };
}

async function refuse(request: Request, rt: ContactRuntime, r: Refusal): Promise<Response> {
  if (rt.problemPage && wantsHtml(request)) {
    const page = await rt.problemPage({
      status: r.status,
      title: r.title,
      errors: r.errors,
      values: shownValues(r.values),
    });
    const headers = new Headers(page.headers);
    for (const [k, v] of Object.entries(answerHeaders(request, rt, r.headers))) headers.set(k, v);
    headers.set('content-type', 'text/html; charset=utf-8');
    return new Response(page.body, { status: r.status, headers });
  }
  const summary =
    r.errors.length === 1
      ? r.errors[0]!.message
      : `The message was not sent: ${r.errors.length} fields need attention.`;
  return respond(request, rt, r.status, { ok: false, message: summary, errors: r.errors }, r.headers);
}

/**
 * Answers one POST to the contact endpoint. Checks run cheapest first, and nothing is stored
 * unless every check passed; a success is only reported after the store has committed.
 */
export async function handleContact(request: Request, socketAddress: string, rt: ContactRuntime): Promise<Response> {
  const key = clientKey(request, socketAddress, rt.config.trustProxy);
  let reserved: number | undefined;
  try {
    const decision = rt.limiter.hit(key);
    if (decision.allowed) reserved = decision.at;
    else {
      const seconds = Math.round(rt.limiter.windowMs / 1000);
      const minutes =
        seconds === 60 ? 'a minute' : seconds % 60 === 0 ? plural(seconds / 60, 'minute') : plural(seconds, 'second');
      throw new Refusal(
        429,
        'Too many messages',
        [
          {
            field: null,
            code: 'contact-rate-limited',
            message: `Too many messages came from your address: at most ${rt.limiter.limit} are accepted in ${minutes}. Please wait ${plural(decision.retryAfterSeconds, 'second')} and send it again.`,
          },
        ],
        { 'retry-after': String(decision.retryAfterSeconds) },
      );
    }
    checkOrigin(request, rt);
    const type = mediaType(request);
    if (type !== 'application/json' && !FORM_TYPES.includes(type)) {
      throw new Refusal(415, 'Message could not be read', [
        {
          field: null,
          code: 'contact-unsupported-type',
          message: `The request body has the type "${type || 'none'}", which this endpoint does not read. Send it as application/x-www-form-urlencoded, multipart/form-data or application/json.`,
        },
      ]);
    }
    const input = await parseBody(request, await readBody(request, rt.config.maxBodyBytes));
    refuseFiles(input);
    const parsed = contactSchema.safeParse(input);
    if (!parsed.success) {
      const values =
        input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : undefined;
      throw new Refusal(422, 'Please check your message', contactProblems(parsed.error, input), {}, values);
    }
    let stored;
    try {
      stored = await rt.store.save(parsed.data, rt.now?.() ?? new Date());
    } catch (error) {
      console.error('[contact] A message could not be stored:', error);
      throw new Refusal(500, 'Message not saved', [
        {
          field: null,
          code: 'contact-store-failed',
          message: 'The server could not save your message, so it was not sent. Please try again in a few minutes.',
        },
      ]);
    }
    if (wantsHtml(request)) {
      return new Response(null, { status: 303, headers: { location: rt.sentPath, 'cache-control': 'no-store' } });
    }
    return respond(request, rt, 201, { ok: true, id: stored.id, message: 'Message sent.' }, {});
  } catch (error) {
    // Only accepted messages use up the limit; a refused post counts against the address's
    // (larger) budget of refused posts, and a post the server failed to store counts for nothing.
    if (reserved !== undefined) rt.limiter.release(key, reserved, error instanceof Refusal && error.status < 500);
    if (error instanceof Refusal) return await refuse(request, rt, error);
    throw error;
  }
}

/** Answers a CORS preflight: only origins this endpoint accepts posts from get a yes. */
export function handlePreflight(request: Request, rt: Pick<ContactRuntime, 'config' | 'siteOrigin'>): Response {
  const origin = request.headers.get('origin');
  if (!origin || !originAllowed(request, origin, rt)) return new Response(null, { status: 403 });
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type, accept',
      'access-control-max-age': '600',
      vary: 'Origin',
    },
  });
}
