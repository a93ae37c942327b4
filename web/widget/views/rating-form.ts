import { h } from '../../shared/dom';
import type { Rating } from '../../shared/contract';
import type { StringKey, Translate } from '../i18n';
import { widgetIcon } from './icons';

type Dimension = 'attitude' | 'speed' | 'resolution';
const DIMENSIONS: [Dimension, StringKey][] = [
  ['attitude', 'ratingAttitude'],
  ['speed', 'ratingSpeed'],
  ['resolution', 'ratingResolution'],
];

/** One row of five stars as a radio group (arrow keys move, Enter/Space/click picks). */
function starInput(t: Translate, label: string, onChange: (value: number) => void): HTMLElement {
  let value = 0;
  const stars: HTMLButtonElement[] = [];
  const paint = () => stars.forEach((s, i) => {
    s.classList.toggle('is-on', i < value);
    s.setAttribute('aria-checked', String(i + 1 === value));
    s.tabIndex = i + 1 === (value || 1) ? 0 : -1;
  });
  const pick = (n: number) => {
    value = n;
    paint();
    onChange(n);
  };
  for (let n = 1; n <= 5; n++) {
    const star = h('button', { type: 'button', class: 'kf-star', role: 'radio', 'aria-label': t('star', { n }), 'data-value': String(n), on: { click: () => pick(n) } }, widgetIcon('star'));
    star.addEventListener('keydown', (ev) => {
      const delta = ev.key === 'ArrowRight' || ev.key === 'ArrowUp' ? 1 : ev.key === 'ArrowLeft' || ev.key === 'ArrowDown' ? -1 : 0;
      if (!delta) return;
      ev.preventDefault();
      const next = Math.min(5, Math.max(1, (value || 0) + delta));
      pick(next);
      stars[next - 1].focus();
    });
    stars.push(star);
  }
  paint();
  return h('div', { class: 'kf-stars-row' }, h('span', { text: label }), h('div', { class: 'kf-stars', role: 'radiogroup', 'aria-label': label }, ...stars));
}

/** The rating card shown when an agent closed the chat; `onSubmit` resolves to an error text or undefined. */
export function createRatingForm(t: Translate, onSubmit: (rating: Rating) => Promise<string | undefined>): HTMLElement {
  const scores: Partial<Record<Dimension, number>> = {};
  const comment = h('textarea', { rows: '3', maxlength: '2000', placeholder: t('ratingComment'), 'aria-label': t('ratingComment') });
  const error = h('div', { class: 'kf-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'kf-primary', text: t('ratingSubmit') });
  return h(
    'form',
    {
      class: 'kf-card kf-rating',
      on: {
        submit: async (ev) => {
          ev.preventDefault();
          const { attitude, speed, resolution } = scores;
          if (!attitude || !speed || !resolution) {
            error.hidden = false;
            error.textContent = t('ratingNeedStars');
            return;
          }
          submit.disabled = true;
          const problem = await onSubmit({ attitude, speed, resolution, ...(comment.value.trim() ? { comment: comment.value.trim() } : {}) });
          submit.disabled = false;
          error.hidden = !problem;
          error.textContent = problem ?? '';
        },
      },
    },
    h('h3', { text: t('ratingTitle') }),
    ...DIMENSIONS.map(([key, label]) => starInput(t, t(label), (v) => (scores[key] = v))),
    h('label', { class: 'kf-field' }, comment),
    error,
    submit,
  );
}
