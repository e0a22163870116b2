/**
 * <copy-button data-copy="…">: copies exactly the text in data-copy and says so. Its button is
 * hidden in the HTML and shown here, so without JavaScript there is nothing that cannot work.
 */
class CopyButton extends HTMLElement {
  connectedCallback() {
    const button = this.querySelector('button');
    const status = this.querySelector('.copy-status');
    if (!button || !status) return;
    button.hidden = false;
    button.addEventListener('click', async () => {
      const text = this.dataset.copy ?? '';
      let done = false;
      if (navigator.clipboard?.writeText) {
        try {
          await navigator.clipboard.writeText(text);
          done = true;
        } catch {
          done = false;
        }
      }
      if (!done) done = copyWithSelection(text);
      status.textContent = done ? 'Copied' : 'Press Ctrl+C (⌘C) to copy the selected policy';
      button.textContent = done ? 'Copied' : 'Copy';
      window.setTimeout(() => {
        button.textContent = 'Copy';
        status.textContent = '';
      }, 2500);
    });
  }
}

/** Fallback for browsers without the Clipboard API: copy from a selected, off-screen text area. */
function copyWithSelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.left = '-9999px';
  document.body.append(area);
  area.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

if (!customElements.get('copy-button')) customElements.define('copy-button', CopyButton);
