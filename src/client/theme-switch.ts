import { THEME_KEY } from './theme.ts';

/**
 * <theme-switch>: one button that flips between the light and dark theme and remembers the
 * choice. Hidden without JavaScript, where the system's preference decides.
 */
class ThemeSwitch extends HTMLElement {
  connectedCallback(): void {
    const button = this.querySelector('button');
    if (!button) return;
    const media = matchMedia('(prefers-color-scheme: dark)');
    const current = () => document.documentElement.dataset.theme ?? (media.matches ? 'dark' : 'light');
    const show = () => button.setAttribute('aria-pressed', String(current() === 'dark'));
    button.hidden = false;
    show();
    media.addEventListener('change', show);
    button.addEventListener('click', () => {
      const next = current() === 'dark' ? 'light' : 'dark';
      document.documentElement.dataset.theme = next;
      try {
        localStorage.setItem(THEME_KEY, next);
      } catch {
        /* private mode: the choice lasts for this page only */
      }
      show();
    });
  }
}

if (!customElements.get('theme-switch')) customElements.define('theme-switch', ThemeSwitch);
