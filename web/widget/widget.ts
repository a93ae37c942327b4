import { h, replaceChildren } from '../shared/dom';
import { ApiError } from '../shared/http';
import type { ChatMessage, ConversationState, RatingSubmission, UploadRules } from '../shared/contract';
import { translator, type Translate, type WidgetLocale } from './i18n';
import { ClientApi } from './client-api';
import { ChatConnection, type LinkState } from './connection';
import { MessageLog } from './message-log';
import { newClientMessageId, SessionStore, type OutboxItem } from './session-store';
import { createLauncher, type Launcher } from './views/launcher';
import { createPanel, type Panel } from './views/panel';
import { createComposer, MAX_TEXT, type Composer } from './views/composer';
import { MessageList } from './views/message-list';
import { FocusPlan } from './focus-plan';
import type { PrechatAnswers } from './views/prechat-form';
import { cardView, type Card } from './views/cards';
import { createAttachButton, type AttachButton } from './views/attach-button';
import { refusalOf } from './views/attachments';

/** Where the widget's server is and how it speaks. */
export interface WidgetOptions {
  /** Origin (and path prefix) of the server that served widget.js. */
  base: string;
  locale: WidgetLocale;
}

/**
 * The widget's controller: owns the state (session, transcript, conversation status, link) and
 * redraws the views from it. The conversation is created when the customer first opens the panel.
 */
export class ChatWidget {
  private readonly t: Translate;
  private readonly api: ClientApi;
  private readonly store: SessionStore;
  private readonly log = new MessageLog();
  private readonly launcher: Launcher;
  private readonly panel: Panel;
  private readonly composer: Composer;
  private readonly list = new MessageList();
  private readonly cardSlot = h('div');
  private readonly focus: FocusPlan;
  private readonly attach: AttachButton;
  /** /widget/config.json, read once when the panel first opens. */
  private settings?: Promise<{ prechatForm: boolean; upload?: UploadRules }>;
  private uploadRules?: UploadRules;
  /** Blob URLs of pictures already fetched, by their server URL. */
  private readonly files = new Map<string, Promise<string>>();
  private connection?: ChatConnection;
  private conversation: ConversationState = { status: 'bot' };
  private link: LinkState = 'connecting';
  private isOpen = false;
  private starting = false;
  private counting = false;
  private agentTyping = false;
  private agentTypingTimer?: ReturnType<typeof setTimeout>;
  private awaitingBot = false;
  private card: Card = 'none';
  private renderQueued = false;
  /** A one-off notice in the banner (e.g. a message too long), cleared by the next send. */
  private notice?: string;
  /** Follow new messages unless the customer scrolled up to read. */
  private stickToBottom = true;

  constructor(
    readonly root: HTMLElement,
    private readonly opts: WidgetOptions,
  ) {
    this.t = translator(opts.locale);
    this.api = new ClientApi(opts.base);
    this.store = new SessionStore(opts.base);
    this.launcher = createLauncher(this.t, () => this.open());
    this.panel = createPanel(this.t, () => this.close());
    this.composer = createComposer(this.t, (text) => this.send({ text }), (on) => this.connection?.typing(on));
    this.panel.body.append(this.list.el, this.cardSlot);
    this.attach = createAttachButton(this.t, this.composer.input, this.panel.el, (files) => void this.sendFiles(files));
    this.composer.tools.append(this.attach.el);
    this.panel.footer.append(this.composer.el);
    root.append(this.panel.el, this.launcher.el);
    this.focus = new FocusPlan({ root, launcher: this.launcher.el, panel: this.panel.el, input: this.composer.input, cards: this.cardSlot });
    const body = this.panel.body;
    body.addEventListener('scroll', () => (this.stickToBottom = body.scrollHeight - body.scrollTop - body.clientHeight < 60), { passive: true });
    // A picture that arrives after its row grows the transcript: keep following the newest message.
    body.addEventListener('load', () => this.stickToBottom && (body.scrollTop = body.scrollHeight), true);
    if (this.store.session) this.resume();
    this.render();
  }

  /** Opens the panel (and starts the conversation on first use). */
  open(): void {
    this.isOpen = true;
    this.store.unread = 0;
    void this.loadSettings();
    if (!this.store.session && !this.starting && this.card !== 'prechat') void this.begin();
    this.focus.want('panel');
    this.render();
  }

  /** Minimises the panel to the launcher. */
  close(): void {
    this.isOpen = false;
    this.focus.want('launcher');
    this.render();
  }

