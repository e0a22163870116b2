import { CATEGORIES, CATEGORY_RISK, categoryRank, type Category } from '#src/model/taxonomy.ts';
import type { Classification, Evidence, ToolDefinition } from '#src/model/tool.ts';
import {
  ANNOTATION_RULES,
  DECISIVE_SCORE,
  DESCRIPTION_RULES,
  FALLBACK_CATEGORY,
  IGNORED_NAME_TOKENS,
  NAME_RULES,
  PROPERTY_RULES,
} from './rules.ts';

/** What the classifier needs: the tool's name and the definition as its server declares it. */
export interface ClassifyInput {
  name: string;
  definition: ToolDefinition;
  /** The names of every tool the same server lists (this one included), when known. */
  siblings?: readonly string[];
}

/** Longest quote kept in one evidence item; the schema allows 2000, a page needs far less. */
const MAX_QUOTE = 300;

/** `getUserByID`, `delete_file`, `gzip-file-as-resource` → lower-case word tokens. */
export function tokenize(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '' && !IGNORED_NAME_TOKENS.has(t));
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_QUOTE ? `${flat.slice(0, MAX_QUOTE - 1)}…` : flat;
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

function tokenEvidence(text: string, source: 'name' | 'title', weightDrop: number): ScoredEvidence[] {
  const tokens = new Set(tokenize(text));
  const out: ScoredEvidence[] = [];
  for (const rule of NAME_RULES) {
    const hits = rule.tokens.filter((t) => tokens.has(t));
    if (hits.length === 0) continue;
    out.push({
      source,
      signal: rule.id,
      text: clip(text),
      suggests: rule.suggests,
      weight: rule.weight - weightDrop,
    });
  }
  return out;
}

function descriptionEvidence(description: string): ScoredEvidence[] {
  const out: ScoredEvidence[] = [];
  for (const rule of DESCRIPTION_RULES) {
    const match = rule.pattern.exec(description);
    if (!match) continue;
    out.push({
      source: 'description',
      signal: rule.id,
      text: sentenceAround(description, match.index, match[0].length),
      suggests: rule.suggests,
      weight: rule.weight,
    });
  }
  return out;
}

function schemaEvidence(inputSchema: ToolDefinition['inputSchema']): ScoredEvidence[] {
  const properties = inputSchema.properties ?? {};
  const out: ScoredEvidence[] = [];
  for (const rule of PROPERTY_RULES) {
    const hits: string[] = [];
    for (const [prop, schema] of Object.entries(properties)) {
      const tokens = tokenize(prop);
      const format = schema && typeof schema === 'object' ? (schema as { format?: unknown }).format : undefined;
      if (rule.tokens.some((t) => tokens.includes(t)) || (rule.format !== undefined && format === rule.format))
        hits.push(prop);
    }
    if (hits.length === 0) continue;
    out.push({
      source: 'input-schema',
      signal: rule.id,
      text: clip(hits.map((h) => `properties.${h}`).join(', ')),
      suggests: rule.suggests,
      weight: rule.weight,
    });
  }
  return out;
}

function annotationEvidence(annotations: ToolDefinition['annotations']): Evidence[] {
  if (!annotations) return [];
  return ANNOTATION_RULES.filter((rule) => rule.when(annotations)).map((rule) => ({
    source: 'annotation' as const,
    signal: rule.id,
    text: rule.quote,
    suggests: rule.suggests,
  }));
}

interface ScoredEvidence extends Evidence {
  weight: number;
}

/** More severe categories first, so ties and "any decisive danger" resolve towards caution. */
const BY_SEVERITY: readonly Category[] = [...CATEGORIES].sort((a, b) => categoryRank(b) - categoryRank(a));

export interface ClassifyResult extends Classification {
  /** The category the definition's text alone points to, before annotations could raise it. */
  textCategory: Category | null;
}

/**
 * Classifies one tool.
 *
 * 1. Every rule in rules.ts that matches the name, title, description or input schema adds its
 *    weight to the category it suggests.
 * 2. The text's category is the most severe one whose total reaches DECISIVE_SCORE; if none does,
 *    the one with the highest total (ties go to the more severe).
 * 3. Declared annotations can only raise that: the result is the more severe of the text's category
 *    and the most severe category any matching annotation rule suggests. When the text gives no
 *    evidence at all, the annotations decide alone, and without those the tool falls back to Write.
 * 4. Risk is the category's default (CATEGORY_RISK). Confidence is high when the winning category
 *    has strong, uncontested text evidence, low when it rests on a fallback or a lone hint.
 */
export function classify(input: ClassifyInput): ClassifyResult {
  const { definition } = input;
  const scored: ScoredEvidence[] = [
    ...tokenEvidence(input.name, 'name', 0),
    ...(definition.title ? tokenEvidence(definition.title, 'title', 1) : []),
    ...(definition.annotations?.title && definition.annotations.title !== definition.title
      ? tokenEvidence(definition.annotations.title, 'title', 1)
      : []),
    ...(definition.description ? descriptionEvidence(definition.description) : []),
    ...schemaEvidence(definition.inputSchema),
  ];
  const fromAnnotations = annotationEvidence(definition.annotations);

  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const e of scored) scores[e.suggests] += e.weight;

  let textCategory: Category | null = null;
  if (scored.length > 0) {
    textCategory =
      BY_SEVERITY.find((c) => scores[c] >= DECISIVE_SCORE) ??
      BY_SEVERITY.reduce((best, c) => (scores[c] > scores[best] ? c : best), BY_SEVERITY[0] as Category);
  }

  const annotationCategory = fromAnnotations.reduce<Category | null>(
    (best, e) => (best === null || categoryRank(e.suggests) > categoryRank(best) ? e.suggests : best),
    null,
  );

  let category: Category;
  if (textCategory === null) category = annotationCategory ?? FALLBACK_CATEGORY;
  else if (annotationCategory !== null && categoryRank(annotationCategory) > categoryRank(textCategory))
    category = annotationCategory;
  else category = textCategory;

  const readOnlyClaim = definition.annotations?.readOnlyHint === true;
  const confidence = confidenceOf(category, textCategory, scores, readOnlyClaim);
  const evidence: Evidence[] = [...scored, ...fromAnnotations].map(({ source, signal, text, suggests }) => ({
    source,
    signal,
    text,
    suggests,
  }));

  return { category, risk: CATEGORY_RISK[category], confidence, evidence, textCategory };
}

function confidenceOf(
  category: Category,
  textCategory: Category | null,
  scores: Record<Category, number>,
  readOnlyClaim: boolean,
): Classification['confidence'] {
  if (textCategory === null) return 'low';
  // The annotations raised the category above what the text says, or claim read-only for a tool
  // whose text says otherwise: the server and the text disagree.
  if (category !== textCategory) return 'medium';
  if (readOnlyClaim && category !== 'Read') return 'medium';
  const winner = scores[category];
  const rivals = CATEGORIES.filter((c) => c !== category && categoryRank(c) > categoryRank(category) && scores[c] > 0);
  if (winner >= 5 && rivals.length === 0) return 'high';
  if (winner >= DECISIVE_SCORE) return 'medium';
  return 'low';
}
