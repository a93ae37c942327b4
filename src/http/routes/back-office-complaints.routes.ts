import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getComplaint, listComplaints } from '../../domain/complaint/complaint.service';
import { giveComplaintFeedback, takeComplaintStep } from '../../domain/complaint/complaint-steps';
import { updateComplaint } from '../../domain/complaint/complaint.service';
import { isGeneralManager } from '../../domain/directory/directory.service';
import { acknowledgePenalty, cancelPenalty, issuePenalty, listPenalties, getPenalty, signOffPenalty } from '../../domain/penalty/penalty.service';
import { deductionSheet } from '../../domain/report/fines';
import { AppError } from '../../errors';
import { actorOf, currentUser, isManager, MANAGERS, sessionGuard, sessionSecurity as security } from '../session-auth';
import { errors, idParams } from '../contract';
import {
  assignBody, complaintList, complaintsQuery, complaintView, deductionQuery, deductionSheetView, feedbackBody, penaltiesQuery, penaltyActionBody, penaltyActionParams, penaltyBody, penaltyList, penaltyView, stepBody, stepParams,
} from '../contract/complaints';
import { complaintViews, penaltyViews } from '../back-office/record-views';
import type { BackOfficeRouteOptions } from './back-office-leads.routes';

/**
 * 投诉处理 (000 §7-5, §四-2; 002 ch.4): the register as a work list with the 24-hour countdown, each
 * step of the procedure by those who may take it, progress feedback; penalty slips (职员处罚单) and
 * the month's deduction sheet.
 */
export const backOfficeComplaintsRoutes: FastifyPluginAsyncZod<BackOfficeRouteOptions> = async (app, { sessions }) => {
  const { requireUser } = sessionGuard(sessions);
  const tags = ['back office'];
  const one = async (id: string) => (await complaintViews([await getComplaint(id)]))[0];

  app.get('/api/v1/console/complaints', { onRequest: requireUser(), schema: { tags, summary: 'The complaint register: open (serious first, nearest deadline first), overdue, mine, closed', security, querystring: complaintsQuery, response: { 200: complaintList, ...errors(400, 401) } } }, async (req) => ({
    items: await complaintViews(await listComplaints({ ...req.query, me: String(currentUser(req)._id) })),
  }));

  app.get('/api/v1/console/complaints/:id', { onRequest: requireUser(), schema: { tags, summary: 'One complaint with every step so far and the steps that apply now', security, params: idParams, response: { 200: complaintView, ...errors(400, 401, 404) } } }, async (req) => one(req.params.id));

  app.post(
    '/api/v1/console/complaints/:id/steps/:step',
    {
      onRequest: requireUser(),
      schema: { tags, summary: 'Take a step of the procedure: judge, investigate, propose, approve (manager; serious: and general manager), returnProposal, inform, followUp, close (manager)', security, params: stepParams, body: stepBody, response: { 200: complaintView, ...errors(400, 401, 403, 404, 409) } },
    },
    async (req) => {
      const user = currentUser(req);
      await takeComplaintStep(req.params.id, req.params.step, req.body, { actor: actorOf(req), manager: isManager(req), generalManager: await isGeneralManager(user) });
      return one(req.params.id);
    },
  );

  app.post(
    '/api/v1/console/complaints/:id/feedback',
    { onRequest: requireUser(), schema: { tags, summary: 'Progress feedback given to the customer, with the next contact (restarts the countdown)', security, params: idParams, body: feedbackBody, response: { 200: complaintView, ...errors(400, 401, 404, 409) } } },
    async (req) => {
      await giveComplaintFeedback(req.params.id, { note: req.body.note, ...(req.body.nextContactAt ? { nextContactAt: new Date(req.body.nextContactAt) } : {}) }, actorOf(req));
      return one(req.params.id);
    },
  );

  app.put(
    '/api/v1/console/complaints/:id/assignee',
    { onRequest: requireUser(), schema: { tags, summary: 'Give the complaint to a handler (agents take it themselves; managers give it to anyone)', security, params: idParams, body: assignBody, response: { 200: complaintView, ...errors(400, 401, 403, 404, 409) } } },
    async (req) => {
      const me = String(currentUser(req)._id);
      if (!isManager(req) && req.body.assignee !== me) throw new AppError('FORBIDDEN', 'Agents may only take a complaint themselves');
      await updateComplaint(req.params.id, { assignee: req.body.assignee }, actorOf(req));
      return one(req.params.id);
    },
  );

  app.get('/api/v1/console/penalties', { onRequest: requireUser(), schema: { tags, summary: 'Penalty slips (agents: those of workers and their own)', security, querystring: penaltiesQuery, response: { 200: penaltyList, ...errors(400, 401) } } }, async (req) => {
    const me = String(currentUser(req)._id);
    const all = await listPenalties(req.query);
    const visible = isManager(req) ? all : all.filter((p) => p.subject?.kind === 'staff' || String(p.subject?.user) === me);
    return { items: await penaltyViews(visible) };
  });

  app.post(
    '/api/v1/console/penalties',
    { onRequest: requireUser(), schema: { tags, summary: 'Issue a penalty slip (职员处罚单) to the responsible worker or agent', security, body: penaltyBody, response: { 201: penaltyView, ...errors(400, 401) } } },
    async (req, reply) => reply.status(201).send((await penaltyViews([await issuePenalty(req.body, actorOf(req))]))[0]),
  );

  app.post(
    '/api/v1/console/penalties/:id/:action',
    { onRequest: requireUser(), schema: { tags, summary: 'acknowledge (the person penalised; a worker’s paper signature recorded by an agent), sign (general manager), cancel (managers)', security, params: penaltyActionParams, body: penaltyActionBody, response: { 200: penaltyView, ...errors(400, 401, 403, 404, 409) } } },
    async (req) => {
      const { id, action } = req.params;
      const actor = actorOf(req);
      let saved;
      if (action === 'acknowledge') saved = await acknowledgePenalty(id, req.body.note, actor);
      else if (action === 'sign') {
        if (!(await isGeneralManager(currentUser(req)))) throw new AppError('FORBIDDEN', 'The general manager signs penalty slips off');
        saved = await signOffPenalty(id, req.body.month, actor);
      } else {
        if (!isManager(req)) throw new AppError('FORBIDDEN', 'Only a manager cancels a penalty slip');
        await getPenalty(id);
        saved = await cancelPenalty(id, req.body.note ?? '', actor);
      }
      return (await penaltyViews([saved]))[0];
    },
  );

  app.get('/api/v1/console/penalties/deductions', { onRequest: requireUser(MANAGERS), schema: { tags, summary: 'The month’s deduction sheet: signed slips and fined forbidden phrases per person (managers)', security, querystring: deductionQuery, response: { 200: deductionSheetView, ...errors(400, 401, 403) } } }, async (req) =>
    deductionSheet(req.query.month),
  );
};
