import { revealInvisible } from '#src/model/text.ts';

/** Line breaks a terminal acts on: a server's text could start a line that looks like the importer's. */
const LINE_BREAKS = /[\n\r\u2028\u2029]/g;
/** The same without `\n`, for messages whose lines are the importer's own (a list of problems). */
const LINE_BREAKS_BUT_NEWLINE = /[\r\u2028\u2029]/g;

const codePoint = (ch: string) => `<U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;

/**
 * Text a server sent, fit for a terminal: escape sequences, other control characters and
 * invisible or direction-changing characters are shown as <U+XXXX>, as `npm run review` shows them
 * (revealInvisible), so a tool list cannot clear the screen, hide a warning or reverse a line.
 * Line breaks are shown the same way, so every piece of server text stays on its own line; with
 * `lines`, `\n` is kept, for a whole message whose lines the importer wrote.
 */
export function terminalText(text: string, options: { lines?: boolean } = {}): string {
  return revealInvisible(text).replace(options.lines ? LINE_BREAKS_BUT_NEWLINE : LINE_BREAKS, codePoint);
}

/** Longest parameter name, in code points, a change summary quotes in full. */
export const NAME_IN_SUMMARY = 100;

/**
 * The text as it is when it has at most `max` code points, else its first `max - 1` code points
 * and "…": recognisable, short, and never cut inside a surrogate pair.
 */
export function shorten(text: string, max: number): string {
  // A code point is at most two UTF-16 units, so text this short cannot be too long.
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/**
 * At most `max` UTF-16 units of the text (the unit a record schema's length limit counts), never
 * ending inside a surrogate pair: a cut pair would leave half a character in the record.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
