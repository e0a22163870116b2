import { readFileSync } from 'node:fs';
import { loadCatalogue } from '#src/catalogue/load.ts';
import { contentDir } from '#src/catalogue/paths.ts';
import { closest } from '#src/policy/suggest.ts';
import { revealInvisible } from '#src/model/text.ts';
import type { ToolInfo } from '#src/policy/server.ts';

/**
 * Shared by scripts/validate.ts and scripts/eval.ts. A user's mistake (missing file, bad JSON,
 * unknown server, bad option) is a `UsageError`: one line on stderr and exit status 2.
 */
export class UsageError extends Error {}

/** Line and column (1-based) of a character offset, for JSON syntax errors. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Whether a prefix of a JSON text could still be completed into valid JSON: JSON.parse either
 * accepts it or complains only about its end ("Unexpected end of JSON input", or a string,
 * number or escape cut off exactly at the prefix's last character).
 */
function viablePrefix(text: string, length: number): boolean {
  try {
    JSON.parse(text.slice(0, length));
    return true;
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    if (message.startsWith('Unexpected end of JSON input')) return true;
    const at = /at position (\d+)/.exec(message);
    return at !== null && Number(at[1]) === length;
  }
}

/**
 * Where JSON.parse stopped: the length of the longest prefix that could still become valid JSON.
 * Being viable holds for every prefix up to the mistake and for none after it, so a binary search
 * finds the mistake in about log2(size) parses, whatever the text holds. V8's own "at position N"
 * is not used because it is missing for an unexpected token (`"default": deny`, `True`).
 */
function errorOffset(text: string): number {
  let good = 0;
  let bad = text.length;
  while (bad - good > 1) {
    const mid = good + Math.floor((bad - good) / 2);
    if (viablePrefix(text, mid)) good = mid;
    else bad = mid;
  }
  // The whole text was viable: the mistake is its end (an unfinished document).
  return viablePrefix(text, text.length) ? text.length : good;
}

/**
 * Parses JSON text (a leading byte-order mark is ignored), or throws a UsageError naming the
 * line and column of the mistake, on one line.
 */
export function parseJson(text: string, what: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const { line, column } = lineColumn(body, errorOffset(body));
    const reason = message
      .replace(/\s*(in JSON )?at position \d+.*$/s, '')
      .replace(/\s+in JSON$/, '')
      .replace(/^(Unexpected token '.+?'), .*$/su, '$1');
    throw new UsageError(
      `${what} is not valid JSON at line ${line}, column ${column}: ${revealInvisible(reason)}. Fix the syntax there (check commas, quotes and brackets).`,
    );
  }
}

/** Reads and parses a policy file, or throws a UsageError. */
export function readPolicyFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'it does not exist'
        : code === 'EISDIR'
          ? 'it is a folder'
          : `it cannot be read (${code ?? 'unknown error'})`;
    throw new UsageError(`Cannot read the policy file "${file}": ${why}. Check the path.`);
  }
  return parseJson(text, `The policy file "${file}"`);
}

/** The tools a catalogue server lists today, or a UsageError naming the closest server id. */
export function serverTools(id: string): ToolInfo[] {
  const { catalogue } = loadCatalogue(contentDir());
  const ids = catalogue.servers.map((s) => s.id);
  if (!ids.includes(id)) {
    const hint = closest(id, ids);
    throw new UsageError(
      `There is no server "${id}" in the catalogue (${contentDir()}).${hint ? ` Did you mean "${hint}"?` : ' The catalogue has no servers.'} Use the id of a file in content/servers/, without ".yaml".`,
    );
  }
  // A tool the server no longer lists (history.removed) cannot be called: a rule for it is a mistake.
  return catalogue.tools
    .filter((t) => t.data.server === id && !t.data.history?.removed)
    .map((t) => ({ name: t.data.name, inputSchema: t.data.definition.inputSchema }));
}

/** Runs a CLI's main function: usage errors exit 2 with one line, never a stack trace. */
export function runCli(main: () => number): void {
  try {
    process.exitCode = main();
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
    } else {
      process.stderr.write(
        `Unexpected error: ${err instanceof Error ? err.message : String(err)}. Please report it with the command you ran.\n`,
      );
    }
    process.exitCode = 2;
  }
}

/** Turns node:util parseArgs errors (unknown option, missing value) into a one-line UsageError. */
export function usage(err: unknown, help: string): UsageError {
  // node:util adds advice about positionals after the first sentence; keep only that sentence.
  const message =
    err instanceof Error
      ? err.message
          .split('\n')[0]!
          .split('. ')[0]!
          .replace(/\.?\s*$/, '')
      : String(err);
  return new UsageError(`${message}. Usage: ${help}`);
}
