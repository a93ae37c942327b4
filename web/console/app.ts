import { h, replaceChildren } from '../shared/dom';
import { api } from './api';
import { t } from './i18n';
import { InboxStore } from './inbox-store';
import { Notifier } from './notifier';
import { ConsoleSocket } from './realtime';
import type { ChatMessage, InboxView, ListItem, User } from './types';
import { Shell } from './views/shell.view';
import { InboxPanel } from './views/inbox.view';
import { ConversationPane } from './views/conversation.view';
import { PhrasesEditor } from './views/phrases-editor.view';
import { ViolationsView } from './views/violations.view';
import { failed } from './views/ui';

type Route = { page: 'inbox'; conversationId?: string } | { page: 'manage' };

function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'manage') return { page: 'manage' };
  if (parts[0] === 'c' && parts[1]) return { page: 'inbox', conversationId: decodeURIComponent(parts[1]) };
  return { page: 'inbox' };
}

const SAFETY_REFRESH_MS = 60_000;

/**
 * The signed-in console: top bar, and either the workspace (inbox, conversation, customer) or the
 * managers' quality page. Realtime events from the `/console` socket update all of it; the hash
 * (#/c/<id>, #/manage) is the route so reloads and the back button work.
 */
export class ConsoleApp {
  private readonly notifier = new Notifier();
  private readonly store: InboxStore;
  private readonly socket: ConsoleSocket;
  private readonly shell: Shell;
  private readonly inbox: InboxPanel;
  private readonly pane: ConversationPane;
  private readonly main = h('div', { class: 'main' });
  private route: Route = parseRoute(location.hash);
  private timers: ReturnType<typeof setInterval>[] = [];
  private wasDown = false;
  private readonly onHash = () => this.navigate();

  constructor(
    private readonly root: HTMLElement,
    private me: User,
    private readonly hooks: { signedOut(): void; relocalise(me: User): void },
  ) {
    const isManager = me.role !== 'agent';
    this.store = new InboxStore(() => this.me);
    this.socket = new ConsoleSocket({
      conversation: (item) => this.onConversation(item),
      message: (id, m) => this.onMessage(id, m),
      typing: (id, on) => this.pane.onTyping(id, on),
      connection: (up) => this.onConnection(up),
    });
    this.shell = new Shell({
      me: () => this.me,
      setMe: (user) => (this.me = user),
      notifier: this.notifier,
      page: () => this.route.page,
      onLocale: () => hooks.relocalise(this.me),
      onLogout: () => void this.logout(),
    });
    this.inbox = new InboxPanel({
      store: this.store,
      canSeeAll: isManager,
      selectedId: () => this.pane.id,
      open: (id) => (location.hash = `#/c/${encodeURIComponent(id)}`),
      switchTab: (view) => void this.switchTab(view),
    });
    this.pane = new ConversationPane({
      me: () => this.me,
      socket: this.socket,
      refresh: () => void this.reloadLists(),
      open: (id) => (location.hash = `#/c/${encodeURIComponent(id)}`),
    });
    this.notifier.setTitle(t('appName'));
    replaceChildren(root, this.shell.el, this.main);
  }

  /** Loads the lists and shows the current route. */
  async start(): Promise<void> {
    window.addEventListener('hashchange', this.onHash);
    this.timers.push(setInterval(() => this.inbox.tick(), 1000));
    this.timers.push(setInterval(() => void this.reloadLists(), SAFETY_REFRESH_MS));
    await this.reloadLists();
    this.navigate();
  }

  /** Stops the socket and timers (sign-out, language switch). */
  stop(): void {
    window.removeEventListener('hashchange', this.onHash);
    this.timers.forEach(clearInterval);
    this.socket.close();
  }

  private async logout(): Promise<void> {
    try {
      await api.logout();
    } catch (err) {
      failed(err);
      return;
    }
    this.stop();
    this.hooks.signedOut();
  }

  private navigate(): void {
    this.route = parseRoute(location.hash);
    this.shell.render();
    if (this.route.page === 'manage') return this.showManage();
    if (!this.main.querySelector('.workspace')) {
      replaceChildren(this.main, h('div', { class: 'workspace' }, this.inbox.el, this.pane.el, this.pane.side.el));
    }
    const id = this.route.conversationId;
    this.main.querySelector('.workspace')?.classList.toggle('has-conversation', !!id);
    if (id && id !== this.pane.id) {
      this.store.markRead(id);
      void this.pane.open(id);
    } else if (!id) this.pane.clear();
    this.inbox.render();
  }

  private showManage(): void {
    if (this.me.role === 'agent') {
      replaceChildren(this.main, h('p', { class: 'placeholder', text: t('onlyManagers') }));
      return;
    }
    const phrases = new PhrasesEditor();
    const violations = new ViolationsView();
    replaceChildren(this.main, h('div', { class: 'manage' }, h('h1', { class: 'page-title', text: t('manageTitle') }), phrases.el, violations.el));
    void phrases.load();
    void violations.load();
  }

  private async switchTab(view: InboxView): Promise<void> {
    this.inbox.view = view;
    this.inbox.render();
    try {
      await this.store.load(view);
    } catch (err) {
      failed(err);
    }
    this.inbox.render();
  }

  private async reloadLists(): Promise<void> {
    const views: InboxView[] = ['waiting', 'mine'];
    if (this.inbox.view === 'all') views.push('all');
    try {
      await Promise.all(views.map((v) => this.store.load(v)));
    } catch (err) {
      failed(err);
    }
    this.inbox.render();
  }

  private onConversation(item: ListItem): void {
    const { newlyWaiting } = this.store.upsert(item);
    if (newlyWaiting) this.notifier.notify();
    this.pane.onConversation(item);
    this.inbox.render();
  }

  private onMessage(conversationId: string, message: ChatMessage): void {
    const looking = this.pane.id === conversationId && !document.hidden;
    this.store.touch(conversationId, message, looking);
    this.pane.onMessage(conversationId, message);
    const concernsMe = this.store.isMine(conversationId) || this.pane.id === conversationId;
    if (message.author === 'customer' && concernsMe && (!looking || !document.hasFocus())) this.notifier.notify();
    this.inbox.render();
  }

  private onConnection(up: boolean): void {
    this.shell.setConnected(up);
    if (up && this.wasDown) {
      // Whatever changed while we were away.
      void this.reloadLists();
      const id = this.pane.id;
      if (id) void this.pane.open(id);
    }
    this.wasDown = !up;
  }
}
