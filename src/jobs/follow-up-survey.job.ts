import type { Logger } from 'pino';
import type { ChannelId } from '../core/message';
import type { ConversationService } from '../conversation/conversation.service';
import { FollowUp } from '../domain/follow-up/follow-up.model';
import { proactiveChannel } from './proactive-channel';
import type { JobDefinition } from './scheduler';

/**
 * 回访: every few minutes, due customer follow-ups with the bot's survey script are started in a
 * chat the customer uses (the follow-up-survey flow). Those with no reachable chat stay scheduled
 * for an agent to call.
 */
export function followUpSurveyJob(deps: { conversations: ConversationService; canDeliver: (c: ChannelId) => boolean; log: Logger; now?: () => Date }): JobDefinition {
  const now = deps.now ?? (() => new Date());
  return {
    name: 'follow-up-surveys',
    repeat: '5 minutes',
    // Agenda runs a job on one instance at a time; each follow-up is also claimed by
    // compare-and-set (scheduled → in_progress) before the bot writes, so none is sent twice.
    run: async () => {
      const due = await FollowUp.find({ status: 'scheduled', targetType: 'customer', script: 'follow-up-survey', dueAt: { $lte: now() } }).sort({ dueAt: 1 }).limit(100);
      for (const followUp of due) {
        const channel = await proactiveChannel(followUp.customer, deps.canDeliver);
        if (!channel) continue;
        const claimed = await FollowUp.updateOne({ _id: followUp._id, status: 'scheduled' }, { $set: { status: 'in_progress', via: channel } });
        if (!claimed.modifiedCount) continue;
        try {
          const { conversationId } = await deps.conversations.startFlow({ customerId: String(followUp.customer), channel, flowId: 'follow-up-survey', values: { followUpId: String(followUp._id) } });
          await FollowUp.updateOne({ _id: followUp._id }, { $set: { conversation: conversationId } });
          deps.log.info({ followUp: String(followUp._id), channel }, 'follow-up survey started');
        } catch (err) {
          // One customer's failure must not hold up the others; it is retried on the next run.
          await FollowUp.updateOne({ _id: followUp._id, status: 'in_progress' }, { $set: { status: 'scheduled' }, $unset: { via: 1 } });
          deps.log.error({ err, followUp: String(followUp._id) }, 'follow-up survey could not start');
        }
      }
    },
  };
}
