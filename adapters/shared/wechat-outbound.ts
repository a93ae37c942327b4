import type { Locale, OutboundMessage } from '../../src/core/message';
import type { ConversationRef } from '../../src/channels/channel-adapter';
import { agentLabelFor } from './agent-label';
import { messageText } from './message-text';
import { withNumberedOptions } from './numbered-options';

/**
 * The text a message becomes on a channel without buttons (WeCom, Official Account, QQ, personal
 * WeChat): the agent's label above an agent's message, the quick replies as numbered lines below.
 * The engine maps a typed "2" or label back to the offered option.
 */
export function plainTextOf(to: ConversationRef, message: OutboundMessage, defaultLocale: Locale): string {
  return withNumberedOptions(messageText(message, agentLabelFor(to, message, defaultLocale)), message.quickReplies);
}
