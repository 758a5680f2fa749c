/**
 * One panel for every long job (exports, saved revisions…), whatever the view: what the job does, its
 * step, a bar (indeterminate while the amount of work is unknown) with « n / total », and « Annuler ».
 * It follows `window.grille.onProgress` and takes a job away when it ends (done, failed or cancelled):
 * the view that started the job says how it ended.
 */
import type { GrilleBridge, JobProgress } from '../../shared/api';
import { ask } from './api';
import { errorText } from './notice';
import { button, h, replace } from './dom';

interface Entry {
  element: HTMLElement;
  phase: HTMLElement;
  bar: HTMLProgressElement;
  count: HTMLElement;
  cancel: HTMLButtonElement;
}

const count = (n: number) => Math.round(n).toLocaleString('fr-FR');

export function progressPanel(api: () => GrilleBridge): { element: HTMLElement; stop: () => void } {
  const list = h('ul', { class: 'job-list' });
  const element = h(
    'section',
    { class: 'job-panel', hidden: true, attrs: { role: 'status', 'aria-live': 'polite', 'aria-label': 'Travaux en cours' } },
    h('h2', { class: 'job-panel-title', text: 'Travaux en cours' }),
    list,
  );
  const entries = new Map<string, Entry>();
  // a late event of a job already over (sent before its last one) must not bring it back
  const ended = new Set<string>();

  function entryFor(p: JobProgress): Entry {
    let e = entries.get(p.job);
    if (e) return e;
    const phase = h('span', { class: 'job-phase' });
    const bar = h('progress', { class: 'job-bar', attrs: { 'aria-label': `Avancement : ${p.title}` } });
    // the bar says the numbers to assistive technologies; the text is for the eye
    const numbers = h('span', { class: 'job-count', attrs: { 'aria-hidden': 'true' } });
    const cancel = button('Annuler', () => void cancelJob(p, cancel), { class: 'job-cancel', attrs: { 'aria-label': `Annuler : ${p.title}` } });
    const item = h('li', { class: 'job', dataset: { job: p.job } }, h('div', { class: 'job-head' }, h('strong', { class: 'job-title', text: p.title }), phase), h('div', { class: 'job-progress' }, bar, numbers, cancel));
    e = { element: item, phase, bar, count: numbers, cancel };
    entries.set(p.job, e);
    list.appendChild(item);
    element.hidden = false;
    return e;
  }

  async function cancelJob(p: JobProgress, cancel: HTMLButtonElement): Promise<void> {
    cancel.disabled = true;
    cancel.textContent = 'Annulation…';
    const answer = await ask(() => api().cancelJob(p.job));
    // cancelled or already over: the job's last event takes it away; an error leaves the button usable
    if (!answer.ok && entries.has(p.job)) {
      cancel.disabled = false;
      cancel.textContent = 'Annuler';
      cancel.title = errorText(answer.error);
    }
  }

  function show(p: JobProgress): void {
    if (ended.has(p.job)) return;
    if (p.state !== 'running') {
      ended.add(p.job);
      entries.get(p.job)?.element.remove();
      entries.delete(p.job);
      if (entries.size === 0) element.hidden = true;
      return;
    }
    const e = entryFor(p);
    e.phase.textContent = ` — ${p.phase}`;
    if (p.total !== null && p.total > 0) {
      e.bar.max = p.total;
      e.bar.value = Math.min(p.done, p.total);
      e.bar.setAttribute('aria-valuetext', `${count(Math.min(p.done, p.total))} sur ${count(p.total)}`);
      replace(e.count, `${count(Math.min(p.done, p.total))} / ${count(p.total)}`);
    } else {
      // no value: the browser draws an indeterminate bar
      e.bar.removeAttribute('value');
      e.bar.removeAttribute('aria-valuetext');
      replace(e.count, p.done > 0 ? count(p.done) : '');
    }
  }

  const bridge = api();
  const stop = typeof bridge.onProgress === 'function' ? bridge.onProgress(show) : () => undefined;
  return { element, stop };
}
