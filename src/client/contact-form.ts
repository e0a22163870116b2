/**
 * Sends the contact form in place. Without this script the form still works: it posts normally
 * and the server answers with the thank-you page or a page listing the problems.
 */
interface FieldError {
  field: string | null;
  message: string;
}

class ContactFormElement extends HTMLElement {
  connectedCallback(): void {
    const form = this.querySelector('form');
    if (!form) return;
    // With the script, the server's per-field sentences replace the browser's own bubbles;
    // without it, the browser checks required fields first and the server checks everything.
    form.noValidate = true;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send(form);
    });
  }

  private status(text: string, kind: 'ok' | 'error' | 'busy'): void {
    const el = this.querySelector<HTMLElement>('[data-status]');
    if (!el) return;
    el.textContent = text;
    el.dataset.kind = kind;
  }

  private clearErrors(form: HTMLFormElement): void {
    for (const el of this.querySelectorAll<HTMLElement>('[data-error-for]')) {
      el.textContent = '';
      el.hidden = true;
    }
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  }

  private showErrors(form: HTMLFormElement, errors: FieldError[], summary: string): void {
    let first: HTMLElement | null = null;
    const general: string[] = [];
    for (const error of errors) {
      const slot = error.field
        ? this.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(error.field)}"]`)
        : null;
      const input = error.field ? form.querySelector<HTMLElement>(`[name="${CSS.escape(error.field)}"]`) : null;
      if (slot && input) {
        slot.textContent = error.message;
        slot.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        first ??= input;
      } else {
        general.push(error.message);
      }
    }
    // An error shown at its field is not repeated in the status line, which says only where to look.
    const placed = errors.length - general.length;
    const pointer =
      placed === 1
        ? 'The message was not sent: one field needs attention (marked above).'
        : `The message was not sent: ${placed} fields need attention (marked above).`;
    this.status(general.length ? general.join(' ') : placed > 0 ? pointer : summary, 'error');
    first?.focus();
  }

  private async send(form: HTMLFormElement): Promise<void> {
    const button = form.querySelector('button[type="submit"]');
    button?.setAttribute('disabled', '');
    this.clearErrors(form);
    this.status('Sending…', 'busy');
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>),
        headers: { accept: 'application/json' },
      });
      let body: { ok?: boolean; message?: string; errors?: FieldError[] } = {};
      try {
        body = await response.json();
      } catch {
        /* an answer that is not JSON is reported by status below */
      }
      if (response.ok && body.ok) {
        form.reset();
        this.status('Message sent. Thank you — we read every message.', 'ok');
      } else {
        const fallback = `The message was not sent (the server answered ${response.status}). Please try again.`;
        this.showErrors(
          form,
          Array.isArray(body.errors) ? body.errors : [],
          typeof body.message === 'string' ? body.message : fallback,
        );
      }
    } catch {
      this.status(
        'The message was not sent: the server could not be reached. Check your connection and try again.',
        'error',
      );
    } finally {
      button?.removeAttribute('disabled');
    }
  }
}

if (!customElements.get('contact-form')) customElements.define('contact-form', ContactFormElement);
export {};
