import { h } from '../../shared/dom';
import { api } from '../api';
import { locale, t, type Key } from '../i18n';
import type { ConversationDetail, CustomerBundle } from '../types';
import { failed, field, select, toast } from './ui';

type Kind = 'leads' | 'orders' | 'complaints';
const COMPLAINT_CATEGORIES = ['attitude', 'quality', 'delivery', 'billing', 'property_loss', 'theft', 'damage', 'injury', 'other'];
const CATEGORY_LABELS: Record<string, [string, string]> = {
  attitude: ['服务态度', 'Attitude'],
  quality: ['服务质量', 'Quality'],
  delivery: ['配送物流', 'Delivery'],
  billing: ['收费问题', 'Billing'],
  property_loss: ['财产损失', 'Property loss'],
  theft: ['失窃', 'Theft'],
  damage: ['物品损坏', 'Damage'],
  injury: ['人身伤害', 'Injury'],
  other: ['其他', 'Other'],
};

function input(name: string, attrs: Record<string, unknown> = {}): HTMLInputElement {
  return h('input', { name, ...attrs });
}

/** A collapsible form; `collect` returns the body or a missing field's label. */
function recordForm(kind: Kind, title: Key, controls: HTMLElement[], collect: () => Record<string, unknown> | string, onCreated: () => void): HTMLElement {
  const submit = h('button', { type: 'submit', class: 'btn primary small', text: t('create') });
  const form = h(
    'form',
    {
      class: 'record-form',
      'data-kind': kind,
      on: {
        submit: async (ev) => {
          ev.preventDefault();
          const body = collect();
          if (typeof body === 'string') return toast(t('required', { field: body }), 'error');
          submit.disabled = true;
          try {
            await api.createRecord(kind, body);
            toast(t('created'));
            form.reset();
            details.open = false;
            onCreated();
          } catch (err) {
            failed(err);
          } finally {
            submit.disabled = false;
          }
        },
      },
    },
    ...controls,
    submit,
  );
  const details = h('details', { class: 'record-details' }, h('summary', { text: t(title) }), form);
  return details;
}

/** The three forms under the customer panel: a lead, an order, a complaint from this chat. */
export function recordForms(bundle: CustomerBundle, conv: ConversationDetail, onCreated: () => void): HTMLElement[] {
  const customer = String(bundle.customer.id ?? bundle.customer._id ?? conv.customer?.id);
  const base = { customer, conversation: conv.id };
  const zh = locale() !== 'en';

  const need = h('textarea', { name: 'need', rows: '2', maxlength: '2000' });
  const leadName = input('name', { value: bundle.customer.name ?? '', maxlength: '100' });
  const leadPhone = input('phone', { type: 'tel', value: bundle.customer.phone ?? '' });
  const contactTime = input('preferredContactTime', { maxlength: '200' });
  const lead = recordForm(
    'leads',
    'newLead',
    [field(t('need'), need), field(t('name'), leadName), field(t('phone'), leadPhone), field(t('preferredContactTime'), contactTime)],
    () =>
      need.value.trim()
        ? { ...base, sourceChannel: conv.channel, need: need.value.trim(), name: leadName.value.trim() || undefined, phone: leadPhone.value.trim() || undefined, preferredContactTime: contactTime.value.trim() || undefined }
        : t('need'),
    onCreated,
  );

  const product = input('product', { maxlength: '200' });
  const sku = input('sku', { maxlength: '50' });
  const quantity = input('quantity', { type: 'number', min: '1', step: '1', value: '1' });
  const price = input('unitPrice', { type: 'number', min: '0', step: '0.01' });
  const recipient = input('recipient', { value: bundle.customer.name ?? '', maxlength: '100' });
  const recipientPhone = input('recipientPhone', { type: 'tel', value: bundle.customer.phone ?? '' });
  const isCustomer = input('isCustomer', { type: 'checkbox', checked: true });
  const address = h('textarea', { name: 'address', rows: '2', maxlength: '500' });
  const payment = select('payment', [['cod', t('payment_cod')], ['online', t('payment_online')]]);
  const order = recordForm(
    'orders',
    'newOrder',
    [
      field(t('product'), product),
      h('div', { class: 'field-row' }, field(t('sku'), sku), field(t('quantity'), quantity), field(t('unitPrice'), price)),
      h('div', { class: 'field-row' }, field(t('recipient'), recipient), field(t('recipientPhone'), recipientPhone)),
      h('label', { class: 'check' }, isCustomer, t('recipientIsCustomer')),
      field(t('address'), address),
      field(t('payment'), payment),
    ],
    () => {
      const missing = !product.value.trim() ? t('product') : !price.value ? t('unitPrice') : !recipient.value.trim() ? t('recipient') : !recipientPhone.value.trim() ? t('recipientPhone') : !address.value.trim() ? t('address') : '';
      if (missing) return missing;
      return {
        ...base,
        source: 'agent',
        channel: conv.channel,
        items: [{ sku: sku.value.trim() || 'MANUAL', product: product.value.trim(), quantity: Math.max(1, Math.round(Number(quantity.value) || 1)), unitPriceFen: Math.round(Number(price.value) * 100) }],
        recipient: { name: recipient.value.trim(), phone: recipientPhone.value.trim(), isCustomer: isCustomer.checked },
        address: address.value.trim(),
        payment: payment.value,
      };
    },
    onCreated,
  );

  const severity = select('severity', [['general', t('severity_general')], ['serious', t('severity_serious')]], conv.priority >= 10 ? 'serious' : 'general');
  const category = select('category', COMPLAINT_CATEGORIES.map((c) => [c, CATEGORY_LABELS[c][zh ? 0 : 1]]), 'other');
  const description = h('textarea', { name: 'description', rows: '3', maxlength: '5000' });
  const contactPhone = input('contactPhone', { type: 'tel', value: bundle.customer.phone ?? '' });
  const complaint = recordForm(
    'complaints',
    'newComplaint',
    [h('div', { class: 'field-row' }, field(t('severity'), severity), field(t('category'), category)), field(t('description'), description), field(t('contactPhone'), contactPhone)],
    () =>
      description.value.trim()
        ? { ...base, channel: conv.channel, severity: severity.value, category: category.value, description: description.value.trim(), contactPhone: contactPhone.value.trim() || undefined }
        : t('description'),
    onCreated,
  );
  return [lead, order, complaint];
}

/** A complaint category's label in the console's language. */
export function complaintCategory(value: unknown): string {
  const labels = CATEGORY_LABELS[String(value)];
  return labels ? labels[locale() === 'en' ? 1 : 0] : String(value ?? '');
}
