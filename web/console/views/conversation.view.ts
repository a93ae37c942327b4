import { h, replaceChildren } from '../../shared/dom';
import { ApiError } from '../../shared/http';
import { api } from '../api';
import { t, tOr } from '../i18n';
import { channelName, duration } from '../format';
import type { ConsoleSocket } from '../realtime';
import type { ChatMessage, ConversationDetail, ListItem, User } from '../types';
import { Transcript } from './transcript.view';
import { replyBox, type ReplyState } from './reply-box.view';
import { pickTransferTarget } from './transfer-dialog.view';
import { CustomerPanel } from './customer-panel.view';
import { chip, confirmDialog, failed, reason, toast } from './ui';

/** What the conversation view needs from the app. */
export interface ConversationContext {
  me(): User;
  socket: ConsoleSocket;
  /** Reload the inbox lists after an action. */
  refresh(): void;
  open(id: string): void;
}

/** The middle column (transcript, actions, reply box) and the right column (customer panel). */
export class ConversationPane {
  readonly el = h('section', { class: 'conversation' });
  readonly side: CustomerPanel;
  private detail?: ConversationDetail;
  private transcript?: Transcript;
  private reply?: ReturnType<typeof replyBox>;
  private readonly header = h('header', { class: 'conv-header' });
  private loading = 0;

  constructor(private readonly ctx: ConversationContext) {
    this.side = new CustomerPanel((id) => ctx.open(id));
    this.clear();
  }

  /** The open conversation's id. */
  get id(): string | undefined {
    return this.detail?.id;
  }

  /** Shows the "pick a conversation" placeholder. */
  clear(): void {
    this.detail = undefined;
    replaceChildren(this.el, h('div', { class: 'placeholder', text: t('pickConversation') }));
    this.side.clear();
  }

  /** Loads and shows a conversation. */
  async open(id: string): Promise<void> {
    const mine = ++this.loading;
    try {
      const { conversation, messages } = await api.conversation(id);
      if (mine !== this.loading) return;
      this.detail = { ...conversation, id: conversation.id ?? id };
      this.transcript = new Transcript();
      this.transcript.set(messages ?? []);
      this.reply = replyBox({
        conversationId: id,
        onSent: (m) => this.transcript?.upsert(m),
        typing: (on) => this.ctx.socket.typing(id, on),
      });
      replaceChildren(this.el, this.header, this.transcript.el, this.reply.el);
      this.paint();
      if (this.detail.customer?.id) void this.side.load(this.detail.customer.id, this.detail);
    } catch (err) {
      if (mine !== this.loading) return;
      replaceChildren(this.el, h('div', { class: 'placeholder error', text: t('loadFailed', { error: reason(err) }) }));
    }
  }

  /** A `message` event. */
  onMessage(conversationId: string, message: ChatMessage): void {
    if (conversationId === this.detail?.id) this.transcript?.upsert(message);
  }

  /** A `conversation` event: status, assignee and actions follow. */
  onConversation(item: ListItem): void {
    if (item.id !== this.detail?.id) return;
    this.detail = { ...this.detail, ...item };
    this.paint();
  }

  /** A `typing` event. */
  onTyping(conversationId: string, on: boolean): void {
    if (conversationId === this.detail?.id) this.transcript?.setTyping(on);
  }

  private replyState(d: ConversationDetail): ReplyState {
    const me = this.ctx.me();
    if (d.status === 'closed') return 'closed';
    if (d.status === 'waiting') return 'claim';
    if (d.status === 'assigned') return d.assignee?.id === me.id || me.role !== 'agent' ? 'open' : 'notYours';
    return 'bot';
  }

  private async act(action: () => Promise<unknown>, reload = true): Promise<void> {
    const id = this.detail?.id;
    if (!id) return;
    try {
      await action();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CHAT_NOT_CLAIMABLE') toast(t('notClaimable'), 'error');
      else failed(err);
    }
    this.ctx.refresh();
    if (reload && this.detail?.id === id) await this.open(id);
  }

  private paint(): void {
    const d = this.detail;
    if (!d || !this.reply) return;
    const me = this.ctx.me();
    const serious = (d.priority ?? 0) >= 10 || d.handoffReason === 'serious_complaint';
    const canManage = d.status === 'assigned' && (d.assignee?.id === me.id || me.role !== 'agent');
    const btn = (label: string, cls: string, onClick: () => void) => h('button', { type: 'button', class: `btn ${cls}`, text: label, on: { click: onClick } });
    const facts = [
      d.handoffReason ? tOr(`reason_${d.handoffReason}`, d.handoffReason) : '',
      d.assignee ? t('assignee', { name: d.assignee.name, number: d.assignee.agentNumber }) : '',
      d.sla?.firstResponseSeconds !== undefined ? t('firstResponse', { time: duration(d.sla.firstResponseSeconds) }) : '',
      d.sla?.handlingSeconds !== undefined ? t('handling', { time: duration(d.sla.handlingSeconds) }) : '',
      d.rating ? t('ratingShort', { a: d.rating.attitude, s: d.rating.speed, r: d.rating.resolution }) : '',
    ].filter(Boolean);
    replaceChildren(
      this.header,
      h(
        'div',
        { class: 'conv-title' },
        h('h2', { text: d.customer?.name || t('visitor') }),
        chip(channelName(d.channel), 'channel'),
        chip(tOr(`status_${d.status}`, d.status), `status-${d.status}`),
        serious ? chip(t('serious'), 'danger') : null,
      ),
      h('div', { class: 'conv-facts', text: facts.join(' · ') }),
      h(
        'div',
        { class: 'conv-actions' },
        d.status === 'waiting' ? btn(t('claim'), 'primary', () => void this.act(() => api.claim(d.id))) : null,
        canManage
          ? btn(t('transfer'), '', async () => {
              const target = await pickTransferTarget(me.id);
              if (target) await this.act(() => api.transfer(d.id, target));
            })
          : null,
        canManage
          ? btn(t('returnToBot'), '', async () => {
              if (await confirmDialog(t('confirmReturn'))) await this.act(() => api.returnToBot(d.id));
            })
          : null,
        canManage || (d.status === 'waiting' && me.role !== 'agent')
          ? btn(t('close'), 'danger', async () => {
              if (await confirmDialog(t('confirmClose'), t('close'), true)) await this.act(() => api.close(d.id));
            })
          : null,
      ),
    );
    this.reply.setState(this.replyState(d), () => void this.act(() => api.claim(d.id)));
  }
}
