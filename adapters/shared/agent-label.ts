import type { Locale, OutboundMessage } from '../../src/core/message';
import { detectLocale, toLocale } from '../../src/core/text/locale-detect';
import type { ConversationRef } from '../../src/channels/channel-adapter';
import type { AgentLabel } from './message-text';

/**
 * "name (No. number)" in the customer's language, above an agent's message on text-only channels.
 * The wording lives here rather than in locales/ because adapters render outside any turn.
 */
const LABELS: Record<Locale, AgentLabel> = {
  'zh-CN': (agent) => `${agent.name}（工号 ${agent.number}）`,
  'zh-TW': (agent) => `${agent.name}（工號 ${agent.number}）`,
  en: (agent) => `${agent.name} (No. ${agent.number})`,
};

/**
 * Picks the label for a message: the locale the platform reported for this customer (kept in
 * replyContext.locale by the adapters that get one), else the language the agent wrote in (agents
 * answer in the customer's language), else the service's default.
 */
export function agentLabelFor(to: ConversationRef, message: OutboundMessage, defaultLocale: Locale): AgentLabel {
  const hint = to.replyContext?.locale;
  const locale = toLocale(typeof hint === 'string' ? hint : undefined) ?? detectLocale(message.text) ?? defaultLocale;
  return LABELS[locale];
}
