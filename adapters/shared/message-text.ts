import type { OutboundMessage } from '../../src/core/message';

/** How an agent is introduced above their message; the composition root passes a localised one. */
export type AgentLabel = (agent: { name: string; number: string }) => string;

/** The form message.ts documents, used when no localised label is given. */
export const defaultAgentLabel: AgentLabel = (agent) => `${agent.name} (No. ${agent.number})`;

/** The text a channel shows for a message: agent messages get the agent's label on a line above. */
export function messageText(message: OutboundMessage, agentLabel: AgentLabel = defaultAgentLabel): string {
  return message.agent === undefined ? message.text : `${agentLabel(message.agent)}\n${message.text}`;
}
