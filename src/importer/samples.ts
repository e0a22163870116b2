import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'astro/zod';
import { AtlasError, showValue } from '#src/model/problems.ts';
import { serverSchema } from '#src/model/server.ts';
import { kind, parseToolsListFile, withoutBom } from './parse.ts';
import type { ServerInfo, SourceResult } from './sources.ts';
import { isObject } from '#src/model/object.ts';

/**
 * A saved live answer (samples/<id>.json). It is also a valid `--file` input: its `result` holds the
 * tools exactly as the server sent them, every page in order. Around it: when it was captured, the
 * source the records name, the names (never the values) of the variables the server was given, and
 * the server's own `serverInfo`, so an offline re-import writes what the live one wrote.
 */
export interface Sample {
  captured: string;
  source: string;
  env?: string[];
  serverInfo?: ServerInfo;
  result: { tools: unknown[] };
}

/** The text of a sample file for a live answer. */
export function sampleText(source: SourceResult, date: string): string {
  if (!source.answer) throw new Error('only a live answer can be saved as a sample');
  const sample: Sample = {
    captured: date,
    source: source.source,
    ...(source.env?.length ? { env: source.env } : {}),
    ...(source.answer.serverInfo ? { serverInfo: source.answer.serverInfo } : {}),
    result: { tools: source.answer.tools },
  };
  return `${JSON.stringify(sample, null, 2)}\n`;
}

/** What the server record keeps of `serverInfo` (`server_info`), with the record's own limits. */
const SERVER_INFO_LIMITS = { name: 200, version: 100 } as const;

/**
 * Checks a server's `serverInfo`, from its initialize answer (`saved` false: the MCP SDK has checked
 * the types) or from a saved sample (`saved` true: a file anyone may have edited), before anything
 * is planned, so a problem is named where it is, not in the records it would have produced.
 *
 * `name` and `version` are written into the server record's `server_info` on every import, and the
 * id of a new server comes from the name: one the record cannot hold as sent refuses the import,
 * since a record that shortened or converted it would say the server sent what it did not. `title`
 * and `websiteUrl` are optional in MCP and only fill in a new record's name and homepage, which
 * editors own afterwards: one that is not text is ignored with a warning, and the server's tools,
 * which may have changed in ways that matter, are still imported.
 */
export function checkServerInfo(
  value: unknown,
  where: string,
  saved: boolean,
): { serverInfo: ServerInfo; warnings: string[] } {
  const has = saved ? 'has' : 'sent';
  const fix = saved
    ? 'Correct it in the file (a sample holds what the server sent), or capture the answer again.'
    : 'The catalogue cannot record that as sent; check the server.';
  const refuse = (message: string): never => {
    throw new AtlasError('import-bad-server-info', `${where} ${message} ${fix}`);
  };
  if (!isObject(value)) {
    return refuse(
      `${has} a "serverInfo" that is ${kind(value)} (${showValue(value)}), not an object such as {"name": "…", "version": "…"}.`,
    );
  }
  const { name, version, title, websiteUrl } = value;
  if (name === undefined)
    refuse(`${has} a "serverInfo" without a "name"; MCP requires a server's name, and the catalogue records it.`);
  if (typeof name !== 'string')
    refuse(
      `${has} a "serverInfo.name" that is ${kind(name)} (${showValue(name)}), not a string; MCP gives a server's name as text.`,
    );
  const text = name as string;
  if (text === '')
    refuse(
      `${has} an empty "serverInfo.name" (${showValue(text)}); MCP requires a server's name, and the catalogue records it.`,
    );
  if (text.length > SERVER_INFO_LIMITS.name)
    refuse(
      `${has} a "serverInfo.name" of ${text.length} characters (${showValue(text)}), longer than the ${SERVER_INFO_LIMITS.name} a server record keeps.`,
    );
  if (version !== undefined && typeof version !== 'string')
    refuse(
      `${has} a "serverInfo.version" that is ${kind(version)} (${showValue(version)}), not a string; MCP gives a version as text, such as "1.2.0".`,
    );
  if (typeof version === 'string' && version.length > SERVER_INFO_LIMITS.version)
    refuse(
      `${has} a "serverInfo.version" of ${version.length} characters (${showValue(version)}), longer than the ${SERVER_INFO_LIMITS.version} a server record keeps.`,
    );
  if (!saved) return { serverInfo: value as unknown as ServerInfo, warnings: [] };
  const warnings: string[] = [];
  const optional = (field: string, v: unknown, use: string): v is string => {
    if (v === undefined || typeof v === 'string') return v !== undefined;
    warnings.push(
      `${where} has a "serverInfo.${field}" that is ${kind(v)} (${showValue(v)}), not a string, so it was ignored: ${use}. Correct or remove it in the file.`,
    );
    return false;
  };
  return {
    serverInfo: {
      name: text,
      ...(typeof version === 'string' ? { version } : {}),
      ...(optional('title', title, 'a new server record is named after "serverInfo.name" instead')
        ? { title: title as string }
        : {}),
      ...(optional('websiteUrl', websiteUrl, 'a new server record gets no homepage from it')
        ? { websiteUrl: websiteUrl as string }
        : {}),
    },
    warnings,
  };
}

