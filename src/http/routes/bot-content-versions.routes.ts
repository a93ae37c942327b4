import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SessionService } from '../../domain/user/session.service';
import type { BotContentService } from '../../domain/bot-content/bot-content.service';
import type { VersionMeta } from '../../domain/bot-content/version.service';
import type { TestRunView } from '../../domain/bot-content/test-runs';
import { actorOf, MANAGERS, sessionGuard, sessionSecurity as security } from '../session-auth';
import { errors } from '../contract';
import {
  botFileAnswer, diffAnswer, diffQuery, exportQuery, publishBody, rollbackBody, runParams, testRun, testsBody, tryAnswer, tryBody, versionDetail, versionList, versionMeta, versionParams,
} from '../contract/bot-content';
import { sendFile } from './bot-content.routes';
import type { Locale } from '../../core/message';

export interface BotContentVersionsOptions {
  sessions: SessionService;
  botContent: BotContentService;
}

const tags = ['bot content'];
const P = '/api/v1/console/bot';

const metaView = (m: VersionMeta) => ({ ...m, createdAt: m.createdAt.toISOString() });
const runView = (r: TestRunView) => ({ ...r, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() });

/**
 * Trying and publishing the draft (managers): test as a customer, the conversation tests, publish,
 * the versions with their diff, rollback and export.
 */
export const botContentVersionsRoutes: FastifyPluginAsyncZod<BotContentVersionsOptions> = async (app, { sessions, botContent }) => {
  const { requireUser } = sessionGuard(sessions);
  const manager = { onRequest: requireUser(MANAGERS) };

  app.post(
    `${P}/try`,
    {
      ...manager,
      schema: {
        tags, summary: 'Test as a customer: one turn of a test conversation on the draft (a sandbox with its own database), with the step, values and intent', security,
        body: tryBody, response: { 200: tryAnswer, ...errors(400, 401, 403, 422, 503) },
      },
    },
    async (req) => botContent.tryTurn({ ...req.body, locale: req.body.locale as Locale | undefined }),
  );

  app.post(
    `${P}/tests`,
    {
      ...manager,
      schema: { tags, summary: 'Run the conversation tests against the draft (answers the run; poll it until it is done)', security, body: testsBody, response: { 202: testRun, ...errors(400, 401, 403, 422, 429) } },
    },
    async (req, reply) => reply.status(202).send(runView(await botContent.startTests(actorOf(req), req.body.again))),
  );

  app.get(
    `${P}/tests/:id`,
    { ...manager, schema: { tags, summary: 'A run of the conversation tests: running, passed, or which failed and why', security, params: runParams, response: { 200: testRun, ...errors(400, 401, 403, 404) } } },
    async (req) => runView(await botContent.runs.get(req.params.id)),
  );

  app.post(
    `${P}/publish`,
    {
      ...manager,
      schema: {
        tags, summary: 'Publish the draft as a new version (refused while it has problems or a conversation test fails); every instance runs it within seconds', security,
        body: publishBody, response: { 201: versionMeta, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(metaView(await botContent.publish(req.body.note, actorOf(req)))),
  );

  app.get(
    `${P}/versions`,
    { ...manager, schema: { tags, summary: 'The published versions, newest first, and the one in use', security, response: { 200: versionList, ...errors(401, 403) } } },
    async () => {
      const { current, items } = await botContent.versions();
      return { current, items: items.map(metaView) };
    },
  );

  app.get(
    `${P}/versions/:number`,
    { ...manager, schema: { tags, summary: 'One published version with its content', security, params: versionParams, response: { 200: versionDetail, ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const { meta, bundle } = await botContent.version(req.params.number);
      return { meta: metaView(meta), bundle };
    },
  );

  app.get(
    `${P}/versions/:number/export`,
    { ...manager, schema: { tags, summary: 'Download a published version as one file (YAML or JSON)', security, params: versionParams, querystring: exportQuery, response: { 200: botFileAnswer, ...errors(400, 401, 403, 404) } } },
    async (req, reply) => sendFile(reply, await botContent.export(req.params.number, req.query.format)),
  );

  app.post(
    `${P}/versions/:number/rollback`,
    {
      ...manager,
      schema: { tags, summary: 'Roll back: publish an earlier version’s content again as a new version', security, params: versionParams, body: rollbackBody, response: { 201: versionMeta, ...errors(400, 401, 403, 404, 409) } },
    },
    async (req, reply) => reply.status(201).send(metaView(await botContent.rollback(req.params.number, req.body.note ?? '', actorOf(req)))),
  );

  app.get(
    `${P}/diff`,
    { ...manager, schema: { tags, summary: 'What changed between two versions (or a version and the draft): YAML hunks, wording text by text', security, querystring: diffQuery, response: { 200: diffAnswer, ...errors(400, 401, 403, 404) } } },
    async (req) => ({ entries: await botContent.diff(req.query.from, req.query.to) }),
  );
};
