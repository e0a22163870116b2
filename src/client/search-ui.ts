/**
 * The search panel: loaded only when a visitor opens search (the header dialog or /search/), it
 * loads Pagefind, renders the query box, filters and results, and handles keyboard navigation.
 * Everything from the index is written with textContent: page text may quote MCP servers.
 */
import {
  activeFilters,
  exactFirst,
  exactItems,
  excerptSegments,
  nameBucket,
  resultItems,
  isTypingTarget,
  moveActive,
  orderValues,
  parseState,
  resolveServer,
  safeUrl,
  stateToQuery,
  type FilterKey,
  type NameRow,
  type ResultData,
  type SearchItem,
  type SearchState,
} from './search-core.ts';

interface PagefindResult {
  id: string;
  data(): Promise<ResultData>;
}
interface PagefindSearch {
  results: PagefindResult[];
}
interface Pagefind {
  options(o: object): Promise<void>;
  init(): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  debouncedSearch(term: string | null, o: object, ms: number): Promise<PagefindSearch | null>;
}

const PAGE_SIZE = 10;
const FILTERS: { key: FilterKey; label: string }[] = [
  { key: 'risk', label: 'Risk' },
  { key: 'category', label: 'Category' },
  { key: 'server', label: 'Server' },
];
const KIND_LABEL: Record<string, string> = { server: 'Server', guide: 'Guide', 'attack pattern': 'Attack pattern' };

const bundle = () => `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}pagefind/`;

let pagefindPromise: Promise<Pagefind> | undefined;
function loadPagefind(): Promise<Pagefind> {
  pagefindPromise ??= (async () => {
    const pf = (await import(/* @vite-ignore */ `${bundle()}pagefind.js`)) as Pagefind;
    await pf.options({ excerptLength: 24 });
    await pf.init();
    return pf;
  })();
  pagefindPromise.catch(() => (pagefindPromise = undefined));
  return pagefindPromise;
}

/** The exact-name lookup (src/views/search-names.ts): one small file per bucket, fetched when needed. */
let bucketsPromise: Promise<number> | undefined;
const bucketFiles = new Map<number, Promise<NameRow[]>>();
async function rowsNamed(name: string): Promise<NameRow[]> {
  // Server names may have spaces; a longer query is words, not a name.
  if (!name || name.length > 120) return [];
  try {
    bucketsPromise ??= fetch(`${bundle()}names/index.json`)
      .then((r) => r.json() as Promise<{ buckets: number }>)
      .then((j) => j.buckets);
    const buckets = await bucketsPromise;
    const n = nameBucket(name, buckets);
    if (!bucketFiles.has(n))
      bucketFiles.set(
        n,
        fetch(`${bundle()}names/${n}.json`).then((r) => r.json() as Promise<NameRow[]>),
      );
    return await bucketFiles.get(n)!;
  } catch {
    bucketsPromise = undefined;
    bucketFiles.clear();
    return []; // full-text search still answers
  }
}

let counter = 0;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
};

export interface MountOptions {
  /** Keep the search in the address bar (the /search/ page), so it can be shared. */
  syncUrl: boolean;
  initial?: SearchState;
  /**
   * Filter values known when the page was built (risk levels and categories, in their order).
   * A filter without them (servers) lists its values from the index the first time it is used,
   * so a plain query does not download every filter.
   */
  values?: Partial<Record<FilterKey, readonly string[]>>;
}

export interface SearchPanel {
  focus(): void;
}

