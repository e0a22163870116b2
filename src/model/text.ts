/**
 * Helpers for showing text. Nothing here returns HTML built from server-supplied text: pages
 * render these strings through Astro's escaping expressions.
 */

/** Splits editor prose into paragraphs on blank lines. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * Splits prose on `code` spans, so a template can wrap the code parts in <code>. A span opens with a
 * run of backticks and closes at the next run of the same length, as in CommonMark, so a name that
 * holds a backtick is written ``a`b`` (see codeSpan); one space just inside both ends is dropped;
 * a run that nothing closes is plain text.
 */
export function codeSpans(text: string): { code: boolean; text: string }[] {
  const out: { code: boolean; text: string }[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`') {
      const next = text.indexOf('`', i);
      plain += text.slice(i, next === -1 ? text.length : next);
      i = next === -1 ? text.length : next;
      continue;
    }
    const run = /^`+/.exec(text.slice(i))![0];
    const closer = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
    closer.lastIndex = i + run.length;
    const close = closer.exec(text);
    if (!close) {
      plain += run;
      i += run.length;
      continue;
    }
    let body = text.slice(i + run.length, close.index);
    if (body.length > 1 && body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '') body = body.slice(1, -1);
    if (plain) out.push({ code: false, text: plain });
    plain = '';
    out.push({ code: true, text: body });
    i = close.index + run.length;
  }
  if (plain || out.length === 0) out.push({ code: false, text: plain });
  return out;
}

/** `text` as one code span that codeSpans reads back exactly, whatever backticks it holds. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad =
    text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '')
      ? ' '
      : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Invisible, direction-changing and control characters: what revealInvisible shows as code points. */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- these invisible characters are what it finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFFB]|\uDB40[\uDC00-\uDDEF]/g;

/**
 * Makes invisible and direction-changing characters visible as <U+XXXX>, so a reader sees
 * exactly what an MCP server sent. Used for the text of tool-poisoning flags.
 */
export function revealInvisible(text: string): string {
  return text.replace(INVISIBLE, (ch) => `<U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** Whether text has anything a reader can see: not only spaces and the characters revealInvisible shows. */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '').trim().length > 0;
}

/** Text that can change the direction of what follows it: right-to-left letters and bidi controls. */
const DIRECTIONAL =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|\uD802[\uDC00-\uDFFF]|\uD83A[\uDC00-\uDFFF]/;

/**
 * Server text placed inside the site's own sentence, isolated (U+2068 … U+2069) when it holds
 * right-to-left letters or bidi controls: whatever it does to its own direction ends with it, so
 * the sentence around it reads in its own order. Other text is returned as it is.
 */
export function isolate(text: string): string {
  return DIRECTIONAL.test(text) ? `\u2068${text}\u2069` : text;
}

/** Rough token cost of text in a model's context: about four characters per token for English and JSON. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