  private async begin(): Promise<void> {
    this.starting = true;
    this.render();
    const settings = await this.loadSettings();
    if (settings.prechatForm) {
      this.starting = false;
      this.showCard('prechat');
      this.render();
      return;
    }
    const problem = await this.startConversation({});
    if (problem) this.showCard('error');
  }

  private loadSettings(): Promise<{ prechatForm: boolean; upload?: UploadRules }> {
    this.settings ??= this.api.settings().then(
      (s) => {
        this.uploadRules = s.upload;
        if (s.upload) this.attach.accept(s.upload.types);
        return s;
      },
      () => ({ prechatForm: false }),
    );
    return this.settings;
  }

  /**
   * Sends pictures or files one after the other; a type or size the server would refuse is
   * refused here with a message, as is anything the server refuses (its type read from the bytes).
   */
  private async sendFiles(files: File[]): Promise<void> {
    for (const file of files) {
      const session = this.store.session;
      if (!session || this.conversation.status === 'closed') return;
      this.notice = refusalOf(file, this.uploadRules, this.t);
      if (this.notice) return this.render();
      this.notice = this.t('pending');
      this.render();
      try {
        const { message, messages } = await this.api.upload(session, file, file.name || 'image.png', newClientMessageId());
        this.notice = undefined;
        this.received([message, ...messages]);
      } catch (err) {
        const code = err instanceof ApiError ? err.code : '';
        this.notice = this.t(code === 'FILE_TOO_LARGE' ? 'fileTooLarge' : code === 'FILE_TYPE_NOT_ALLOWED' ? 'fileType' : 'failed', { size: Math.floor((this.uploadRules?.maxBytes ?? 0) / 1048576) || 1 });
        this.render();
        return;
      }
    }
  }

  /** A picture or file of the conversation as a blob: URL, fetched once. */
  private loadFile(url: string): Promise<string> {
    const session = this.store.session;
    if (!session) return Promise.reject(new Error('no conversation'));
    let loaded = this.files.get(url);
    if (!loaded) {
      loaded = this.api.fileUrl(session, url);
      loaded.catch(() => this.files.delete(url));
      this.files.set(url, loaded);
    }
    return loaded;
  }

