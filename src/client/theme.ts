/**
 * The theme: light or dark by the system's preference, unless the visitor picked one with the
 * header switch, which is kept in localStorage under THEME_KEY and applied as html[data-theme].
 */
export const THEME_KEY = 'atlas-theme';

/**
 * Runs inline in <head>, before the first paint, so a stored choice never flashes the other
 * theme. It reads only localStorage: no page or server text is ever put in it. The serving
 * script allows exactly this text in its Content-Security-Policy by its hash.
 */
export const THEME_BOOT = `try{var t=localStorage.getItem('${THEME_KEY}');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;
