import { createHighlighter, type Highlighter } from 'shiki';

/** Light colours inline; the dark ones as --shiki-dark, which global.css applies in the dark theme. */
const THEMES = { light: 'github-light', dark: 'github-dark' } as const;
let highlighter: Promise<Highlighter> | undefined;
const cache = new Map<string, string>();

function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: Object.values(THEMES), langs: ['json'] });
  return highlighter;
}

/**
 * Highlights JSON once per distinct text. A catalogue repeats the same few policy shapes across
 * thousands of pages, so most calls are cache hits.
 */
export async function highlightJson(code: string): Promise<string> {
  const hit = cache.get(code);
  if (hit !== undefined) return hit;
  const html = (await getHighlighter()).codeToHtml(code, { lang: 'json', themes: THEMES });
  if (cache.size < 5000) cache.set(code, html);
  return html;
}

/**
 * Highlights a policy that differs from a shared template only by one tool name. The template is
 * highlighted once with a placeholder in place of the name, and the name is put back into the
 * HTML. This is exact because tool names are limited to [A-Za-z0-9_.-]: characters that need no
 * escaping in JSON or HTML and never change how a JSON string is tokenized.
 */
export async function highlightForTool(
  code: string,
  tool: string,
  placeholder: string,
  template: string,
): Promise<string> {
  if (!/^[A-Za-z0-9_.-]+$/.test(tool) || template.replaceAll(placeholder, tool) !== code) return highlightJson(code);
  const html = await highlightJson(template);
  return html.replaceAll(placeholder, tool);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Code with no highlighting (Cedar, which Shiki's bundled grammars leave plain), escaped for HTML. */
export function plainCodeHtml(code: string): string {
  return `<pre class="plain-code"><code>${code.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!)}</code></pre>`;
}
