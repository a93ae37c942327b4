import type { i18n } from 'i18next';
import type { ChannelId, Locale } from '../../core/message';
import { Conversation, type ConversationDoc } from '../conversation/conversation.model';
import { Customer } from '../customer/customer.model';
import { Order, type OrderDoc } from './order.model';

/** Sends a text message to a phone (SMS gateway); throws when the gateway refuses. */
export interface SmsSender {
  send(to: string, text: string): Promise<void>;
}

export interface OrderUpdatesDeps {
  i18n: i18n;
  defaultLocale: Locale;
  /** Whether the service can deliver on a channel (an adapter is on, or the web widget). */
  canDeliver(channel: ChannelId): boolean;
  /** Writes a bot message into the conversation (stored, then sent by the outbox). Returns its id. */
  post(conversation: ConversationDoc, text: string): Promise<{ id: string }>;
  sms?: SmsSender;
}

const WECHAT: readonly string[] = ['wechat-mp', 'wechaty', 'wecom'];

/** What was told, how, and whether it went out (kept on the order). */
export interface OrderNotification {
  status: string;
  via: 'chat' | 'sms' | 'none';
  channel?: string;
  at: Date;
  ok: boolean;
  error?: string;
  message?: string;
}

/**
 * 物流通知 (001 §一.3): each status change of an order is told to the customer on the channel they
 * chose — their WeChat chat (or, without one, the chat they use) when they accepted WeChat, else
 * SMS to the recipient's phone — and recorded on the order (`notifications`), sent or not.
 */
export class OrderUpdates {
  constructor(private readonly deps: OrderUpdatesDeps) {}

  async tell(order: OrderDoc): Promise<OrderNotification> {
    const status = order.status;
    const customer = await Customer.findById(order.customer, { locale: 1, updatesVia: 1, phone: 1 });
    const prefers = order.updatesVia ?? customer?.updatesVia ?? undefined;
    const chat = prefers === 'sms' && this.deps.sms ? undefined : await this.chatFor(order, prefers === 'wechat');
    const locale = ((chat?.locale ?? customer?.locale ?? this.deps.defaultLocale) as Locale) || this.deps.defaultLocale;
    const text = this.deps.i18n.getFixedT(locale)(`back-office:order.update.${status}`, {
      number: order.number,
      courier: order.courier ?? '',
      trackingNumber: order.trackingNumber ?? '',
    }) as string;
    let entry: OrderNotification;
    const at = new Date();
    if (chat) {
      const message = await this.deps.post(chat, text);
      entry = { status, via: 'chat', channel: chat.channel, at, ok: true, message: message.id };
    } else {
      const phone = order.recipient?.phone ?? customer?.phone ?? undefined;
      if (this.deps.sms && phone) {
        try {
          await this.deps.sms.send(phone, text);
          entry = { status, via: 'sms', at, ok: true };
        } catch (err) {
          entry = { status, via: 'sms', at, ok: false, error: (err as Error).message.slice(0, 500) };
        }
      } else entry = { status, via: 'none', at, ok: false, error: phone ? 'no chat to reach the customer and no SMS gateway (SMS_WEBHOOK_URL)' : 'no chat and no phone' };
    }
    await Order.updateOne({ _id: order._id }, { $push: { notifications: entry } });
    return entry;
  }

  /** The customer's open chat on a channel we deliver to; WeChat ones first when they chose WeChat. */
  private async chatFor(order: OrderDoc, wechatFirst: boolean): Promise<ConversationDoc | undefined> {
    const open = await Conversation.find({ customer: order.customer, status: { $ne: 'closed' } }).sort({ lastMessageAt: -1 }).limit(10);
    const reachable = open.filter((c) => this.deps.canDeliver(c.channel as ChannelId));
    return (wechatFirst ? reachable.find((c) => WECHAT.includes(c.channel)) : undefined) ?? reachable[0];
  }
}
