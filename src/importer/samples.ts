import { readFileSync } from 'node:fs';
import { AtlasError } from '#src/model/problems.ts';
import { parseToolsListFile, withoutBom } from './parse.ts';
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

/**
 * What a saved answer's text holds. A sample written by the importer gives back its source, capture
 * date, variable names and serverInfo, whether it is read offline or with `--file`; any other saved
 * tools/list answer is named by `fileSource` (`file: <name>`). A leading byte-order mark is ignored.
 */
export function savedAnswer(text: string, where: string, fileSource: string): SourceResult {
  const checked = parseToolsListFile(text, where);
  const data = JSON.parse(withoutBom(text)) as unknown;
  if (!isObject(data) || typeof data.captured !== 'string' || typeof data.source !== 'string') {
    return { ...checked, source: fileSource };
  }
  const info = isObject(data.serverInfo) && typeof data.serverInfo.name === 'string' ? data.serverInfo : undefined;
  const env = Array.isArray(data.env) ? data.env.filter((e): e is string => typeof e === 'string') : [];
  const transport = data.source.startsWith('stdio:')
    ? 'stdio'
    : data.source.startsWith('http')
      ? 'streamable-http'
      : undefined;
  return {
    ...checked,
    source: data.source,
    captured: data.captured,
    ...(info ? { serverInfo: info as unknown as ServerInfo } : {}),
    ...(transport ? { transport } : {}),
    ...(env.length ? { env } : {}),
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
      `The saved answer ${label} does not exist. Run the import once without --offline to capture it.`,
    );
  }
  return savedAnswer(text, `The saved answer ${label}`, fileSource);
}
