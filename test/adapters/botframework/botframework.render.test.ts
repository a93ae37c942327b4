import { ActivityTypes, TestAdapter, TurnContext } from 'botbuilder';
import type { QuickReply } from '../../../src/core/message';
import { renderBotFrameworkActivity } from '../../../adapters/botframework/botframework.render';
import { resolveNumberedChoice } from '../../../adapters/shared/numbered-options';

const options: QuickReply[] = [
  { label: '下单', value: 'order' },
  { label: '投诉', value: 'complaint' },
];

describe('renderBotFrameworkActivity', () => {
  it('renders a plain-text message activity', () => {
    expect(renderBotFrameworkActivity({ author: 'bot', text: 'Hello *there*' })).toEqual({ type: 'message', text: 'Hello *there*', textFormat: 'plain' });
  });

  it('renders quick replies as imBack suggested actions whose posted text maps back to the value', () => {
    const activity = renderBotFrameworkActivity({ author: 'bot', text: '请选择', quickReplies: options });
    expect(activity.suggestedActions).toEqual({
      to: [],
      actions: [
        { type: 'imBack', title: '下单', value: '下单' },
        { type: 'imBack', title: '投诉', value: '投诉' },
      ],
    });
    const posted = activity.suggestedActions?.actions.map((action) => String(action.value));
    expect(posted?.map((text) => resolveNumberedChoice(text, options)?.value)).toEqual(['order', 'complaint']);
  });

  it('introduces an agent above their text', () => {
    const activity = renderBotFrameworkActivity(
      { author: 'agent', text: 'On it', agent: { name: 'Amy', number: '7' } },
      { agentLabel: (agent) => `${agent.name} #${agent.number}` },
    );
    expect(activity.text).toBe('Amy #7\nOn it');
  });

  it('is accepted by botbuilder: a TestAdapter turn replies with the rendered activity', async () => {
    const rendered = renderBotFrameworkActivity({ author: 'bot', text: '请选择', quickReplies: options });
    const adapter = new TestAdapter(async (context: TurnContext) => {
      await context.sendActivity(rendered);
    });
    await adapter.send('hi').assertReply((reply) => {
      expect(reply.type).toBe(ActivityTypes.Message);
      expect(reply.text).toBe('请选择');
      expect(reply.suggestedActions?.actions.map((action) => action.title)).toEqual(['下单', '投诉']);
    });
  });
});
