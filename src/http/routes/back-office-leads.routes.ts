import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SessionService } from '../../domain/user/session.service';
import { getLead, listLeads, updateLead } from '../../domain/lead/lead.service';
import { createDirectoryEntry, listDirectory, updateDirectoryEntry } from '../../domain/directory/directory.service';
import { parsePhone } from '../../core/text/phone';
import { AppError } from '../../errors';
import { actorOf, MANAGERS, sessionGuard, sessionSecurity as security } from '../session-auth';
import { errors, idParams } from '../contract';
import { leadAssignBody, leadList, leadNoteBody, leadsQuery, leadView } from '../contract/leads';
import { directoryBody, directoryChangesBody, directoryEntry, directoryList, directoryQuery } from '../contract/directory';
import { leadViews } from '../back-office/record-views';
import { directoryViewOf } from '../back-office/archive-views';

export interface BackOfficeRouteOptions {
  sessions: SessionService;
}

const e164 = (value: string | null | undefined, field: string) => {
  if (value === undefined || value === null || value === '') return value;
  const p = parsePhone(value);
  if (!p) throw new AppError('VALIDATION_FAILED', `${field} is not a valid phone number`, { details: [{ field, message: 'not a valid phone number' }] });
  return p.e164;
};

/**
 * 咨询受理 (000 §7-1): the lead work list by state, assignment to a sales consultant (who is told),
 * follow-up notes with the next contact; and the company directory the consultants are kept in.
 */
export const backOfficeLeadsRoutes: FastifyPluginAsyncZod<BackOfficeRouteOptions> = async (app, { sessions }) => {
  const { requireUser } = sessionGuard(sessions);
  const tags = ['back office'];
  const one = async (id: string) => (await leadViews([await getLead(id)]))[0];

  app.get('/api/v1/console/leads', { onRequest: requireUser(), schema: { tags, summary: 'The lead work list: open, due (next contact has come) or all; by state, consultant, channel', security, querystring: leadsQuery, response: { 200: leadList, ...errors(400, 401) } } }, async (req) => ({
    items: await leadViews(await listLeads(req.query)),
  }));

  app.get('/api/v1/console/leads/:id', { onRequest: requireUser(), schema: { tags, summary: 'One lead with its follow-up history', security, params: idParams, response: { 200: leadView, ...errors(400, 401, 404) } } }, async (req) => one(req.params.id));

  app.post(
    '/api/v1/console/leads/:id/assign',
    { onRequest: requireUser(), schema: { tags, summary: 'Assign the lead to a sales consultant (they are told on WeCom or by e-mail)', security, params: idParams, body: leadAssignBody, response: { 200: leadView, ...errors(400, 401, 404, 409) } } },
    async (req) => {
      await updateLead(req.params.id, { consultant: req.body.consultant, note: req.body.note, ...(req.body.nextContactAt ? { nextContactAt: new Date(req.body.nextContactAt) } : {}) }, actorOf(req));
      return one(req.params.id);
    },
  );

  app.post(
    '/api/v1/console/leads/:id/notes',
    { onRequest: requireUser(), schema: { tags, summary: 'A follow-up contact: the note, the next contact date, the state it leaves the lead in', security, params: idParams, body: leadNoteBody, response: { 200: leadView, ...errors(400, 401, 404, 409) } } },
    async (req) => {
      const b = req.body;
      await updateLead(req.params.id, { note: b.note, status: b.status, lostReason: b.lostReason, ...(b.nextContactAt !== undefined ? { nextContactAt: b.nextContactAt ? new Date(b.nextContactAt) : null } : {}) }, actorOf(req));
      return one(req.params.id);
    },
  );

  app.get('/api/v1/console/directory', { onRequest: requireUser(), schema: { tags, summary: 'The company directory: sales consultants, store managers, the general manager', security, querystring: directoryQuery, response: { 200: directoryList, ...errors(400, 401) } } }, async (req) => ({
    items: (await listDirectory({ kind: req.query.kind, includeInactive: req.query.includeInactive === 'true' })).map(directoryViewOf),
  }));

  app.post(
    '/api/v1/console/directory',
    { onRequest: requireUser(MANAGERS), schema: { tags, summary: 'Add a colleague to the directory (managers)', security, body: directoryBody, response: { 201: directoryEntry, ...errors(400, 401, 403) } } },
    async (req, reply) => reply.status(201).send(directoryViewOf(await createDirectoryEntry({ ...req.body, phone: e164(req.body.phone, 'phone') }, actorOf(req)))),
  );

  app.patch(
    '/api/v1/console/directory/:id',
    { onRequest: requireUser(MANAGERS), schema: { tags, summary: 'Change or retire a colleague (managers)', security, params: idParams, body: directoryChangesBody, response: { 200: directoryEntry, ...errors(400, 401, 403, 404) } } },
    async (req) => directoryViewOf(await updateDirectoryEntry(req.params.id, { ...req.body, ...(req.body.phone !== undefined ? { phone: e164(req.body.phone, 'phone') } : {}) }, actorOf(req))),
  );
};

