import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { closeFollowUp, getFollowUp, listFollowUps, recordFollowUpResult, scheduleFollowUp } from '../../domain/follow-up/follow-up.service';
import { Customer } from '../../domain/customer/customer.model';
import { Staff } from '../../domain/staff/staff.model';
import { AppError } from '../../errors';
import { actorOf, sessionGuard, sessionSecurity as security } from '../session-auth';
import { errors, idParams } from '../contract';
import { followUpBody, followUpCloseBody, followUpList, followUpResultBody, followUpsQuery, followUpView } from '../contract/follow-ups';
import { followUpViews } from '../back-office/record-views';
import type { BackOfficeRouteOptions } from './back-office-leads.routes';

/**
 * 回访 (000 §7-2, §四-1; 002 ch.6): visits to customers and domestic workers due today and overdue,
 * scheduled by hand or by rule; the bot sends its survey where it can, agents call and record the
 * result (a low score opens a complaint); the results stay in the archive.
 */
export const backOfficeFollowUpsRoutes: FastifyPluginAsyncZod<BackOfficeRouteOptions> = async (app, { sessions }) => {
  const { requireUser } = sessionGuard(sessions);
  app.addHook('onRequest', requireUser());
  const tags = ['back office'];
  const one = async (id: string) => (await followUpViews([await getFollowUp(id)]))[0];

  app.get('/api/v1/console/follow-ups', { schema: { tags, summary: 'Follow-up visits: due today, overdue, all scheduled, or the archive of results', security, querystring: followUpsQuery, response: { 200: followUpList, ...errors(400, 401) } } }, async (req) => ({
    items: await followUpViews(await listFollowUps(req.query)),
  }));

  app.post('/api/v1/console/follow-ups', { schema: { tags, summary: 'Schedule a visit to a customer or a domestic worker', security, body: followUpBody, response: { 201: followUpView, ...errors(400, 401, 404) } } }, async (req, reply) => {
    const b = req.body;
    if (b.customer && !(await Customer.exists({ _id: b.customer }))) throw new AppError('CUSTOMER_NOT_FOUND');
    if (b.staff && !(await Staff.exists({ _id: b.staff }))) throw new AppError('NOT_FOUND', 'Worker not found');
    const followUp = await scheduleFollowUp(
      { targetType: b.targetType, customer: b.customer, staff: b.staff, dueAt: new Date(b.dueAt), reason: b.reason ?? 'periodic', notes: b.notes, script: b.targetType === 'customer' && b.byBot ? 'follow-up-survey' : b.targetType === 'customer' ? 'customer-call' : 'staff-visit', assignee: undefined },
      actorOf(req),
    );
    return reply.status(201).send(await one(String(followUp._id)));
  });

  app.get('/api/v1/console/follow-ups/:id', { schema: { tags, summary: 'One follow-up visit', security, params: idParams, response: { 200: followUpView, ...errors(400, 401, 404) } } }, async (req) => one(req.params.id));

  app.post(
    '/api/v1/console/follow-ups/:id/result',
    { schema: { tags, summary: 'Record the visit (by phone, visit, SMS…) with the survey scores; a low score opens a complaint', security, params: idParams, body: followUpResultBody, response: { 200: followUpView, ...errors(400, 401, 404, 409) } } },
    async (req) => {
      await recordFollowUpResult(req.params.id, req.body, actorOf(req));
      return one(req.params.id);
    },
  );

  app.post('/api/v1/console/follow-ups/:id/close', { schema: { tags, summary: 'Cancel a visit, or mark it missed (nobody reached)', security, params: idParams, body: followUpCloseBody, response: { 200: followUpView, ...errors(400, 401, 404, 409) } } }, async (req) => {
    await closeFollowUp(req.params.id, req.body.to, req.body.note, actorOf(req));
    return one(req.params.id);
  });
};
