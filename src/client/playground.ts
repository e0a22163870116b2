/**
 * The policy playground, loaded when a visitor opens it on a tool page. It runs the build's own
 * policy engine (src/policy) in the browser: parsePolicy for the shape and regex checks,
 * checkPolicyAgainstServer against the server's tools, and evaluate for the decision, the very
 * functions behind `npm run validate` and `npm run eval`.
 *
 * Everything shown comes from the page's data attributes or the server's playground.json and is
 * put into the page as text (textContent, value), never as markup.
 */
import {
  checkPolicyAgainstServer,
  evaluate,
  limitsFor,
  parsePolicy,
  type Policy,
  type Window,
} from '#src/policy/index.ts';
import type { PlaygroundData } from '#src/views/playground.ts';
import { isObject } from '#src/model/object.ts';

type Schema = Record<string, unknown>;

/** Each limit window with the article it takes ("max 3 an hour"). */
const EACH_WINDOW: Record<Window, string> = { minute: 'a minute', hour: 'an hour', day: 'a day' };

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** The JSON type a form field edits: the schema's first type, or JSON text for anything else. */
function fieldKind(schema: Schema): 'enum' | 'boolean' | 'number' | 'string' | 'json' {
  if (Array.isArray(schema.enum) && schema.enum.length) return 'enum';
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'boolean') return 'boolean';
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'string') return 'string';
  return 'json';
}

interface Field {
  name: string;
  input: HTMLElement;
  read(): { ok: true; present: boolean; value?: unknown } | { ok: false; error: string };
}

let uid = 0;

/** How long typing must pause before a message about the arguments is shown (and announced). */
const ERROR_PAUSE_MS = 700;

/**
 * Replaces the contents of a live region only when its text would change: rebuilding the same
 * message on every keystroke would have a screen reader announce it again each time.
 */
function setLive(region: HTMLElement, ...children: (Node | string)[]): void {
  const next = el('div', {}, ...children);
  if (next.textContent === region.textContent && region.childNodes.length) return;
  region.replaceChildren(...next.childNodes);
}

