/** The household of a quote: members with role, birth date (or year) and status, added and removed by button. */
import type { MemberDto } from '../../shared/api';
import type { Role, Status } from '../../shared/core/catalogue-schema';
import { parseDateFr } from '../ui/dates';
import { button, field, h, select } from '../ui/dom';
import { roleLabels, statusLabels } from '../ui/labels';

interface MemberRow {
  element: HTMLElement;
  role: HTMLSelectElement;
  birth: HTMLInputElement;
  status: HTMLSelectElement;
}

export function householdEditor(): { element: HTMLElement; read(): { ok: true; members: MemberDto[] } | { ok: false; message: string; focus: HTMLElement } } {
  const list = h('ol', { class: 'members' });
  const rows: MemberRow[] = [];

  const renumber = () =>
    rows.forEach((r, i) => {
      r.element.querySelector('.member-title')!.textContent = `Membre ${i + 1}`;
      (r.element.querySelector('.remove') as HTMLButtonElement).disabled = rows.length === 1;
    });

  function add(role: Role = 'principal', birth = '', status: Status | '' = ''): MemberRow {
    const roleSel = select((Object.keys(roleLabels) as Role[]).map((r) => ({ value: r, label: roleLabels[r] })), role, { class: 'member-role' });
    const birthInput = h('input', { type: 'text', class: 'member-birth', value: birth, placeholder: 'JJ/MM/AAAA', inputMode: 'numeric', size: 11, attrs: { 'aria-describedby': 'devis-aide-naissance' } });
    const statusSel = select([{ value: '', label: '— non précisé —' }, ...(Object.keys(statusLabels) as Status[]).map((s) => ({ value: s, label: statusLabels[s] }))], status, { class: 'member-status' });
    const row: MemberRow = { element: h('li', { class: 'member' }), role: roleSel, birth: birthInput, status: statusSel };
    const remove = button('Retirer', () => {
      const i = rows.indexOf(row);
      if (i < 0 || rows.length === 1) return;
      rows.splice(i, 1);
      row.element.remove();
      renumber();
      rows[Math.max(0, i - 1)]!.birth.focus();
    }, { class: 'remove link' });
    row.element.append(
      h('span', { class: 'member-title' }),
      field('Rôle', roleSel),
      field('Naissance', birthInput),
      field('Statut', statusSel),
      remove,
    );
    rows.push(row);
    list.append(row.element);
    renumber();
    return row;
  }

  add('principal');
  const element = h(
    'fieldset',
    { class: 'household' },
    h('legend', { text: 'Foyer' }),
    h('p', { class: 'hint', id: 'devis-aide-naissance', text: 'Naissance : JJ/MM/AAAA, ou l’année seule (AAAA) : les âges se comptent par millésime.' }),
    list,
    button('Ajouter un membre', () => add(rows.some((r) => r.role.value === 'conjoint') ? 'enfant' : 'conjoint').role.focus(), { id: 'devis-ajouter-membre' }),
  );

  return {
    element,
    read() {
      const members: MemberDto[] = [];
      for (const [i, r] of rows.entries()) {
        const birth = parseDateFr(r.birth.value, `Membre ${i + 1}, naissance`, { allowYear: true });
        if (!birth.ok) return { ok: false, message: birth.message, focus: r.birth };
        members.push({ role: r.role.value as Role, birth: birth.iso, status: (r.status.value || null) as Status | null });
      }
      return { ok: true, members };
    },
  };
}
