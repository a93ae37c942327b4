import { h } from '../../shared/dom';
import type { Translate } from '../i18n';

/** What the pre-chat form collects (both optional). */
export interface PrechatAnswers {
  name?: string;
  phone?: string;
}

/** A loose check before the server's: 7–20 digits with the usual separators and an optional +. */
export function plausiblePhone(phone: string): boolean {
  return /^\+?[\d\s()-]{7,24}$/.test(phone) && phone.replace(/\D/g, '').length >= 7;
}

/** The pre-chat card; `onSubmit` resolves to an error text to show, or undefined on success. */
export function createPrechatForm(t: Translate, onSubmit: (answers: PrechatAnswers) => Promise<string | undefined>): HTMLElement {
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'name', maxlength: '100' });
  const phone = h('input', { type: 'tel', name: 'phone', autocomplete: 'tel', inputmode: 'tel', maxlength: '30' });
  const error = h('div', { class: 'kf-error', role: 'alert', hidden: true });
  const start = h('button', { type: 'submit', class: 'kf-primary', text: t('prechatStart') });
  const showError = (text: string | undefined) => {
    error.hidden = !text;
    error.textContent = text ?? '';
  };
  phone.addEventListener('input', () => showError(undefined));
  return h(
    'form',
    {
      class: 'kf-card kf-prechat',
      novalidate: true,
      on: {
        submit: async (ev) => {
          ev.preventDefault();
          const answers: PrechatAnswers = { name: name.value.trim() || undefined, phone: phone.value.trim() || undefined };
          if (answers.phone && !plausiblePhone(answers.phone)) return showError(t('prechatPhoneInvalid'));
          showError(undefined);
          start.disabled = true;
          showError(await onSubmit(answers));
          start.disabled = false;
        },
      },
    },
    h('h3', { text: t('prechatTitle') }),
    h('label', { class: 'kf-field' }, h('span', { text: t('prechatName') + t('prechatOptional') }), name),
    h('label', { class: 'kf-field' }, h('span', { text: t('prechatPhone') + t('prechatOptional') }), phone),
    error,
    start,
  );
}
