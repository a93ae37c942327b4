import { h, replaceChildren, type Child } from '../../shared/dom';
import { api } from '../api';
import { t, tOr } from '../i18n';
import { channelName, when, yuanFromFen } from '../format';
import type { ConversationDetail, CustomerBundle, RecordLike } from '../types';
import { complaintCategory, recordForms } from './record-forms.view';
import { chip, reason } from './ui';

function section(title: string, count: number | undefined, ...children: Child[]): HTMLElement {
  return h('section', { class: 'side-section' }, h('h3', {}, title, count !== undefined ? h('span', { class: 'count', text: String(count) }) : null), ...children);
}

function facts(pairs: [string, unknown][]): HTMLElement {
  const shown = pairs.filter(([, v]) => v !== undefined && v !== null && v !== '');
  return h('dl', { class: 'facts' }, ...shown.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: String(v) })]));
}

function list<T>(items: T[], render: (item: T) => Child | Child[]): HTMLElement {
  if (!items.length) return h('p', { class: 'muted small', text: t('none') });
  return h('ul', { class: 'side-list' }, ...items.map((i) => h('li', {}, ...([] as Child[]).concat(render(i)))));
}

const idOf = (r: RecordLike) => String(r.id ?? r._id ?? '');
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** The right column: who the customer is, where else they wrote from, and their records. */
export class CustomerPanel {
  readonly el = h('aside', { class: 'side', 'aria-label': t('customerPanel') });
  private seq = 0;

  constructor(private readonly openConversation: (id: string) => void) {}

  clear(): void {
    this.seq++;
    replaceChildren(this.el);
  }

  /** Loads the customer of `conv` and redraws. */
  async load(customerId: string, conv: ConversationDetail): Promise<void> {
    const mine = ++this.seq;
    try {
      const bundle = await api.customer(customerId);
      if (mine === this.seq) this.render(bundle, conv);
    } catch (err) {
      if (mine === this.seq) replaceChildren(this.el, h('p', { class: 'muted small', text: t('loadFailed', { error: reason(err) }) }));
    }
  }

  private render(b: CustomerBundle, conv: ConversationDetail): void {
    const c = b.customer ?? {};
    const reload = () => void this.load(String(c.id ?? c._id ?? conv.customer.id), conv);
    const earlier = (b.conversations ?? []).filter((x) => idOf(x) !== conv.id);
    replaceChildren(
      this.el,
      h('h2', { class: 'side-title', text: t('customerPanel') }),
      section(
        t('profile'),
        undefined,
        facts([
          [t('name'), c.name],
          [t('phone'), c.phone],
          [t('gender'), c.gender ? tOr(`gender_${c.gender}`, c.gender) : undefined],
          [t('locale'), c.locale],
          [t('tags'), c.tags?.length ? c.tags.join('、') : undefined],
        ]),
        c.notes ? h('p', { class: 'small', text: c.notes }) : null,
      ),
      section(
        t('identities'),
        b.identities?.length,
        list(b.identities ?? [], (i) => [chip(channelName(i.channel), 'channel'), h('span', { class: 'mono', text: i.displayName || i.externalId || '' })]),
      ),
      section(
        t('history'),
        earlier.length,
        list(earlier, (x) =>
          h(
            'button',
            { type: 'button', class: 'link-row', on: { click: () => this.openConversation(idOf(x)) } },
            h('span', { text: `${when(str(x.lastMessageAt ?? x.createdAt))} · ${channelName(x.channel)} · ${tOr(`status_${str(x.status)}`, str(x.status))}` }),
            x.lastMessagePreview ? h('span', { class: 'muted', text: x.lastMessagePreview }) : null,
          ),
        ),
      ),
      section(t('leads'), b.leads?.length, list(b.leads ?? [], (l) => [h('strong', { text: str(l.need) }), h('span', { class: 'muted', text: ` ${tOr(`lead_${str(l.status)}`, str(l.status))} · ${when(str(l.createdAt))}` })])),
      section(
        t('orders'),
        b.orders?.length,
        list(b.orders ?? [], (o) => [h('strong', { class: 'mono', text: str(o.number) }), h('span', { class: 'muted', text: ` ${yuanFromFen(o.totalFen)} · ${tOr(`order_${str(o.status)}`, str(o.status))} · ${when(str(o.createdAt))}` })]),
      ),
      section(
        t('complaints'),
        b.complaints?.length,
        list(b.complaints ?? [], (x) => [
          chip(t(x.severity === 'serious' ? 'severity_serious' : 'severity_general'), x.severity === 'serious' ? 'danger' : 'muted'),
          h('span', { text: ` ${complaintCategory(x.category)} · ${tOr(`complaint_${str(x.status)}`, str(x.status))}` }),
          h('div', { class: 'muted small', text: str(x.description) }),
        ]),
      ),
      h('div', { class: 'record-forms' }, ...recordForms(b, conv, reload)),
    );
  }
}
