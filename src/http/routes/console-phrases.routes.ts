import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SessionService } from '../../domain/user/session.service';
import {
  addForbiddenPhrase, deleteForbiddenPhrase, findForbiddenPhrases, listForbiddenPhrases, toPhraseView, updateForbiddenPhrase,
} from '../../domain/forbidden-phrase/forbidden-phrase.service';
import { actorOf, MANAGERS, sessionGuard, sessionSecurity as security } from '../session-auth';
import { checkAnswer, checkBody, errors, forbiddenPhrase, idParams, noContent, phraseBody } from '../contract';

export interface ConsolePhrasesOptions {
  sessions: SessionService;
}

const tags = ['quality'];

/** 服务禁语: the live check while typing, and the list managers edit (with each phrase's exceptions). */
export const consolePhrasesRoutes: FastifyPluginAsyncZod<ConsolePhrasesOptions> = async (app, { sessions }) => {
  const { requireUser } = sessionGuard(sessions);
  const manager = { onRequest: requireUser(MANAGERS) };
  const anyone = { onRequest: requireUser() };

  app.post(
    '/api/v1/console/phrases/check',
    {
      ...anyone,
      schema: { tags, summary: 'The forbidden phrases in a draft, matched on words (live warning while typing)', security, body: checkBody, response: { 200: checkAnswer, ...errors(400, 401) } },
    },
    async (req) => ({ matches: await findForbiddenPhrases(req.body.text) }),
  );

  app.get(
    '/api/v1/console/forbidden-phrases',
    { ...anyone, schema: { tags, summary: 'The forbidden phrases with their alternatives, fines and exceptions', security, response: { 200: z.array(forbiddenPhrase), ...errors(401) } } },
    async () => (await listForbiddenPhrases()).map(toPhraseView),
  );

  app.post(
    '/api/v1/console/forbidden-phrases',
    { ...manager, schema: { tags, summary: 'Add a forbidden phrase (managers)', security, body: phraseBody, response: { 201: forbiddenPhrase, ...errors(400, 401, 403, 409) } } },
    async (req, reply) => reply.status(201).send(toPhraseView(await addForbiddenPhrase(req.body, actorOf(req)))),
  );

  app.put(
    '/api/v1/console/forbidden-phrases/:id',
    { ...manager, schema: { tags, summary: 'Change a forbidden phrase (managers)', security, params: idParams, body: phraseBody, response: { 200: forbiddenPhrase, ...errors(400, 401, 403, 404, 409) } } },
    async (req) => toPhraseView(await updateForbiddenPhrase(req.params.id, req.body, actorOf(req))),
  );

  app.delete(
    '/api/v1/console/forbidden-phrases/:id',
    { ...manager, schema: { tags, summary: 'Remove a forbidden phrase (managers)', security, params: idParams, response: { 204: noContent, ...errors(400, 401, 403, 404) } } },
    async (req, reply) => {
      await deleteForbiddenPhrase(req.params.id, actorOf(req));
      return reply.status(204).send(null);
    },
  );
};
