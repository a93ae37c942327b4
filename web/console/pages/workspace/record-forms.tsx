import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ConversationDetail, CustomerBundle } from '../../../../src/http/contract';
import { COMPLAINT_CATEGORIES } from '../../../../src/http/contract/enums';
import { api } from '../../api';
import { t } from '../../i18n';
import { failed, toast } from '../../state/notify';
import { TextArea, TextInput } from '../../components/text-field';
import { Field } from '../../components/ui';

type Kind = 'leads' | 'orders' | 'complaints';

/** A collapsible form; `collect` returns what to send, or the label of a missing field. */
function RecordForm({ kind, title, children, send, onCreated }: { kind: Kind; title: string; children: ComponentChildren; send(): Promise<unknown> | string; onCreated(): void }) {
  const [openForm, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const pending = send();
    if (typeof pending === 'string') return toast(t('records.required', { field: pending }), 'error');
    setBusy(true);
    try {
      await pending;
      toast(t('records.created'));
      setOpen(false);
      onCreated();
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details class="record-details" open={openForm} onToggle={(ev) => setOpen((ev.currentTarget as HTMLDetailsElement).open)}>
      <summary>{title}</summary>
      <form class="record-form" data-kind={kind} onSubmit={submit}>
        {children}
        <button type="submit" class="btn primary small" disabled={busy}>
          {t('records.submit')}
        </button>
      </form>
    </details>
  );
}

/** Text state for a form field, with the IME-safe input's callback. */
function useText(initial = ''): [string, (v: string) => void] {
  const [v, set] = useState(initial);
  return [v, (x: string) => set(x)];
}

/** The three forms under the customer panel: a lead, an order, a complaint from this chat. */
export function RecordForms({ bundle, conversation, onCreated }: { bundle: CustomerBundle; conversation: ConversationDetail; onCreated(): void }) {
  const c = bundle.customer as { id: string; name?: string; phone?: string };
  const base = { customer: c.id, conversation: conversation.id };
  const [need, setNeed] = useText();
  const [leadName, setLeadName] = useText(c.name ?? '');
  const [leadPhone, setLeadPhone] = useText(c.phone ?? '');
  const [contactTime, setContactTime] = useText();
  const [product, setProduct] = useText();
  const [quantity, setQuantity] = useText('1');
  const [price, setPrice] = useText();
  const [recipient, setRecipient] = useText(c.name ?? '');
  const [recipientPhone, setRecipientPhone] = useText(c.phone ?? '');
  const [address, setAddress] = useText();
  const [payment, setPayment] = useState<'cod' | 'online'>('cod');
  const [severity, setSeverity] = useState<'general' | 'serious'>(conversation.priority >= 10 ? 'serious' : 'general');
  const [category, setCategory] = useState<(typeof COMPLAINT_CATEGORIES)[number]>('other');
  const [description, setDescription] = useText();
  const [contactPhone, setContactPhone] = useText(c.phone ?? '');
  return (
    <div class="record-forms">
      <RecordForm kind="leads" title={t('records.newLead')} onCreated={onCreated} send={() => (need.trim() ? api.createLead({ ...base, need, name: leadName || undefined, phone: leadPhone || undefined, preferredContactTime: contactTime || undefined }) : t('records.need'))}>
        <Field label={t('records.need')}><TextArea name="need" rows={2} maxLength={2000} value={need} onValue={setNeed} /></Field>
        <Field label={t('customer.name')}><TextInput name="name" maxLength={100} value={leadName} onValue={setLeadName} /></Field>
        <Field label={t('customer.phone')}><TextInput name="phone" type="tel" value={leadPhone} onValue={setLeadPhone} /></Field>
        <Field label={t('records.contactTime')}><TextInput name="preferredContactTime" maxLength={200} value={contactTime} onValue={setContactTime} /></Field>
      </RecordForm>
      <RecordForm
        kind="orders"
        title={t('records.newOrder')}
        onCreated={onCreated}
        send={() => {
          const missing = !product.trim() ? t('records.product') : !price ? t('records.unitPrice') : !recipient.trim() ? t('records.recipient') : !recipientPhone.trim() ? t('records.recipientPhone') : !address.trim() ? t('records.address') : '';
          if (missing) return missing;
          const items = [{ product, quantity: Math.max(1, Math.round(Number(quantity) || 1)), unitPriceFen: Math.round(Number(price) * 100) }];
          return api.createOrder({ ...base, source: 'agent', items, recipient: { name: recipient, phone: recipientPhone }, address, payment });
        }}
      >
        <Field label={t('records.product')}><TextInput name="product" maxLength={200} value={product} onValue={setProduct} /></Field>
        <div class="field-row">
          <Field label={t('records.quantity')}><TextInput name="quantity" type="number" min="1" step="1" value={quantity} onValue={setQuantity} /></Field>
          <Field label={t('records.unitPrice')}><TextInput name="unitPrice" type="number" min="0" step="0.01" value={price} onValue={setPrice} /></Field>
        </div>
        <div class="field-row">
          <Field label={t('records.recipient')}><TextInput name="recipient" maxLength={100} value={recipient} onValue={setRecipient} /></Field>
          <Field label={t('records.recipientPhone')}><TextInput name="recipientPhone" type="tel" value={recipientPhone} onValue={setRecipientPhone} /></Field>
        </div>
        <Field label={t('records.address')}><TextArea name="address" rows={2} maxLength={500} value={address} onValue={setAddress} /></Field>
        <Field label={t('records.payment')}>
          <select name="payment" value={payment} onChange={(ev) => setPayment((ev.currentTarget as HTMLSelectElement).value as 'cod' | 'online')}>
            <option value="cod">{t('records.payment_cod')}</option>
            <option value="online">{t('records.payment_online')}</option>
          </select>
        </Field>
      </RecordForm>
      <RecordForm kind="complaints" title={t('records.newComplaint')} onCreated={onCreated} send={() => (description.trim() ? api.createComplaint({ ...base, severity, category, description, contactPhone: contactPhone || undefined }) : t('records.description'))}>
        <div class="field-row">
          <Field label={t('records.severity')}>
            <select name="severity" value={severity} onChange={(ev) => setSeverity((ev.currentTarget as HTMLSelectElement).value as 'general' | 'serious')}>
              <option value="general">{t('complaint.severity.general')}</option>
              <option value="serious">{t('complaint.severity.serious')}</option>
            </select>
          </Field>
          <Field label={t('records.category')}>
            <select name="category" value={category} onChange={(ev) => setCategory((ev.currentTarget as HTMLSelectElement).value as typeof category)}>
              {COMPLAINT_CATEGORIES.map((x) => <option key={x} value={x}>{t(`complaint.category.${x}`)}</option>)}
            </select>
          </Field>
        </div>
        <Field label={t('records.description')}><TextArea name="description" rows={3} maxLength={5000} value={description} onValue={setDescription} /></Field>
        <Field label={t('records.contactPhone')}><TextInput name="contactPhone" type="tel" value={contactPhone} onValue={setContactPhone} /></Field>
      </RecordForm>
    </div>
  );
}
