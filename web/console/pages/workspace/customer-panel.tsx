import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ConversationDetail, CustomerBundle, RecordView } from '../../../../src/http/contract';
import { api } from '../../api';
import { t, tOr } from '../../i18n';
import { href } from '../../router';
import { channelName, when, yuanFromFen } from '../../format';
import { failed, reason } from '../../state/notify';
import { Chip, Empty } from '../../components/ui';
import { TextInput } from '../../components/text-field';
import { RecordForms } from './record-forms';
import { viewImage } from './attachments';

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

function Section({ title, count, children }: { title: string; count?: number; children: ComponentChildren }) {
  return (
    <section class="side-section">
      <h3>
        {title}
        {count !== undefined ? <span class="count">{count}</span> : null}
      </h3>
      {children}
    </section>
  );
}

function List<T>({ items, render }: { items: T[]; render(item: T): ComponentChildren }) {
  if (!items.length) return <Empty>{t('customer.none')}</Empty>;
  return (
    <ul class="side-list">
      {items.map((item, i) => (
        <li key={i}>{render(item)}</li>
      ))}
    </ul>
  );
}

/** The customer's tags (VIP, 大客户…): what the history filters by. */
function Tags({ customerId, tags, onSaved }: { customerId: string; tags: string[]; onSaved(): void }) {
  const [draft, setDraft] = useState('');
  const save = async (next: string[]) => {
    try {
      await api.setCustomerTags(customerId, next);
      setDraft('');
      onSaved();
    } catch (err) {
      failed(err);
    }
  };
  return (
    <div class="tags">
      {tags.map((tag) => (
        <span key={tag} class="chip tag">
          {tag}
          <button type="button" class="chip-x" aria-label={t('customer.removeTag', { tag })} onClick={() => void save(tags.filter((x) => x !== tag))}>
            ×
          </button>
        </span>
      ))}
      <TextInput class="tag-input" name="tag" maxLength={50} placeholder={t('customer.addTag')} value={draft} onValue={(v) => setDraft(v)} onEnter={(ev) => (ev.preventDefault(), draft.trim() && void save([...tags, draft.trim()]))} />
    </div>
  );
}

/** The photos on a complaint (证据), each a thumbnail that opens the whole picture. */
function Evidence({ items }: { items: unknown }) {
  const list = Array.isArray(items) ? (items as { message: string; index: number; name?: string }[]) : [];
  if (!list.length) return null;
  return (
    <div class="evidence" aria-label={t('media.evidence')}>
      {list.map((e) => {
        const url = `/api/v1/console/messages/${encodeURIComponent(e.message)}/attachments/${e.index}`;
        const name = e.name ?? t('media.image');
        return (
          <button key={`${e.message}:${e.index}`} type="button" class="att att-image" aria-label={t('media.view', { name })} onClick={() => viewImage({ kind: 'image', url, name })}>
            <img src={`${url}/thumbnail`} alt={name} loading="lazy" />
          </button>
        );
      })}
    </div>
  );
}

/** The right column: who the customer is, where else they wrote from, their earlier chats and records. */
export function CustomerPanel({ customerId, conversation }: { customerId: string; conversation: ConversationDetail }) {
  const [bundle, setBundle] = useState<CustomerBundle | undefined>(undefined);
  const [error, setError] = useState('');
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    api.customer(customerId).then(
      (b) => live && setBundle(b),
      (err: unknown) => live && setError(reason(err)),
    );
    return () => {
      live = false;
    };
  }, [customerId, version]);
  const reload = () => setVersion(version + 1);
  if (error) return <aside class="side"><p class="muted small">{t('error.load', { error })}</p></aside>;
  if (!bundle) return <aside class="side" aria-label={t('customer.panel')} />;
  const c = bundle.customer as RecordView & { name?: string; phone?: string; gender?: string; locale?: string; tags?: string[]; notes?: string };
  const earlier = bundle.conversations.filter((x) => x.id !== conversation.id);
  return (
    <aside class="side" aria-label={t('customer.panel')}>
      <h2 class="side-title">{t('customer.panel')}</h2>
      <Section title={t('customer.profile')}>
        <dl class="facts">
          {([
            [t('customer.name'), c.name],
            [t('customer.phone'), c.phone],
            [t('customer.gender'), c.gender ? tOr(`gender.${c.gender}`, c.gender) : undefined],
            [t('customer.locale'), c.locale ? tOr(`locale.${c.locale}`, c.locale) : undefined],
          ] as [string, string | undefined][])
            .filter(([, v]) => v)
            .map(([k, v]) => [<dt key={`${k}-t`}>{k}</dt>, <dd key={`${k}-d`}>{v}</dd>])}
        </dl>
        <Tags customerId={customerId} tags={c.tags ?? []} onSaved={reload} />
        {c.notes ? <p class="small">{c.notes}</p> : null}
      </Section>
      <Section title={t('customer.identities')} count={bundle.identities.length}>
        <List items={bundle.identities} render={(i) => [<Chip key="c" kind="channel">{channelName(i.channel)}</Chip>, <span key="n" class="mono">{i.displayName || i.externalId}</span>]} />
      </Section>
      <Section title={t('customer.earlier')} count={earlier.length}>
        <List
          items={earlier}
          render={(x) => (
            <a class="link-row" href={href('inbox', x.id)}>
              <span>{`${when(x.lastMessageAt ?? x.createdAt)} · ${channelName(x.channel)} · ${tOr(`status.${x.status}`, x.status)}${x.assignee ? ` · ${x.assignee.name}` : ''}`}</span>
              {x.lastMessagePreview ? <span class="muted">{x.lastMessagePreview}</span> : null}
            </a>
          )}
        />
      </Section>
      <Section title={t('customer.leads')} count={bundle.leads.length}>
        <List items={bundle.leads} render={(l) => [<strong key="n">{str(l.need)}</strong>, <span key="m" class="muted">{` ${tOr(`lead.${str(l.status)}`, str(l.status))} · ${when(str(l.createdAt))}`}</span>]} />
      </Section>
      <Section title={t('customer.orders')} count={bundle.orders.length}>
        <List items={bundle.orders} render={(o) => [<strong key="n" class="mono">{str(o.number)}</strong>, <span key="m" class="muted">{` ${yuanFromFen(o.totalFen)} · ${tOr(`order.${str(o.status)}`, str(o.status))} · ${when(str(o.createdAt))}`}</span>]} />
      </Section>
      <Section title={t('customer.complaints')} count={bundle.complaints.length}>
        <List
          items={bundle.complaints}
          render={(x) => [
            <Chip key="s" kind={x.severity === 'serious' ? 'danger' : 'muted'}>{t(`complaint.severity.${x.severity === 'serious' ? 'serious' : 'general'}`)}</Chip>,
            <span key="c">{` ${tOr(`complaint.category.${str(x.category)}`, str(x.category))} · ${tOr(`complaint.status.${str(x.status)}`, str(x.status))} · ${when(str(x.createdAt))}`}</span>,
            <div key="d" class="muted small">{str(x.description)}</div>,
            <Evidence key="e" items={x.evidence} />,
          ]}
        />
      </Section>
      <RecordForms bundle={bundle} conversation={conversation} onCreated={reload} />
    </aside>
  );
}
