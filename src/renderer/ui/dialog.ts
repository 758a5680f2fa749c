/**
 * Modal dialogs on the native <dialog>: showModal() traps the focus in it and makes the page inert,
 * Échap cancels (except while a request is on its way), the first field gets the focus. A dialog's
 * `submit` checks the fields — each message next to its field — then sends; an error of the main
 * process is shown in the dialog, which stays open so that nothing typed is lost.
 */
import { h, uid, type Child } from './dom';

/** Messages next to the fields of one form. */
export class FieldErrors {
  private readonly shown: { control: HTMLElement; note: HTMLElement }[] = [];

  get count(): number {
    return this.shown.length;
  }

  /** Shows `message` under the control (or the fieldset of a radio group), marks it invalid. */
  set(control: HTMLElement, message: string): void {
    const note = h('small', { class: 'field-error', id: uid('erreur'), text: message });
    const describedBy = control.getAttribute('aria-describedby');
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', [describedBy, note.id].filter(Boolean).join(' '));
    const wrap = control.tagName === 'FIELDSET' ? control : (control.closest('.field') ?? control.parentElement);
    if (wrap === control) control.append(note);
    else wrap?.append(note);
    this.shown.push({ control, note });
    // the message goes as soon as the person changes the field it is about
    const fixed = () => {
      const i = this.shown.findIndex((s) => s.note === note);
      if (i >= 0) this.forget(i);
    };
    control.addEventListener('input', fixed, { once: true });
    control.addEventListener('change', fixed, { once: true });
  }

  private forget(i: number): void {
    const s = this.shown[i]!;
    this.shown.splice(i, 1);
    s.note.remove();
    const ids = (s.control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== s.note.id);
    if (ids.length) s.control.setAttribute('aria-describedby', ids.join(' '));
    else s.control.removeAttribute('aria-describedby');
    // another message may still be about the same control
    if (!this.shown.some((o) => o.control === s.control)) s.control.removeAttribute('aria-invalid');
  }

  clear(): void {
    while (this.shown.length) this.forget(this.shown.length - 1);
  }

  /** The first control with a message, in the order they were set. */
  first(): HTMLElement | null {
    const c = this.shown[0]?.control ?? null;
    if (c?.tagName === 'FIELDSET') return c.querySelector<HTMLElement>('input:checked, input, select, textarea') ?? c;
    return c;
  }
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; message?: string; hint?: string };

export interface DialogSpec<T> {
  title: string;
  /** a sentence under the title */
  lead?: string;
  body: Child[];
  /** the button that sends; null for a dialog that only informs (a « Fermer » button) */
  submitLabel: string | null;
  /** what the submit button says while the request runs */
  busyLabel?: string;
  cancelLabel?: string;
  /** a class for the <dialog> (width, tests) */
  className?: string;
  /** the element to focus first (default: the first field, else the first button) */
  initialFocus?: HTMLElement;
  /** checks the fields (errors.set) and sends; { ok: false } keeps the dialog open */
  submit?: (errors: FieldErrors) => Promise<Outcome<T>>;
}

/** Opens a modal dialog; resolves with the submitted value, or null when cancelled or closed. */
export function openDialog<T>(spec: DialogSpec<T>): Promise<T | null> {
  const titleId = uid('dialogue-titre');
  const errors = new FieldErrors();
  const alertSlot = h('div', { class: 'dialog-alert', attrs: { role: 'alert' } });
  const submitBtn = spec.submitLabel ? h('button', { type: 'submit', class: 'primary', text: spec.submitLabel }) : null;
  const cancelBtn = h('button', { type: 'button', text: spec.cancelLabel ?? (spec.submitLabel ? 'Annuler' : 'Fermer'), on: { click: () => finish(null) } });
  const form = h(
    'form',
    { class: 'dialog-form', noValidate: true, attrs: { 'aria-labelledby': titleId } },
    h('h2', { class: 'dialog-title', id: titleId, text: spec.title }),
    spec.lead ? h('p', { class: 'lead', text: spec.lead }) : null,
    h('div', { class: 'dialog-body' }, ...spec.body),
    alertSlot,
    h('div', { class: 'dialog-buttons' }, submitBtn, cancelBtn),
  );
  const dialog = h('dialog', { class: `dialog ${spec.className ?? ''}`.trim(), attrs: { 'aria-labelledby': titleId } }, form);
  let sending = false;
  let resolve!: (value: T | null) => void;
  const done = new Promise<T | null>((r) => (resolve = r));

  function finish(value: T | null): void {
    if (sending && value === null) return;
    if (dialog.open) dialog.close();
    dialog.remove();
    resolve(value);
  }

  dialog.addEventListener('cancel', (e) => {
    // Échap: the dialog closes, unless a request is on its way (its answer must be seen)
    e.preventDefault();
    if (!sending) finish(null);
  });
  // a refusal of the main process speaks of the values sent: once the person changes one, it is dimmed (kept to be read while fixing)
  const staleAlert = () => {
    if (alertSlot.firstElementChild) alertSlot.classList.add('stale');
  };
  form.addEventListener('input', staleAlert);
  form.addEventListener('change', staleAlert);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!spec.submit || sending || !submitBtn) {
      if (!spec.submit) finish(null);
      return;
    }
    void send(submitBtn);
  });

  async function send(btn: HTMLButtonElement): Promise<void> {
    errors.clear();
    alertSlot.replaceChildren();
    alertSlot.classList.remove('stale');
    sending = true;
    const label = btn.textContent;
    btn.disabled = true;
    btn.setAttribute('aria-busy', 'true');
    btn.textContent = spec.busyLabel ?? 'Enregistrement…';
    let outcome: Outcome<T>;
    try {
      outcome = await spec.submit!(errors);
    } catch (e) {
      outcome = { ok: false, message: `Erreur inattendue dans la page : ${(e as Error).message}`, hint: 'Fermez la fenêtre et recommencez ; si l’erreur revient, relancez Grille.' };
    } finally {
      sending = false;
      btn.disabled = false;
      btn.removeAttribute('aria-busy');
      btn.textContent = label;
    }
    if (outcome.ok) {
      finish(outcome.value);
      return;
    }
    if (outcome.message) {
      alertSlot.replaceChildren(h('div', { class: 'notice notice-error' }, h('span', { class: 'notice-text', text: outcome.message }), outcome.hint ? h('span', { class: 'notice-hint', text: ` ${outcome.hint}` }) : null));
    }
    const first = errors.first();
    if (first) first.focus();
    else if (outcome.message) btn.focus();
  }

  document.body.append(dialog);
  dialog.showModal();
  const first = spec.initialFocus ?? form.querySelector<HTMLElement>('.dialog-body input:not([type=hidden]):not([disabled]), .dialog-body select, .dialog-body textarea') ?? submitBtn ?? cancelBtn;
  first.focus();
  return done;
}

/** A question with two answers: resolves true when confirmed. */
export async function confirmDialog(title: string, body: Child[], confirmLabel: string, className = 'dialog-confirm', cancelLabel = 'Annuler'): Promise<boolean> {
  const answer = await openDialog<true>({ title, body, submitLabel: confirmLabel, cancelLabel, className, submit: async () => ({ ok: true, value: true }) });
  return answer === true;
}

/** A labelled multi-line text field. */
export function textArea(props: { id?: string; value?: string; rows?: number; placeholder?: string } = {}): HTMLTextAreaElement {
  return h('textarea', { rows: props.rows ?? 3, value: props.value ?? '', ...(props.id ? { id: props.id } : {}), ...(props.placeholder ? { placeholder: props.placeholder } : {}) });
}
