import { createUser } from '../../../src/domain/user/user.service';
import { SYSTEM } from '../../../src/domain/audit/audit.service';
import { User } from '../../../src/domain/user/user.model';

/** An agent working through the console's HTTP API (for widget tests that do not need the console UI). */
export interface AgentApi {
  agentNumber: string;
  claim(conversationId: string): Promise<void>;
  reply(conversationId: string, text: string): Promise<void>;
  close(conversationId: string): Promise<void>;
}

/** An agent online with a console seen now (presence.service takes a user never seen for offline). */
export async function createOnlineAgent(email: string, name: string, password: string) {
  const user = await createUser({ email, name, role: 'agent', password }, SYSTEM);
  await User.updateOne({ _id: user._id }, { $set: { presence: 'online', presenceSeenAt: new Date() } });
  return user;
}

/** Creates an online agent, signs in and returns its console API calls (each asserts success). */
export async function onlineAgent(baseUrl: string, email: string, name: string): Promise<AgentApi> {
  const password = 'agent-password-9';
  const user = await createOnlineAgent(email, name, password);
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (login.status !== 200) throw new Error(`agent login answered ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${baseUrl}/api/v1/console/conversations/${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  };
  return {
    agentNumber: user.agentNumber,
    claim: (id) => post(`${id}/claim`, {}),
    reply: (id, text) => post(`${id}/messages`, { text }),
    close: (id) => post(`${id}/close`, {}),
  };
}
