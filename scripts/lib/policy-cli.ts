import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCatalogue } from '#src/catalogue/load.ts';
import { plausible } from '#src/policy/suggest.ts';
import { revealInvisible } from '#src/model/text.ts';
import type { ToolInfo } from '#src/policy/server.ts';
import { AtlasError } from '#src/model/problems.ts';
import type { CliIo } from './cli.ts';

/*
 * Shared by scripts/validate.ts and scripts/eval.ts. A user's mistake (missing file, bad JSON,
 * unknown server, bad option) is an `AtlasError` with a `cli-*` code: one line on stderr and exit
 * status 2.
 */

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
 * Parses JSON text (a leading byte-order mark is ignored), or throws an AtlasError naming the
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
    throw new AtlasError(
      'cli-json',
      `${what} is not valid JSON at line ${line}, column ${column}: ${revealInvisible(reason)}. Fix the syntax there (check commas, quotes and brackets).`,
    );
  }
}

/** Reads and parses a policy file, or throws an AtlasError. */
export function readPolicyFile(file: string, cwd: string = process.cwd()): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'it does not exist'
        : code === 'EISDIR'
          ? 'it is a folder'
          : `it cannot be read (${code ?? 'unknown error'})`;
    throw new AtlasError('cli-file', `Cannot read the policy file "${file}": ${why}. Check the path.`);
  }
  return parseJson(text, `The policy file "${file}"`);
}

/** The tools a server of the catalogue in `dir` lists today, or an AtlasError naming the closest server id. */
export function serverTools(id: string, dir: string): ToolInfo[] {
  const { catalogue } = loadCatalogue(dir);
  const ids = catalogue.servers.map((s) => s.id);
  if (!ids.includes(id)) {
    const hint = plausible(id, ids);
    throw new AtlasError(
      'cli-unknown-server',
      `There is no server "${id}" in the catalogue (${dir}).${hint ? ` Did you mean "${hint}"?` : ' The catalogue has no servers.'} Use the id of a file in content/servers/, without ".yaml".`,
    );
  }
  // A tool the server no longer lists (history.removed) cannot be called: a rule for it is a mistake.
  return catalogue.tools
    .filter((t) => t.data.server === id && !t.data.history?.removed)
    .map((t) => ({ name: t.data.name, inputSchema: t.data.definition.inputSchema }));
}

/**
 * Runs the body of a policy CLI and returns its exit status: a user's mistake (an AtlasError) is
 * one line on stderr and status 2, never a stack trace; so is anything unexpected.
 */
export function guarded(io: CliIo, body: () => number): number {
  try {
    return body();
  } catch (err) {
    if (err instanceof AtlasError) {
      io.stderr(`${err.message}\n`);
    } else {
      io.stderr(
        `Unexpected error: ${err instanceof Error ? err.message : String(err)}. Please report it with the command you ran.\n`,
      );
    }
    return 2;
  }
}

/** Turns node:util parseArgs errors (unknown option, missing value) into a one-line AtlasError. */
export function usage(err: unknown, help: string): AtlasError {
  // node:util adds advice about positionals after the first sentence; keep only that sentence.
  const message =
    err instanceof Error
      ? err.message
          .split('\n')[0]!
          .split('. ')[0]!
          .replace(/\.?\s*$/, '')
      : String(err);
  // "Option '--limit' argument is ambiguous": its value is missing, or starts with a dash.
  const option = /^Option '(--[^']+)' argument is ambiguous/.exec(message)?.[1];
  const hint = option ? ` Give it a value; one that starts with "-" is written ${option}=-…` : '';
  return new AtlasError('cli-usage', `${message}.${hint} Usage: ${help}`);
}
