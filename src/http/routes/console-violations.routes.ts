import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import type { SessionService } from '../../domain/user/session.service';
import type { ViolationDoc } from '../../domain/forbidden-phrase/violation.model';
import { decideViolation, getViolation, reportSentMessage, violationLedger } from '../../domain/forbidden-phrase/violation.service';
import { actorOf, currentUser, isManager, MANAGERS, sessionGuard, sessionSecurity as security } from '../session-auth';
import { decisionBody, decisionParams, errors, ledger, ledgerQuery, reportBody, violation, type Violation } from '../contract';

export interface ConsoleViolationsOptions {
  sessions: SessionService;
}

const tags = ['quality'];

function toView(v: ViolationDoc): Violation {
  return {
    id: String(v._id),
    at: v.at.toISOString(),
    agent: { id: String(v.agent?.id), name: v.agent?.name ?? '', agentNumber: v.agent?.number ?? '' },
    conversationId: String(v.conversation),
    ...(v.message ? { messageId: String(v.message) } : {}),
    kind: v.kind,
    status: v.status,
    phrase: v.phrase,
    category: v.category,
    fine: v.fine,
    text: v.text,
    decisions: (v.decisions ?? []).map((d) => ({ action: d.action, reason: d.reason, by: { ...(d.by?.id ? { id: String(d.by.id) } : {}), name: d.by?.name ?? '' }, at: d.at.toISOString() })),
  };
}

/**
 * The violations ledger (罚款记录). Managers filter by month, agent and state, and confirm, waive or
 * record an appeal, each with a reason (kept on the entry and in the audit log); they report a sent
 * message the customer saw. Agents see their own entries and appeal their own fines.
 */
export const consoleViolationsRoutes: FastifyPluginAsyncZod<ConsoleViolationsOptions> = async (app, { sessions }) => {
  const { requireUser } = sessionGuard(sessions);

  app.get(
    '/api/v1/console/violations',
    {
      onRequest: requireUser(),
      schema: {
        tags,
        summary: 'The ledger and, per agent, offences and fines per category with the dismissal rule (agents: their own)',
        security,
        querystring: ledgerQuery,
        response: { 200: ledger, ...errors(400, 401) },
      },
    },
    async (req) => {
      const agentId = isManager(req) ? req.query.agentId : String(currentUser(req)._id);
      const result = await violationLedger({ ...req.query, agentId });
      return { items: result.items.map(toView), byAgent: result.byAgent };
    },
  );

  app.post(
    '/api/v1/console/violations',
    {
      onRequest: requireUser(MANAGERS),
      schema: { tags, summary: "Report an agent's sent message as an offence: the customer saw it, so it is fined (managers)", security, body: reportBody, response: { 201: violation, ...errors(400, 401, 403, 404, 409) } },
    },
    async (req, reply) => reply.status(201).send(toView(await reportSentMessage(req.body, actorOf(req)))),
  );

  app.post(
    '/api/v1/console/violations/:id/:decision',
    {
      onRequest: requireUser(),
      schema: {
        tags,
        summary: 'Confirm (the fine applies), waive, or appeal an entry, with a reason (managers; an agent may appeal their own fine)',
        security,
        params: decisionParams,
        body: decisionBody,
        response: { 200: violation, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const { id, decision } = req.params;
      if (!isManager(req)) {
        const own = await getViolation(id);
        if (decision !== 'appeal' || String(own.agent?.id) !== String(currentUser(req)._id)) throw new AppError('FORBIDDEN', 'Agents may only appeal their own fines');
      }
      return toView(await decideViolation(id, decision, req.body.reason, actorOf(req)));
    },
  );
};
