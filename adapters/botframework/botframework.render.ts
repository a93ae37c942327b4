import type { Activity, CardAction } from 'botbuilder';
import type { OutboundMessage } from '../../src/core/message';
import { messageText, type AgentLabel } from '../shared/message-text';

/**
 * OutboundMessage → Bot Framework Activity (Teams, Web Chat…). Quick replies become suggested
 * actions of type imBack: pressing one posts its label back as the customer's message, which the
 * inbound side maps to the value with resolveNumberedChoice (label match).
 */

export interface BotFrameworkRenderOptions {
  agentLabel?: AgentLabel;
  /** The message's files, inline as data: URLs (Teams and Web Chat show pictures sent so). */
  files?: { data: Buffer; filename: string; contentType: string }[];
}

/** A message activity ready for `context.sendActivity`; plain text, so markdown is not interpreted. */
export function renderBotFrameworkActivity(message: OutboundMessage, options: BotFrameworkRenderOptions = {}): Partial<Activity> {
  const files = options.files ?? [];
  const activity: Partial<Activity> = {
    type: 'message',
    // A picture sent alone by the bot has no words; an agent's picture keeps their name above it.
    ...(files.length && !message.text.trim() && !message.agent ? {} : { text: messageText(message, options.agentLabel), textFormat: 'plain' }),
  };
  if (files.length) {
    activity.attachments = files.map((f) => ({ contentType: f.contentType, contentUrl: `data:${f.contentType};base64,${f.data.toString('base64')}`, name: f.filename }));
  }
  const quickReplies = message.quickReplies ?? [];
  if (quickReplies.length > 0) {
    // The label, not the value, is posted back: the customer sees their own words in the chat.
    const actions: CardAction[] = quickReplies.map((reply) => ({ type: 'imBack', title: reply.label, value: reply.label }));
    activity.suggestedActions = { to: [], actions };
  }
  return activity;
}