export async function mountPlayground(host: HTMLElement): Promise<void> {
  const mount = host.querySelector<HTMLElement>('.playground-mount')!;
  const tool = host.dataset.tool ?? '';
  const recommended = host.dataset.policy ?? '';
  const id = `pg${++uid}`;
  mount.replaceChildren(el('p', { class: 'muted' }, 'Loading the policy engine and the server’s tool list…'));
  let data: PlaygroundData;
  try {
    const res = await fetch(host.dataset.src ?? '');
    if (!res.ok) throw new Error(String(res.status));
    data = (await res.json()) as PlaygroundData;
  } catch {
    mount.replaceChildren(
      el(
        'p',
        { role: 'alert' },
        'The server’s tool list could not be loaded, so the playground cannot run. Reload the page to try again.',
      ),
    );
    return;
  }
  const self = data.tools.find((t) => t.name === tool);
  // The policy may name any tool the server lists today; a removed tool's own page adds it back.
  const scope = data.tools.filter((t) => !t.removed || t.name === tool);
  const properties = isObject(self?.inputSchema?.properties)
    ? (self.inputSchema.properties as Record<string, Schema>)
    : {};
  const required = new Set(self?.inputSchema?.required ?? []);

  // ---- Policy editor ----
  const policyArea = el('textarea', {
    id: `${id}-policy`,
    class: 'pg-policy',
    rows: '14',
    spellcheck: 'false',
    autocapitalize: 'off',
    'aria-describedby': `${id}-problems`,
  });
  policyArea.value = recommended;
  const problems = el('div', { id: `${id}-problems`, class: 'pg-problems', 'aria-live': 'polite' });
  const reset = el('button', { type: 'button', class: 'pg-reset' }, 'Back to the recommended policy');

  // ---- Arguments: a form from the input schema, or raw JSON ----
  const fields: Field[] = [];
  const formBox = el('div', { class: 'pg-form' });
  for (const [name, raw] of Object.entries(properties)) {
    const schema = isObject(raw) ? raw : {};
    const kind = fieldKind(schema);
    const fid = `${id}-arg-${fields.length}`;
    const label = el(
      'label',
      { for: fid },
      el('code', {}, name),
      el('span', { class: 'muted' }, ` ${kind === 'json' ? 'JSON' : kind}${required.has(name) ? ', required' : ''}`),
    );
    let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    if (kind === 'enum' || kind === 'boolean') {
      const values = kind === 'enum' ? (schema.enum as unknown[]) : [true, false];
      input = el('select', { id: fid }, el('option', { value: '' }, '(not sent)'));
      values.forEach((v, i) => input.append(el('option', { value: String(i) }, JSON.stringify(v))));
      const select = input;
      fields.push({
        name,
        input,
        read: () =>
          select.value === ''
            ? { ok: true, present: false }
            : { ok: true, present: true, value: values[Number(select.value)] },
      });
    } else if (kind === 'json') {
      input = el('textarea', { id: fid, rows: '2', spellcheck: 'false', placeholder: '(not sent) JSON value' });
      const area = input;
      fields.push({
        name,
        input,
        read: () => {
          if (!area.value.trim()) return { ok: true, present: false };
          try {
            return { ok: true, present: true, value: JSON.parse(area.value) };
          } catch {
            return { ok: false, error: `"${name}" is not valid JSON.` };
          }
        },
      });
    } else {
      input = el('input', {
        id: fid,
        type: kind === 'number' ? 'number' : 'text',
        placeholder: '(not sent)',
        spellcheck: 'false',
        ...(kind === 'number' ? { step: 'any' } : {}),
      });
      const box = input;
      fields.push({
        name,
        input,
        read: () => {
          if (box.value === '') return { ok: true, present: false };
          if (kind === 'number') {
            const n = Number(box.value);
            return Number.isFinite(n)
              ? { ok: true, present: true, value: n }
              : { ok: false, error: `"${name}" is not a number.` };
          }
          return { ok: true, present: true, value: box.value };
        },
      });
    }
    input.setAttribute('aria-describedby', `${id}-args-error`);
    formBox.append(el('div', { class: 'pg-field' }, label, input));
  }
  if (fields.length === 0) formBox.append(el('p', { class: 'muted' }, 'This tool takes no arguments.'));

  const argsArea = el('textarea', {
    id: `${id}-args`,
    class: 'pg-args',
    rows: '6',
    spellcheck: 'false',
    'aria-describedby': `${id}-args-error`,
  });
  argsArea.value = '{}';
  const argsLabel = el('label', { for: `${id}-args` }, 'Arguments as JSON');
  const jsonBox = el('div', { class: 'pg-json', hidden: '' }, argsLabel, argsArea);
  const modeName = `${id}-mode`;
  const modeForm = el('input', { type: 'radio', name: modeName, value: 'form', id: `${id}-mode-form` });
  const modeJson = el('input', { type: 'radio', name: modeName, value: 'json', id: `${id}-mode-json` });
  modeForm.checked = true;
  const modes = el(
    'fieldset',
    { class: 'pg-modes' },
    el('legend', { class: 'visually-hidden' }, 'Enter the arguments'),
    el('label', { for: modeForm.id }, modeForm, ' Form'),
    el('label', { for: modeJson.id }, modeJson, ' JSON'),
  );

  // What is wrong with the arguments: one message, updated in place once typing pauses (or the field
  // is left), so a screen reader hears it once rather than on every keystroke.
  const argsError = el('p', { id: `${id}-args-error`, class: 'pg-args-error', 'aria-live': 'polite' });

  const countersBox = el('div', { class: 'pg-counters' });
  const counterValues = new Map<string, string>();

  const result = el('output', { class: 'pg-result', for: `${policyArea.id} ${argsArea.id}` });

  const left = el(
    'div',
    { class: 'pg-col' },
    el('label', { for: policyArea.id }, 'Policy'),
    policyArea,
    problems,
    reset,
  );
  const right = el(
    'div',
    { class: 'pg-col' },
    el('div', { class: 'pg-args-head' }, el('h3', { class: 'pg-heading' }, `Call to ${tool}`), modes),
    el('div', {}, formBox, jsonBox, argsError),
    el('h3', { class: 'pg-heading' }, 'Counters in this window'),
    countersBox,
    el('h3', { class: 'pg-heading' }, 'Decision'),
    result,
  );
  mount.replaceChildren(el('div', { class: 'pg' }, left, right));

  type ReadArgs = { args?: Record<string, unknown>; error?: string; input?: HTMLElement };
  const formArgs = (): ReadArgs => {
    const args: Record<string, unknown> = {};
    for (const f of fields) {
      const r = f.read();
      if (!r.ok) return { error: r.error, input: f.input };
      if (r.present) args[f.name] = r.value;
    }
    return { args };
  };
  const currentArgs = (): ReadArgs => {
    if (!modeJson.checked) return formArgs();
    try {
      const parsed: unknown = JSON.parse(argsArea.value || '{}');
      if (!isObject(parsed))
        return { error: 'The arguments must be a JSON object, such as {"name": "x"}.', input: argsArea };
      return { args: parsed };
    } catch (e) {
      return { error: `The arguments are not valid JSON: ${(e as Error).message}`, input: argsArea };
    }
  };

  // The arguments' message waits for a pause in typing; valid arguments clear it at once.
  let errorTimer: ReturnType<typeof setTimeout> | undefined;
  let pendingError: ReadArgs | undefined;
  const showArgsError = ({ error, input }: ReadArgs) => {
    clearTimeout(errorTimer);
    pendingError = undefined;
    for (const f of [argsArea, ...fields.map((x) => x.input)])
      if (f === input) f.setAttribute('aria-invalid', 'true');
      else f.removeAttribute('aria-invalid');
    if (argsError.textContent !== (error ?? '')) argsError.textContent = error ?? '';
  };
  const argsChanged = (read: ReadArgs, now: boolean) => {
    if (!read.error || now) return showArgsError(read);
    pendingError = read;
    clearTimeout(errorTimer);
    errorTimer = setTimeout(() => showArgsError(read), ERROR_PAUSE_MS);
  };
  const flushArgsError = () => {
    if (pendingError) showArgsError(pendingError);
  };

  const showProblems = (list: { code: string; path: string; message: string }[], note?: string) => {
    const parts: Node[] = [];
    if (note) parts.push(el('p', { class: 'pg-note' }, note));
    if (!list.length) {
      if (!note) parts.push(el('p', { class: 'pg-ok' }, '✓ Valid, and every name and type matches the server.'));
    } else {
      const ul = el('ul', { class: 'pg-problem-list' });
      for (const p of list)
        ul.append(el('li', {}, el('code', { class: 'pg-code' }, p.code), ' ', p.path ? `${p.path}: ` : '', p.message));
      parts.push(ul);
    }
    setLive(problems, ...parts);
  };

  const renderCounters = (policy: Policy | undefined) => {
    for (const input of countersBox.querySelectorAll('input')) counterValues.set(input.dataset.key ?? '', input.value);
    countersBox.replaceChildren();
    const limits = policy ? limitsFor(policy, tool) : [];
    if (!limits.length) {
      countersBox.append(el('p', { class: 'muted' }, 'No limit counts this call.'));
      return;
    }
    limits.forEach((l, i) => {
      const cid = `${id}-counter-${i}`;
      const input = el('input', { id: cid, type: 'number', min: '0', step: '1', 'data-key': l.key });
      input.value = counterValues.get(l.key) ?? '0';
      input.addEventListener('input', () => run());
      countersBox.append(
        el(
          'div',
          { class: 'pg-field' },
          el(
            'label',
            { for: cid },
            el('code', {}, l.key),
            el('span', { class: 'muted' }, ` max ${l.max} ${EACH_WINDOW[l.window]}`),
          ),
          input,
        ),
      );
    });
  };

  let lastPolicyText: string | undefined;
  let policy: Policy | undefined;
  function run(now = false): void {
    if (policyArea.value !== lastPolicyText) {
      lastPolicyText = policyArea.value;
      policy = undefined;
      let input: unknown;
      try {
        input = JSON.parse(policyArea.value);
      } catch (e) {
        showProblems([], `The policy is not valid JSON: ${(e as Error).message}`);
        renderCounters(undefined);
        return showResult(now);
      }
      const parsed = parsePolicy(input);
      if (parsed.policy) {
        policy = parsed.policy;
        showProblems(checkPolicyAgainstServer(policy, scope));
      } else {
        showProblems(parsed.problems, 'The policy is not valid, so no call is evaluated. Fix these first:');
      }
      renderCounters(policy);
    }
    showResult(now);
  }

  // The <output> is a status region: it is rebuilt only when what it says changes.
  function showResult(now = false): void {
    delete result.dataset.decision;
    delete result.dataset.rule;
    const read = currentArgs();
    argsChanged(read, now);
    if (!policy) {
      setLive(result, el('span', { class: 'muted' }, 'No decision: the policy has to be valid first.'));
      return;
    }
    const { args } = read;
    if (!args) {
      setLive(result, el('span', { class: 'muted' }, 'No decision: the arguments have to be valid first.'));
      return;
    }
    const counters: Record<string, number> = {};
    for (const input of countersBox.querySelectorAll<HTMLInputElement>('input')) {
      const n = Number(input.value || '0');
      if (Number.isFinite(n)) counters[input.dataset.key ?? ''] = n;
    }
    const d = evaluate(policy, { tool, args }, counters);
    result.dataset.decision = d.decision;
    result.dataset.rule = d.rule;
    const lines: Node[] = [
      el(
        'p',
        { class: 'pg-decision-line' },
        el('span', { class: `pg-decision pg-${d.decision}` }, d.decision),
        ' by ',
        el('code', { class: 'pg-rule' }, d.rule),
      ),
      el('p', { class: 'pg-message' }, d.message),
    ];
    if (d.count?.length) lines.push(el('p', { class: 'muted' }, `Counters to increment: ${d.count.join(', ')}`));
    setLive(result, ...lines);
  }

  const showMode = () => {
    const json = modeJson.checked;
    if (json) {
      const { args } = formArgs();
      if (args) argsArea.value = JSON.stringify(args, null, 2);
    }
    formBox.hidden = json;
    jsonBox.hidden = !json;
    run(true);
  };
  modeForm.addEventListener('change', showMode);
  modeJson.addEventListener('change', showMode);
  policyArea.addEventListener('input', () => run());
  argsArea.addEventListener('input', () => run());
  formBox.addEventListener('input', () => run());
  // A select changes at once, and leaving a field shows its message without waiting.
  formBox.addEventListener('change', () => run(true));
  argsArea.addEventListener('change', flushArgsError);
  formBox.addEventListener('focusout', flushArgsError);
  argsArea.addEventListener('blur', flushArgsError);
  reset.addEventListener('click', () => {
    policyArea.value = recommended;
    run(true);
  });
  run(true);
  host.dataset.ready = '';
}