export function mountSearch(root: HTMLElement, options: MountOptions): SearchPanel {
  const id = `search-${++counter}`;
  const state: SearchState = options.initial ?? { q: '', filters: {} };
  root.replaceChildren();
  root.classList.add('search-ui');

  const label = el('label', { for: `${id}-q`, class: 'search-label' }, 'Search tools, servers and guides');
  const input = el('input', {
    id: `${id}-q`,
    type: 'search',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': `${id}-list`,
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'A tool name, a server or a few words',
  });
  input.value = state.q;

  const filterBar = el('div', { class: 'search-filters', role: 'group', 'aria-label': 'Filters' });
  const selects = new Map<FilterKey, HTMLSelectElement>();
  for (const f of FILTERS) {
    const wrap = el('span', { class: 'search-filter' });
    wrap.append(el('label', { for: `${id}-${f.key}` }, f.label));
    const select = el('select', { id: `${id}-${f.key}`, name: f.key, 'data-filter': f.key });
    select.append(el('option', { value: '' }, 'Any'));
    const preset = state.filters[f.key];
    for (const value of options.values?.[f.key] ?? []) select.append(el('option', { value }, value));
    if (preset && !Array.from(select.options).some((o) => o.value === preset))
      select.append(el('option', { value: preset }, preset));
    select.value = preset ?? '';
    selects.set(f.key, select);
    wrap.append(select);
    filterBar.append(wrap);
  }

  const status = el('p', { class: 'search-status', role: 'status', 'aria-live': 'polite' });
  const list = el('div', { id: `${id}-list`, class: 'search-results', role: 'listbox', 'aria-label': 'Results' });
  const more = el('button', { type: 'button', class: 'search-more', hidden: '' }, 'Show more results');
  const share = el('a', { class: 'search-share', href: '/search/', hidden: '' }, 'Link to this search');
  root.append(label, input, filterBar, status, list, more);
  if (!options.syncUrl) root.append(share);

  /** Pagefind results not yet read, lines read but not yet shown, and the URLs listed so far. */
  let pending: PagefindResult[] = [];
  let ready: SearchItem[] = [];
  let seen = new Set<string>();
  let shown: { data: SearchItem; node: HTMLAnchorElement }[] = [];
  let active = -1;
  let run = 0;

  const setActive = (index: number) => {
    active = index;
    shown.forEach((r, i) => r.node.setAttribute('aria-selected', String(i === active)));
    const current = shown[active];
    if (current) {
      input.setAttribute('aria-activedescendant', current.node.id);
      current.node.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const renderResult = (data: SearchItem, index: number): HTMLAnchorElement => {
    const a = el('a', {
      id: `${id}-r${index}`,
      role: 'option',
      class: 'search-result',
      'aria-selected': 'false',
      tabindex: '-1',
    });
    a.href = safeUrl(data.url) ?? '#';
    const head = el('span', { class: 'search-result-head' });
    const kind = data.kind;
    const title = el(kind === 'tool' ? 'code' : 'strong', { class: 'search-result-title' }, data.title);
    head.append(title);
    if (data.risk) head.append(el('span', { class: `risk risk-${data.risk.toLowerCase()}` }, data.risk));
    if (kind !== 'tool' && KIND_LABEL[kind]) head.append(el('span', { class: 'search-result-kind' }, KIND_LABEL[kind]));
    a.append(head);
    if (data.server) a.append(el('span', { class: 'search-result-server' }, `on ${data.server}`));
    const excerpt = el('span', { class: 'search-result-excerpt' });
    for (const seg of excerptSegments(data.excerpt ?? ''))
      excerpt.append(seg.mark ? el('mark', {}, seg.text) : document.createTextNode(seg.text));
    a.append(excerpt);
    return a;
  };

  /** Pagefind results read at once: a server's document usually holds several matching tools. */
  const READ_AHEAD = 5;
  /** Reads Pagefind results until `PAGE_SIZE` lines are ready or none are left. */
  const fill = async (mine: number) => {
    const filters = { ...state.filters };
    while (ready.length < PAGE_SIZE && pending.length > 0) {
      const batch = pending.splice(0, READ_AHEAD);
      const data = await Promise.all(batch.map((r) => r.data()));
      if (mine !== run) return;
      for (const d of data)
        for (const item of resultItems(d, state.q !== '', filters)) {
          if (seen.has(item.url)) continue;
          seen.add(item.url);
          ready.push(item);
        }
    }
  };

  const showMore = async (first: boolean) => {
    const mine = run;
    await fill(mine);
    if (mine !== run) return;
    const start = shown.length;
    const batch = ready.splice(0, PAGE_SIZE);
    const ordered = first ? exactFirst(batch, state.q, (d) => d.title) : batch;
    ordered.forEach((data, i) => {
      const node = renderResult(data, start + i);
      shown.push({ data, node });
      list.append(node);
    });
    const done = ready.length === 0 && pending.length === 0;
    more.hidden = done;
    status.textContent = `${shown.length.toLocaleString('en-US')}${done ? '' : '+'} ${shown.length === 1 && done ? 'result' : 'results'}`;
    input.setAttribute('aria-expanded', String(shown.length > 0));
    if (first) setActive(shown.length > 0 ? 0 : -1);
  };

  const syncLocation = () => {
    const href = `/search/${stateToQuery(state)}`;
    if (options.syncUrl) history.replaceState(history.state, '', href);
    else {
      share.href = href;
      share.hidden = !state.q && Object.keys(activeFilters(state)).length === 0;
    }
  };

  /** Marks the results as complete for this search (tests and assistive tools can wait on it). */
  const settle = () => (root.dataset.settled = stateToQuery(state) || '?');

  /** Ends a search with no results to show, and says why. */
  const clearWith = (message: string) => {
    pending = [];
    ready = [];
    shown = [];
    list.replaceChildren();
    more.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
    status.textContent = message;
    settle();
  };

  const search = async () => {
    const mine = ++run;
    delete root.dataset.settled;
    state.q = input.value.trim();
    for (const [key, select] of selects) state.filters[key] = select.value || undefined;
    syncLocation();
    const filters = activeFilters(state);
    if (!state.q && Object.keys(filters).length === 0) {
      clearWith('Type a tool name, a server or a few words, or pick a filter.');
      return;
    }
    let pf: Pagefind;
    try {
      pf = await loadPagefind();
    } catch {
      status.textContent =
        'The search index could not be loaded. Search works on a built site (npm run build, then npm start), not on the dev server.';
      settle();
      return;
    }
    if (state.filters.server) {
      // A shared link may name the server by its id or in another case: find the name it means.
      const value = state.filters.server;
      const [known, rows] = await Promise.all([serverNames(pf), rowsNamed(value)]);
      if (mine !== run) return;
      // With no list of names (the filter index failed to load), the value is searched as given.
      const name = known.length ? resolveServer(value, known, rows) : value;
      if (!name) {
        clearWith(`No server in the catalogue is called “${value}”. Pick one from the Server list.`);
        return;
      }
      if (name !== value) {
        const select = selects.get('server')!;
        for (const option of Array.from(select.options)) if (option.value === value) option.remove();
        if (!Array.from(select.options).some((o) => o.value === name))
          select.append(el('option', { value: name }, name));
        select.value = name;
        state.filters.server = name;
        filters.server = name;
        syncLocation();
      }
    }
    const result = await pf.debouncedSearch(state.q || null, { filters }, 150);
    if (result === null || mine !== run) return;
    // The exact-name lookup waits for the same pause in typing, so a word typed key by key fetches
    // the bucket of the word, not one per prefix.
    const named = await rowsNamed(state.q);
    if (mine !== run) return;
    pending = [...result.results];
    // A tool whose name is exactly the query comes first, wherever full-text search ranks it.
    ready = exactItems(named, state.q, state.filters);
    seen = new Set(ready.map((item) => item.url));
    shown = [];
    list.replaceChildren();
    setActive(-1);
    await showMore(true);
    if (mine !== run) return;
    if (shown.length === 0) {
      more.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      const what = state.q ? `“${state.q}”` : 'these filters';
      status.textContent = `Nothing matched ${what}${state.q && Object.keys(filters).length ? ' with these filters' : ''}. Check the spelling, try part of a tool name, or clear a filter.`;
    }
    settle();
  };

  /** The server names of the index, read once. */
  let servers: Promise<string[]> | undefined;
  const serverNames = (pf: Pagefind) =>
    (servers ??= pf.filters().then(
      (available) => Object.keys(available.server ?? {}),
      () => ((servers = undefined), []),
    ));

  /** Lists the values of the filters not known at build time, once, from Pagefind's filter index. */
  let filled: Promise<void> | undefined;
  const fillFilters = () =>
    (filled ??= (async () => {
      const pf = await loadPagefind();
      const available = await pf.filters();
      for (const f of FILTERS) {
        if (options.values?.[f.key]) continue;
        const select = selects.get(f.key)!;
        const current = select.value;
        select.replaceChildren(el('option', { value: '' }, 'Any'));
        for (const value of orderValues(Object.keys(available[f.key] ?? {})))
          select.append(el('option', { value }, value));
        if (current && !Array.from(select.options).some((o) => o.value === current))
          select.append(el('option', { value: current }, current));
        select.value = current;
      }
    })().catch(() => {
      filled = undefined; // reported by search() when the index is missing
    }));

  input.addEventListener('input', () => void search());
  for (const select of selects.values()) select.addEventListener('change', () => void search());
  // One batch at a time: a double click must not list the same results twice.
  let loadingMore: Promise<void> | undefined;
  more.addEventListener('click', () => void (loadingMore ??= showMore(false).finally(() => (loadingMore = undefined))));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(moveActive(active, e.key === 'ArrowDown' ? 1 : -1, shown.length));
    } else if (e.key === 'Enter') {
      const target = shown[active] ?? shown[0];
      if (target && safeUrl(target.data.url)) {
        e.preventDefault();
        location.href = target.data.url;
      }
    }
  });
  // Arrow keys also work once focus has left the input for a result link.
  list.addEventListener('keydown', (e) => {
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !isTypingTarget(e.target as HTMLElement)) {
      e.preventDefault();
      setActive(moveActive(active, e.key === 'ArrowDown' ? 1 : -1, shown.length));
      shown[active]?.node.focus();
    }
  });

  for (const f of FILTERS) {
    if (options.values?.[f.key]) continue;
    const select = selects.get(f.key)!;
    for (const type of ['focus', 'pointerdown', 'keydown'])
      select.addEventListener(type, () => void fillFilters(), { once: true });
  }
  void search();
  return {
    focus: () => {
      input.focus();
      // The caret after what is already typed, as if the typing had never moved to this field.
      input.setSelectionRange(input.value.length, input.value.length);
    },
  };
}

/** Filter values the page printed at build time, as `data-values-<filter>="A,B,C"`. */
export function filterValues(root: HTMLElement): MountOptions['values'] {
  const out: MountOptions['values'] = {};
  for (const f of FILTERS) {
    const list = root.dataset[`values${f.key[0]!.toUpperCase()}${f.key.slice(1)}`];
    if (list) out[f.key] = list.split(',');
  }
  return out;
}

/** Mounts the panel on the /search/ page with the search from its URL. */
export function mountSearchPage(root: HTMLElement): SearchPanel {
  const panel = mountSearch(root, { syncUrl: true, initial: parseState(location.search), values: filterValues(root) });
  panel.focus();
  return panel;
}
