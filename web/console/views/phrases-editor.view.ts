import { h, replaceChildren } from '../../shared/dom';
import { api } from '../api';
import { t, tOr } from '../i18n';
import type { ForbiddenPhrase } from '../types';
import { confirmDialog, failed, reason, select } from './ui';

const CATEGORIES = ['impolite', 'quarrel', 'insult', 'hang_up', 'nonstandard'];
type Draft = Omit<ForbiddenPhrase, 'id'>;

function categoryOptions(): [string, string][] {
  return CATEGORIES.map((c) => [c, tOr(`category_${c}`, c)]);
}

/** Editable inputs for one phrase; `read` returns the draft or undefined when incomplete. */
function editors(p?: ForbiddenPhrase): { cells: HTMLElement[]; read(): Draft | undefined } {
  const phrase = h('input', { name: 'phrase', value: p?.phrase ?? '', maxlength: '200', 'aria-label': t('phrase') });
  const alternative = h('input', { name: 'alternative', value: p?.alternative ?? '', maxlength: '500', 'aria-label': t('alternative') });
  const options = categoryOptions();
  if (p && !CATEGORIES.includes(p.category)) options.push([p.category, p.category]);
  const category = select('category', options, p?.category ?? 'impolite');
  const fine = h('input', { name: 'fine', type: 'number', min: '0', step: '1', value: String(p?.fine ?? 20), 'aria-label': t('fine') });
  return {
    cells: [phrase, alternative, category, fine].map((c) => h('td', {}, c)),
    read() {
      if (!phrase.value.trim() || !alternative.value.trim()) return undefined;
      return { phrase: phrase.value.trim(), alternative: alternative.value.trim(), category: category.value, fine: Math.max(0, Number(fine.value) || 0) };
    },
  };
}

/** 服务禁语: the forbidden-phrase list, each row editable in place; managers add and delete. */
export class PhrasesEditor {
  readonly el = h('section', { class: 'panel' });
  private readonly body = h('tbody');
  private phrases: ForbiddenPhrase[] = [];
  private editing?: string;

  constructor() {
    replaceChildren(
      this.el,
      h('h2', { text: t('phrasesTitle') }),
      h('p', { class: 'muted', text: t('phrasesHint') }),
      h(
        'table',
        { class: 'table phrases' },
        h('thead', {}, h('tr', {}, ...[t('phrase'), t('alternative'), t('category'), t('fine'), ''].map((x) => h('th', { text: x })))),
        this.body,
      ),
    );
  }

  async load(): Promise<void> {
    try {
      this.phrases = await api.forbiddenPhrases();
      this.render();
    } catch (err) {
      replaceChildren(this.body, h('tr', {}, h('td', { colspan: '5', class: 'muted', text: t('loadFailed', { error: reason(err) }) })));
    }
  }

  private async save(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
      this.editing = undefined;
      await this.load();
    } catch (err) {
      failed(err);
    }
  }

  private row(p: ForbiddenPhrase): HTMLElement {
    if (this.editing === p.id) {
      const e = editors(p);
      return h(
        'tr',
        { class: 'is-editing' },
        ...e.cells,
        h(
          'td',
          { class: 'actions' },
          h('button', { type: 'button', class: 'btn primary small', text: t('save'), on: { click: () => { const d = e.read(); if (d) void this.save(() => api.updatePhrase(p.id, d)); } } }),
          h('button', { type: 'button', class: 'btn small', text: t('cancel'), on: { click: () => { this.editing = undefined; this.render(); } } }),
        ),
      );
    }
    return h(
      'tr',
      { 'data-id': p.id },
      h('td', { class: 'phrase-cell', text: p.phrase }),
      h('td', { text: p.alternative }),
      h('td', { text: tOr(`category_${p.category}`, p.category) }),
      h('td', { class: 'num', text: t('yuan', { n: p.fine }) }),
      h(
        'td',
        { class: 'actions' },
        h('button', { type: 'button', class: 'btn small', text: t('edit'), on: { click: () => { this.editing = p.id; this.render(); } } }),
        h('button', {
          type: 'button',
          class: 'btn small danger-text',
          text: t('delete'),
          on: { click: async () => { if (await confirmDialog(t('confirmDelete', { name: p.phrase }), t('delete'), true)) void this.save(() => api.deletePhrase(p.id)); } },
        }),
      ),
    );
  }

  private render(): void {
    const add = editors();
    const addRow = h(
      'tr',
      { class: 'add-row' },
      ...add.cells,
      h('td', { class: 'actions' }, h('button', { type: 'button', class: 'btn primary small', text: t('addPhrase'), on: { click: () => { const d = add.read(); if (d) void this.save(() => api.addPhrase(d)); } } })),
    );
    replaceChildren(this.body, ...this.phrases.map((p) => this.row(p)), addRow);
  }
}
