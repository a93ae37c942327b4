import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parsePhone } from '../../core/text/phone';
import { AppError } from '../../errors';
import { getCustomer, listCustomers, mergeCustomers, updateCustomerArchive } from '../../domain/customer/customer-archive.service';
import { createContract, declineRenewal, getContract, listContracts, renewContract, updateContract } from '../../domain/contract/contract.service';
import { changeStaffStatus, createStaff, getStaff, listStaff, updateStaff } from '../../domain/staff/staff.service';
import { actorOf, MANAGERS, sessionGuard, sessionSecurity as security } from '../session-auth';
import { errors, idParams } from '../contract';
import {
  contractBody, contractChangesBody, contractList, contractsQuery, contractView, customerArchiveBody, customerArchiveView, customerList, customersQuery, declineBody, mergeBody, renewBody, staffBody, staffChangesBody, staffList,
  staffQuery, staffStatusBody, staffView,
} from '../contract/archives';
import { contractViews, customerArchiveViewOf, staffViews } from '../back-office/archive-views';
import type { BackOfficeRouteOptions } from './back-office-leads.routes';

/** A phone typed in the console in E.164, or 400 naming the field; null / '' clear it. */
function e164<T extends string | null | undefined>(value: T, field: string): T | string {
  if (value === undefined || value === null || value === '') return value;
  const p = parsePhone(value);
  if (!p) throw new AppError('VALIDATION_FAILED', `${field} is not a valid phone number`, { details: [{ field, message: 'not a valid phone number' }] });
  return p.e164;
}

const dates = <T extends { start?: string; end?: string }>(b: T) => ({ ...b, ...(b.start ? { start: new Date(b.start) } : {}), ...(b.end ? { end: new Date(b.end) } : {}) });

/**
 * 档案管理 (000 §7-3, §二-3/4): the customer archive (identities of every channel, merging two
 * records of one person), the contract archive with the renewal list, and the domestic workers with
 * their status and movement log. Every personal field is encrypted at rest.
 */
