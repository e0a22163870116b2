import { Document, isAlias, parse, parseDocument, visit, type Node } from 'yaml';

/** One printer for every record the importer writes: no line folding, trailing newline. */
export const PRINT = { lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true } as const;

/**
 * Whether a string written as a plain scalar would be read back as something else by a YAML 1.1
 * parser (dates, yes/no, octal, sexagesimal). Astro's content loader is one, so the importer quotes
 * such strings: `first_seen: "2026-01-10"` stays a string there too.
 */
function misreadByYaml11(value: string): boolean {
  if (value.includes('\n')) return false;
  try {
    return parse(value, { version: '1.1' }) !== value;
  } catch {
    return true;
  }
}

function quoteAmbiguous(node: unknown): void {
  visit(node as Node, {
    Scalar(_key, scalar) {
      if (typeof scalar.value === 'string' && misreadByYaml11(scalar.value)) scalar.type = 'QUOTE_DOUBLE';
    },
  });
}

/**
 * Prints a record whose keys are already in the schema's order. `keep` holds nodes taken verbatim
 * from the existing file (the editor's `editorial` block), so their comments and layout survive.
 */
export function printRecord(record: Record<string, unknown>, keep: Record<string, Node> = {}): string {
  const doc = new Document(record, { keepUndefined: false });
  quoteAmbiguous(doc.contents);
  for (const [key, node] of Object.entries(keep)) doc.set(key, node);
  const text = doc.toString(PRINT);
  return text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * The top-level node `key` of a YAML text, when it can be moved into another document intact: a
 * node that contains aliases depends on anchors elsewhere in its file, so the caller falls back to
 * the parsed value instead.
 */
export function portableNode(text: string, key: string): Node | undefined {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) return undefined;
  const node = doc.get(key, true) as Node | undefined;
  if (!node) return undefined;
  let hasAlias = false;
  visit(node, (_key, n) => {
    if (isAlias(n)) {
      hasAlias = true;
      return visit.BREAK;
    }
    return undefined;
  });
  return hasAlias ? undefined : node;
}

/**
 * Updates some top-level keys of an existing YAML record in place and keeps everything else,
 * including comments and key order (new keys go at the end). Used for server records, which are
 * mostly an editor's.
 */
export function updateRecord(text: string, updates: Record<string, unknown>): string {
  const doc = parseDocument(text, { uniqueKeys: true });
  for (const [key, value] of Object.entries(updates)) {
    if (value === undefined) doc.delete(key);
    else {
      const node = doc.createNode(value);
      quoteAmbiguous(node);
      doc.set(key, node);
    }
  }
  const out = doc.toString(PRINT);
  return out.endsWith('\n') ? out : `${out}\n`;
}
