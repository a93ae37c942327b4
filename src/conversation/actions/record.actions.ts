import type { ChannelId } from '../../core/message';
import type { FlowAction } from '../../flows/flow-runtime';
import { createLead } from '../../domain/lead/lead.service';
import { classifyComplaint, createComplaint } from '../../domain/complaint/complaint.service';
import { recordSurvey } from '../../domain/follow-up/follow-up.service';
import { learnAboutCustomer } from '../../domain/customer/customer.service';
import { Customer } from '../../domain/customer/customer.model';
import type { Actor } from '../../domain/audit/audit.service';
import { formatDateTime } from './format';
import { learnGender } from './customer-facts';
import type { i18n } from 'i18next';
import type { Catalogue } from '../../flows/catalogue';
import type { KeywordRecognizer } from '../../core/intents/keyword-recognizer';

const BOT: Actor = { type: 'bot', name: 'bot' };
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * createLead: an inquiry (咨询), a booking or a request (更换阿姨, 续签, 退换货, 大客户询价) becomes a
 * lead. With `need: <text key>` the need is that text filled with the flow's values (the service,
 * the customer's own words…), in the customer's language.
 */
export function createLeadAction(i18n: i18n, catalogue: Catalogue): FlowAction {
  return async ({ customer, conversationId, channel, values, params, locale, recordId }) => {
    const product = typeof values.sku === 'string' ? catalogue.get(values.sku)?.name[locale] : undefined;
    const filled = Object.fromEntries(['details', 'statement', 'startDate', 'address', 'orderNumber', 'contractNumber', 'contractEnd'].map((k) => [k, str(values[k]) ?? '—']));
    const need = typeof params.need === 'string' ? (i18n.getFixedT(locale)(params.need, { ...filled, product: product ?? '—' }) as string) : (str(values.need) ?? str(values.message) ?? '');
    const lead = await createLead(
      { customer: customer.id, conversation: conversationId, need: need.slice(0, 2000), name: str(values.name), phone: str(values.phone), preferredContactTime: str(values.contactTime), sourceChannel: channel as ChannelId },
      BOT,
      { id: recordId('lead') },
    );
    await learnAboutCustomer(customer.id, { name: str(values.name), phone: str(values.phone) });
    await learnGender(customer, values.gender);
    return { values: { leadId: String(lead._id) } };
  };
}

/**
 * classifyComplaint: serious when the words speak of theft, loss, damage, injury or police — the
 * intents' words (flows/intents.yaml: 打碎, 烫伤, stole…) first, then the register's own rules.
 */
export function classifyComplaintAction(rules: KeywordRecognizer): FlowAction {
  return async ({ values, locale }) => {
    const description = str(values.description) ?? '';
    const read = rules.recognize(description, locale);
    const cue = typeof read.intent === 'object' && read.intent.flow === 'complaint' ? read.values : undefined;
    const fallback = classifyComplaint(description);
    const serious = values.severity === 'serious' || cue?.severity === 'serious' || fallback.severity === 'serious';
    const category = (typeof values.category === 'string' && values.category) || (typeof cue?.category === 'string' ? cue.category : fallback.category);
    return { values: { severity: serious ? 'serious' : values.severity === 'general' ? 'general' : 'unknown', category } };
  };
}

/** createComplaint: accepts it with its 24-hour feedback deadline; serious ones go to a human now. */
export function createComplaintAction(timeZone: string): FlowAction {
  return async ({ customer, conversationId, channel, values, locale, recordId }) => {
    const severity = values.severity === 'serious' ? 'serious' : 'general';
    const complaint = await createComplaint(
      {
        customer: customer.id,
        conversation: conversationId,
        channel: channel as ChannelId,
        severity,
        category: typeof values.category === 'string' ? (values.category as never) : undefined,
        description: str(values.description) ?? '',
        occurredAt: str(values.when),
        involved: str(values.who),
        contactPhone: str(values.phone),
      },
      BOT,
      undefined,
      { id: recordId('complaint') },
    );
    await learnAboutCustomer(customer.id, { phone: str(values.phone) });
    return {
      values: { complaintId: String(complaint._id), feedbackBy: formatDateTime(complaint.feedbackDueAt, locale, timeZone) },
      ...(severity === 'serious' ? { handoff: { reason: 'serious_complaint' as const, priority: 10 } } : {}),
    };
  };
}

/** recordSurvey: the follow-up's satisfaction scores; a low score opens a complaint. */
export const recordSurveyAction: FlowAction = async ({ values, channel, recordId }) => {
  const followUpId = str(values.followUpId);
  if (!followUpId) throw new Error('recordSurvey needs followUpId');
  const comment = str(values.comment);
  const { complaintId } = await recordSurvey(
    followUpId,
    { attitude: Number(values.attitude), speed: Number(values.speed), resolution: Number(values.resolution), comment: comment && !/^(无|無|没有|沒有|no|none|-)$/i.test(comment) ? comment : undefined },
    channel as ChannelId,
    BOT,
    { complaintId: recordId('complaint') },
  );
  return { values: { lowScore: !!complaintId } };
};

/** handoff: give the chat to a human (params: reason, priority). */
export const handoffAction: FlowAction = async ({ params }) => ({
  handoff: { reason: params.reason === 'serious_complaint' ? 'serious_complaint' : 'flow', priority: Number(params.priority ?? 0) },
});

/** tagCustomer: add a tag (params: tag) to the customer. */
export const tagCustomerAction: FlowAction = async ({ customer, params }) => {
  await Customer.updateOne({ _id: customer.id }, { $addToSet: { tags: String(params.tag).slice(0, 50) } });
  return {};
};

/** rememberCustomer: store the name/phone the customer gave on their record. */
export const rememberCustomerAction: FlowAction = async ({ customer, values }) => {
  await learnAboutCustomer(customer.id, { name: str(values.name), phone: str(values.phone) });
  return {};
};
