/**
 * Saving a revision asks first: the revision is computed and shown, then the person confirms what will be
 * written. The question closes on any change of the form, on « Ne pas enregistrer » and once saved.
 */
import type { RevisionDto } from '../../shared/api';
import { formatDateFr } from '../../shared/core/format';
import { button, h } from '../ui/dom';
import { say } from '../ui/notice';

/** What the confirmation says will be written. */
export function confirmationText(headline: string, r: RevisionDto): string {
  return (
    `${headline} sur ${r.cells.length} cellule(s), à compter du ${formatDateFr(r.effectiveFrom)}` +
    `${r.reference ? ` (référence ${r.reference})` : ''}. La nouvelle version servira aux devis, aux tarifs et aux délibérations à partir de cette date ; ` +
    'elle figurera dans l’historique du produit.'
  );
}

export interface SaveConfirmation {
  element: HTMLElement;
  /** the button that saves; its label says « Enregistrement… » while the save runs */
  confirmBtn: HTMLButtonElement;
  open(text: string): void;
  /** closed without saving (a message says so when given), the focus back on « Enregistrer… » */
  close(message?: string): void;
  /** closed once saved */
  saved(): void;
}

export function saveConfirmation(status: HTMLElement, saveBtn: HTMLButtonElement, confirm: () => void): SaveConfirmation {
  const confirmBtn = button('Confirmer l’enregistrement', confirm, { class: 'primary', id: 'revision-confirmer' });
  const cancelBtn = button('Ne pas enregistrer', () => close('Rien n’a été enregistré.'), { id: 'revision-ne-pas-enregistrer' });
  const text = h('p', { id: 'revision-confirmation-texte' });
  const element = h(
    'div',
    { class: 'confirm', id: 'revision-confirmation', hidden: true, attrs: { role: 'group', 'aria-labelledby': 'revision-confirmation-titre', 'aria-describedby': text.id } },
    h('h3', { id: 'revision-confirmation-titre', text: 'Enregistrer cette révision comme nouvelle version ?' }),
    text,
    h('div', { class: 'actions' }, confirmBtn, cancelBtn),
  );
  function close(message?: string): void {
    if (element.hidden) return;
    element.hidden = true;
    if (message) say(status, 'info', message, 'Modifiez la révision ou enregistrez-la quand elle est juste.');
    saveBtn.focus();
  }
  return {
    element,
    confirmBtn,
    open(t) {
      text.textContent = t;
      element.hidden = false;
      say(status, 'info', 'Vérifiez l’écart ci-dessous, puis confirmez l’enregistrement.');
      confirmBtn.focus();
    },
    close,
    saved() {
      element.hidden = true;
      saveBtn.focus();
    },
  };
}