  /** Creates the conversation; resolves to a text for the pre-chat form when it failed. */
  private async startConversation(answers: PrechatAnswers): Promise<string | undefined> {
    this.starting = true;
    try {
      const { session, messages } = await this.api.start({ locale: this.opts.locale, ...answers });
      this.store.setSession(session);
      this.log.addServer(messages);
      this.showCard('none');
      this.connect();
      return undefined;
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err));
      const phoneRefused = e.status === 400 && JSON.stringify(e.details ?? e.message).includes('phone');
      return phoneRefused ? this.t('prechatPhoneInvalid') : this.t('startError');
    } finally {
      this.starting = false;
      this.render();
    }
  }

  /** After a reload: what was still queued shows at once, then the transcript and the link. */
  private resume(): void {
    for (const item of this.store.outbox) this.log.addLocal(item, item.text ?? item.choice ?? '', 'queued');
    this.connect();
  }

  private connect(): void {
    const session = this.store.session;
    if (!session) return;
    this.connection?.stop();
    this.counting = false;
    const connection = new ChatConnection(this.opts.base, this.api, this.store, session, {
      messages: (list) => this.received(list),
      conversation: (state) => this.conversationChanged(state),
      typing: (on) => this.typing(on),
      link: (state) => {
        this.link = state;
        if (state === 'offline') this.log.holdPending();
        this.render();
      },
      sent: (item) => {
        this.log.mark(item.clientMessageId, 'sent');
        this.awaitingBot = false;
        this.render();
      },
      rejected: (item, error) => {
        this.log.mark(item.clientMessageId, 'failed', error.status === 400 ? error.message : undefined);
        this.awaitingBot = false;
        if (error.code === 'CONVERSATION_CLOSED') this.conversationChanged({ ...this.conversation, status: 'closed' });
        this.render();
      },
      invalid: () => this.reset(),
    });
    this.connection = connection;
    void connection.start().then(() => {
      this.counting = true;
      connection.kick();
    });
  }

  /** Forgets the conversation (closed and rated, or the token no longer works) and starts afresh. */
  private reset(): void {
    this.connection?.stop();
    this.connection = undefined;
    this.store.setSession(undefined);
    this.log.clear();
    for (const url of this.files.values()) void url.then(URL.revokeObjectURL, () => undefined);
    this.files.clear();
    this.conversation = { status: 'bot' };
    this.awaitingBot = this.agentTyping = false;
    this.showCard('none');
    if (this.isOpen) void this.begin();
    this.render();
  }

  private received(messages: ChatMessage[]): void {
    const added = this.log.addServer(messages);
    const fromUs = added.filter((m) => m.author !== 'customer');
    if (fromUs.length) {
      this.awaitingBot = false;
      if (fromUs.some((m) => m.author === 'agent')) this.agentTyping = false;
      if (this.counting && (!this.isOpen || document.hidden)) this.store.unread = this.store.unread + fromUs.length;
    }
    this.render();
  }

  private conversationChanged(state: ConversationState): void {
    const wasClosed = this.conversation.status === 'closed';
    this.conversation = state;
    if (state.status !== 'bot') this.awaitingBot = false;
    if (state.status === 'closed') this.agentTyping = false;
    if (state.status === 'closed' && !wasClosed) this.showCard(this.store.session?.rated ? 'rated' : 'rating');
    if (state.status !== 'closed' && (this.card === 'rating' || this.card === 'rated' || this.card === 'ended')) this.showCard('none');
    this.render();
  }

  private typing(on: boolean): void {
    this.agentTyping = on;
    clearTimeout(this.agentTypingTimer);
    if (on) this.agentTypingTimer = setTimeout(() => this.typing(false), 10000);
    this.render();
  }

  /** Queues a message (in localStorage first, so nothing is lost offline) and shows it. */
  private send(msg: { text?: string; choice?: string }): boolean {
    if (!this.store.session || this.conversation.status === 'closed') return false;
    if ((msg.text ?? '').length > MAX_TEXT) {
      this.notice = this.t('tooLong');
      this.render();
      return false;
    }
    this.notice = undefined;
    const item: OutboxItem = { clientMessageId: newClientMessageId(), ...msg, createdAt: new Date().toISOString() };
    this.store.enqueue(item);
    this.log.addLocal(item, msg.text ?? '', this.link === 'offline' ? 'queued' : 'pending');
    if (this.conversation.status === 'bot' && this.link !== 'offline') this.awaitingBot = true;
    this.connection?.kick();
    this.render();
    return true;
  }

  private async rate(rating: RatingSubmission): Promise<string | undefined> {
    const session = this.store.session;
    if (!session) return this.t('startError');
    try {
      await this.api.rate(session, rating);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 409) return this.t('startError');
      if (err.code === 'NOT_RATEABLE') {
        // Closed, but not by an agent (e.g. handed back to the bot and timed out): nothing to rate.
        this.showCard('ended');
        return undefined;
      }
    }
    this.store.markRated();
    this.showCard('rated');
    return undefined;
  }

  private showCard(card: Card): void {
    if (card === this.card && card !== 'none') return;
    if (this.focus.has(this.cardSlot)) this.focus.want('panel');
    this.card = card;
    this.stickToBottom = true;
    replaceChildren(
      this.cardSlot,
      cardView(card, this.t, {
        start: (answers) => this.startConversation(answers),
        retry: () => {
          this.showCard('none');
          void this.begin();
        },
        rate: (rating) => this.rate(rating),
        newChat: () => this.reset(),
      }),
    );
  }

  /** Redraws once per microtask, however many changes came in. */
  private render(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    queueMicrotask(() => {
      this.renderQueued = false;
      this.draw();
    });
  }

  private draw(): void {
    const t = this.t;
    const { status } = this.conversation;
    this.root.classList.toggle('is-open', this.isOpen);
    this.panel.el.hidden = !this.isOpen;
    this.launcher.setUnread(this.isOpen ? 0 : this.store.unread);
    this.panel.setServer(this.conversation);
    this.panel.setBanner(this.notice ?? (this.link === 'offline' ? t('offline') : this.starting ? t('connecting') : undefined));
    const inputReady = !!this.store.session && status !== 'closed';
    if (!inputReady && this.focus.has(this.panel.footer)) this.focus.want('panel');
    this.composer.setEnabled(inputReady);
    this.attach.button.disabled = !inputReady;
    this.panel.footer.hidden = !inputReady;
    this.focus.place(this.isOpen, inputReady);
    if (!this.isOpen) return;
    this.list.render(this.log.entries, {
      t,
      locale: this.opts.locale,
      typing: this.agentTyping || this.awaitingBot,
      quickRepliesEnabled: status === 'bot',
      onChoice: (reply) => this.send({ text: reply.label, choice: reply.value }),
      loadFile: (url) => this.loadFile(url),
    });
    if (this.stickToBottom || this.log.last?.local === 'pending' || this.log.last?.local === 'queued') {
      this.panel.body.scrollTop = this.panel.body.scrollHeight;
      this.stickToBottom = true;
    }
  }
}