export const backOfficeArchivesRoutes: FastifyPluginAsyncZod<BackOfficeRouteOptions> = async (app, { sessions }) => {
  const { requireUser } = sessionGuard(sessions);
  const user = { onRequest: requireUser() };
  const tags = ['archives'];
  const contract = async (id: string) => (await contractViews([await getContract(id)]))[0];
  const worker = async (id: string) => (await staffViews([await getStaff(id)]))[0];

  app.get('/api/v1/console/customers', { ...user, schema: { tags, summary: 'The customer archive: by name (or part), phone (or its last four digits), ID number, tag', security, querystring: customersQuery, response: { 200: customerList, ...errors(400, 401) } } }, async (req) => ({
    items: (await listCustomers(req.query)).map(customerArchiveViewOf),
  }));
  app.get('/api/v1/console/customers/:id/archive', { ...user, schema: { tags, summary: 'One customer’s archive record', security, params: idParams, response: { 200: customerArchiveView, ...errors(400, 401, 404) } } }, async (req) =>
    customerArchiveViewOf(await getCustomer(req.params.id)),
  );
  app.patch('/api/v1/console/customers/:id/archive', { ...user, schema: { tags, summary: 'Correct the archive: name, phone, gender, address, ID number, notes', security, params: idParams, body: customerArchiveBody, response: { 200: customerArchiveView, ...errors(400, 401, 404) } } }, async (req) =>
    customerArchiveViewOf(await updateCustomerArchive(req.params.id, { ...req.body, ...(req.body.phone !== undefined ? { phone: e164(req.body.phone, 'phone') } : {}) }, actorOf(req))),
  );
  app.post(
    '/api/v1/console/customers/:id/merge',
    { onRequest: requireUser(MANAGERS), schema: { tags, summary: 'Merge another record of the same person into this one (managers): identities, chats and records move here', security, params: idParams, body: mergeBody, response: { 200: customerArchiveView, ...errors(400, 401, 403, 404, 409) } } },
    async (req) => customerArchiveViewOf(await mergeCustomers(req.params.id, req.body.source, actorOf(req))),
  );

  app.get('/api/v1/console/contracts', { ...user, schema: { tags, summary: 'Contracts: active, the renewal list (ending within 15 days), ended, all', security, querystring: contractsQuery, response: { 200: contractList, ...errors(400, 401) } } }, async (req) => ({
    items: await contractViews(await listContracts(req.query)),
  }));
  app.get('/api/v1/console/contracts/:id', { ...user, schema: { tags, summary: 'One contract with its renewal and history', security, params: idParams, response: { 200: contractView, ...errors(400, 401, 404) } } }, async (req) => contract(req.params.id));
  app.post('/api/v1/console/contracts', { ...user, schema: { tags, summary: 'Enter a signed contract (number unique)', security, body: contractBody, response: { 201: contractView, ...errors(400, 401, 404, 409) } } }, async (req, reply) =>
    reply.status(201).send(await contract(String((await createContract(dates(req.body) as never, actorOf(req)))._id))),
  );
  app.patch('/api/v1/console/contracts/:id', { ...user, schema: { tags, summary: 'Change a contract’s details', security, params: idParams, body: contractChangesBody, response: { 200: contractView, ...errors(400, 401, 404, 409) } } }, async (req) => {
    await updateContract(req.params.id, dates(req.body) as never, actorOf(req));
    return contract(req.params.id);
  });
  app.post('/api/v1/console/contracts/:id/renew', { ...user, schema: { tags, summary: 'Record the renewal: the new contract, linked to this one', security, params: idParams, body: renewBody, response: { 201: contractView, ...errors(400, 401, 404, 409) } } }, async (req, reply) => {
    const { renewed } = await renewContract(req.params.id, { ...req.body, start: new Date(req.body.start), end: new Date(req.body.end) }, actorOf(req));
    return reply.status(201).send(await contract(String(renewed._id)));
  });
  app.post('/api/v1/console/contracts/:id/decline', { ...user, schema: { tags, summary: 'The customer does not renew (with the reason)', security, params: idParams, body: declineBody, response: { 200: contractView, ...errors(400, 401, 404, 409) } } }, async (req) => {
    await declineRenewal(req.params.id, req.body.reason, actorOf(req));
    return contract(req.params.id);
  });

  app.get('/api/v1/console/staff', { ...user, schema: { tags, summary: 'Domestic workers: by status and store; name, phone or ID number', security, querystring: staffQuery, response: { 200: staffList, ...errors(400, 401) } } }, async (req) => ({
    items: await staffViews(await listStaff(req.query)),
  }));
  app.get('/api/v1/console/staff/:id', { ...user, schema: { tags, summary: 'One worker with the movement log', security, params: idParams, response: { 200: staffView, ...errors(400, 401, 404) } } }, async (req) => worker(req.params.id));
  app.post('/api/v1/console/staff', { ...user, schema: { tags, summary: 'Enter a new worker (新到) from the HR entry record', security, body: staffBody, response: { 201: staffView, ...errors(400, 401) } } }, async (req, reply) =>
    reply.status(201).send(await worker(String((await createStaff({ ...req.body, phone: e164(req.body.phone, 'phone') }, actorOf(req)))._id))),
  );
  app.patch('/api/v1/console/staff/:id', { ...user, schema: { tags, summary: 'Change a worker’s details', security, params: idParams, body: staffChangesBody, response: { 200: staffView, ...errors(400, 401, 404) } } }, async (req) => {
    await updateStaff(req.params.id, { ...req.body, ...(req.body.phone !== undefined ? { phone: e164(req.body.phone, 'phone') } : {}) }, actorOf(req));
    return worker(req.params.id);
  });
  app.post('/api/v1/console/staff/:id/status', { ...user, schema: { tags, summary: 'The store reports the worker new, on duty (with the customer), returned or resigned: one line of the movement log', security, params: idParams, body: staffStatusBody, response: { 200: staffView, ...errors(400, 401, 404, 409) } } }, async (req) => {
    await changeStaffStatus(req.params.id, req.body, actorOf(req));
    return worker(req.params.id);
  });
};
