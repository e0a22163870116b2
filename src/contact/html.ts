import { CONTACT_LIMITS, HONEYPOT_FIELD } from '#src/model/contact.ts';
import type { ContactError } from './problems.ts';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface ProblemPage {
  status: number;
  title: string;
  errors: ContactError[];
  /** What the visitor typed, when the body could be read; shown again in the form, escaped. */
  values?: Record<string, unknown> | undefined;
  /** Where the form posts to. */
  action: string;
  siteName: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The answer to a form posted without JavaScript that could not be accepted: a complete page
 * listing each problem and, when the body was readable, the form again with the visitor's text
 * so nothing has to be typed twice. Every piece of input passes through `escapeHtml`.
 */
export function renderProblemPage(p: ProblemPage): string {
  const v = p.values ?? {};
  const byField = new Map(p.errors.filter((e) => e.field).map((e) => [e.field, e.message]));
  const fieldError = (field: string) => {
    const message = byField.get(field);
    return message ? `<p class="field-error" id="${field}-error">${escapeHtml(message)}</p>` : '';
  };
  const invalid = (field: string) =>
    byField.has(field) ? ` aria-invalid="true" aria-describedby="${field}-error"` : '';
  const list = p.errors
    .map(
      (e) =>
        `<li>${e.field ? `<a href="#contact-${escapeHtml(e.field)}">${escapeHtml(e.field)}</a>: ` : ''}${escapeHtml(e.message)}</li>`,
    )
    .join('\n        ');
  const form = p.values
    ? `
    <form method="post" action="${escapeHtml(p.action)}" class="contact-form">
      <input type="hidden" name="page" value="${escapeHtml(text(v.page))}" />
      <p><label for="contact-name">Name</label>
        <input id="contact-name" name="name" autocomplete="name" required maxlength="${CONTACT_LIMITS.name.max}" value="${escapeHtml(text(v.name))}"${invalid('name')} /></p>
      ${fieldError('name')}
      <p><label for="contact-email">Email</label>
        <input id="contact-email" name="email" type="email" autocomplete="email" required maxlength="${CONTACT_LIMITS.email.max}" value="${escapeHtml(text(v.email))}"${invalid('email')} /></p>
      ${fieldError('email')}
      <p><label for="contact-message">Message</label>
        <textarea id="contact-message" name="message" rows="6" required maxlength="${CONTACT_LIMITS.message.max}"${invalid('message')}>${escapeHtml(text(v.message))}</textarea></p>
      ${fieldError('message')}
      <p class="hp" aria-hidden="true"><label for="contact-${HONEYPOT_FIELD}">Leave this field empty</label>
        <input id="contact-${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off" value="" /></p>
      <p><button type="submit">Send message</button></p>
    </form>`
    : `
    <p><a href="/contact/">Back to the contact form</a></p>`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${escapeHtml(p.title)} · ${escapeHtml(p.siteName)}</title>
    <style>
      body { margin: 0; font: 16px/1.55 system-ui, sans-serif; color: #1d2330; background: #fbfbfa; }
      header { padding: 0.75rem 1.5rem; border-bottom: 1px solid #dfe2e8; background: #fff; }
      header a { font-weight: 700; color: #1d2330; text-decoration: none; }
      main { max-width: 40rem; margin: 0 auto; padding: 1.5rem; }
      .errors { border: 1px solid #b3122b; border-radius: 8px; padding: 0.5rem 1rem; background: #fff; }
      .field-error { color: #b3122b; margin-top: -0.5rem; }
      label { display: block; font-weight: 600; }
      input, textarea { width: 100%; font: inherit; padding: 0.4rem; }
      .hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
      a { color: #2b4fd8; }
    </style>
  </head>
  <body>
    <header><a href="/">${escapeHtml(p.siteName)}</a></header>
    <main id="main">
    <h1>${escapeHtml(p.title)}</h1>
    <div class="errors" role="alert">
      <p>Your message was not sent:</p>
      <ul>
        ${list}
      </ul>
    </div>${form}
    </main>
  </body>
</html>
`;
}
