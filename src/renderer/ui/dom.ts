/** A few DOM helpers: elements built in code (no innerHTML: catalogue text never becomes markup). */

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  text?: string;
  attrs?: Record<string, string>;
  dataset?: Record<string, string>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
  [property: string]: unknown;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined) continue;
      if (key === 'class') el.className = String(value);
      else if (key === 'text') el.textContent = String(value);
      else if (key === 'attrs') for (const [a, v] of Object.entries(value as Record<string, string>)) el.setAttribute(a, v);
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key === 'on') {
        for (const [type, listener] of Object.entries(value as Record<string, EventListener>)) el.addEventListener(type, listener);
      } else (el as unknown as Record<string, unknown>)[key] = value;
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let ids = 0;
/** A unique id for label ↔ input pairs. */
export function uid(prefix: string): string {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled control: the label names the input for screen readers and clicks. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLDivElement {
  if (!control.id) control.id = uid('champ');
  const wrap = h('div', { class: 'field' }, h('label', { text: label, htmlFor: control.id }), control);
  if (hint) {
    const hintEl = h('small', { class: 'hint', id: uid('aide'), text: hint });
    control.setAttribute('aria-describedby', hintEl.id);
    wrap.appendChild(hintEl);
  }
  return wrap;
}

export function button(text: string, onClick: (event: MouseEvent) => void, props: Props = {}): HTMLButtonElement {
  return h('button', { type: 'button', text, ...props, on: { click: onClick, ...(props.on ?? {}) } });
}

export function select(options: readonly { value: string; label: string }[], value?: string, props: Props = {}): HTMLSelectElement {
  const el = h('select', props, ...options.map((o) => h('option', { value: o.value, text: o.label })));
  if (value !== undefined) el.value = value;
  return el;
}

export function checkbox(label: string, checked: boolean, props: Props = {}): { wrap: HTMLLabelElement; input: HTMLInputElement } {
  const input = h('input', { type: 'checkbox', checked, ...props });
  return { wrap: h('label', { class: 'check' }, input, ` ${label}`), input };
}

/** A small definition table: [term, value] pairs. */
export function facts(pairs: readonly [string, Child][]): HTMLDListElement {
  const dl = h('dl', { class: 'facts' });
  for (const [term, value] of pairs) {
    if (value === null || value === undefined || value === false || value === '') continue;
    dl.append(h('dt', { text: term }), h('dd', null, value));
  }
  return dl;
}
