/**
 * <policy-playground>: the only code a tool page loads for the playground before it is opened.
 * Opening the disclosure imports the playground (the policy engine included) once.
 */
class PolicyPlayground extends HTMLElement {
  #loaded = false;
  connectedCallback(): void {
    const box = this.querySelector('details');
    if (!box) return;
    const load = () => {
      if (!box.open || this.#loaded) return;
      this.#loaded = true;
      void import('./playground.ts').then((m) => m.mountPlayground(this));
    };
    box.addEventListener('toggle', load);
    load();
  }
}

if (!customElements.get('policy-playground')) customElements.define('policy-playground', PolicyPlayground);