/** The record's check of `import.env`: the names of variables, never their values. */
const envNames = serverSchema.shape.import.unwrap().shape.env;

/**
 * What a saved answer's text holds. A sample written by the importer (it has `captured`) gives back
 * its source, capture date, variable names and serverInfo, whether it is read offline or with
 * `--file`; each is checked first, and one that is not what the importer writes refuses the import
 * with the file and the field named. Any other saved tools/list answer is named by `fileSource`
 * (`file: <name>`). A leading byte-order mark is ignored.
 */
export function savedAnswer(text: string, where: string, fileSource: string): SourceResult {
  const checked = parseToolsListFile(text, where);
  const data = JSON.parse(withoutBom(text)) as unknown;
  if (!isObject(data) || !Object.hasOwn(data, 'captured')) return { ...checked, source: fileSource };
  const { captured, source, env } = data;
  // The same check as the import date and the records' date fields: a re-import is dated by it.
  if (typeof captured !== 'string' || !z.iso.date().safeParse(captured).success) {
    throw new AtlasError(
      'import-bad-sample',
      `${where} has "captured": ${showValue(captured)}, which is not a calendar date. It is the day the answer was saved, and a re-import from the file is dated by it: write it as YYYY-MM-DD, for example "2026-01-05".`,
    );
  }
  if (typeof source !== 'string' || source.trim() === '') {
    throw new AtlasError(
      'import-bad-sample',
      `${where} has "source": ${showValue(source)}, which does not say where the answer came from. Write the source as the importer saves it, for example "stdio: npx -y <package>" or "https://<host>/mcp".`,
    );
  }
  if (env !== undefined && !envNames.safeParse(env).success) {
    throw new AtlasError(
      'import-bad-sample',
      `${where} has "env": ${showValue(env)}, which is not a list of variable names. It names the variables the server was given (never their values), at most 100, such as ["API_KEY"]: correct it, or remove it.`,
    );
  }
  const info = data.serverInfo === undefined ? undefined : checkServerInfo(data.serverInfo, where, true);
  const names = (env as string[] | undefined) ?? [];
  const transport = source.startsWith('stdio:') ? 'stdio' : source.startsWith('http') ? 'streamable-http' : undefined;
  return {
    ...checked,
    source,
    captured,
    ...(info ? { serverInfo: info.serverInfo } : {}),
    ...(info?.warnings.length ? { warnings: info.warnings } : {}),
    ...(transport ? { transport } : {}),
    ...(names.length ? { env: names } : {}),
  };
}

/** Reads a saved answer for an offline import (see `savedAnswer`). */
export function readSample(path: string, label: string, fileSource = `file: ${label}`): SourceResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new AtlasError(
      'import-file-missing',
      `The saved answer ${label}${resolve(path) === resolve(label) ? '' : ` (looked for at ${resolve(path)})`} does not exist. Run the import once without --offline to capture it.`,
    );
  }
  return savedAnswer(text, `The saved answer ${label}`, fileSource);
}
