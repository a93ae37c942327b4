import { useLiveChatService, addUser, online, waitingCustomer } from '../helpers/live-chat';
import { testLogger } from '../helpers/logger';
import { Conversation } from '../../src/domain/models';
import { AssignmentService } from '../../src/conversation/assignment.service';
import { AgentChatService } from '../../src/conversation/agent-chat.service';
import { Outbox } from '../../src/conversation/outbox';

// The service itself assigns nothing (manual); the test runs the automatic assignment of two instances.
const service = useLiveChatService('assignment_race', { ASSIGNMENT_MODE: 'manual' });

/** What one more instance on the same database runs when a chat is handed off or an agent comes online. */
function anotherInstance(): AssignmentService {
  const { engine, events, adapters } = service();
  const outbox = new Outbox({ registry: adapters, events, log: testLogger });
  return new AssignmentService({ agentChat: new AgentChatService({ events, engine, outbox }), engine, events, outbox, mode: 'auto', defaultMaxChats: 5, log: testLogger });
}

describe('automatic assignment on several instances', () => {
  it('two instances assigning the queue at the same moment never give an agent more chats than their limit', async () => {
    const agent = await addUser('限额坐席', 'agent', { maxChats: 2 });
    await online(service().app, agent);
    const waiting = await Promise.all(Array.from({ length: 6 }, () => waitingCustomer(service().app)));
    const ids = waiting.map((w) => w.conversationId);
    expect(await Conversation.countDocuments({ _id: { $in: ids }, status: 'waiting' })).toBe(6);

    await Promise.all([anotherInstance().drain(), anotherInstance().drain()]);

    expect(await Conversation.countDocuments({ _id: { $in: ids }, status: 'assigned', assignee: agent.id })).toBe(2);
    expect(await Conversation.countDocuments({ _id: { $in: ids }, status: 'waiting' })).toBe(4);
  });
});
