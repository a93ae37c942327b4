import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { SessionService } from '../../domain/user/session.service';
import { PHRASE_CATEGORIES } from '../../domain/forbidden-phrase/forbidden-phrase.model';
import {
  addForbiddenPhrase, deleteForbiddenPhrase, findForbiddenPhrases, listForbiddenPhrases, toPhraseView, updateForbiddenPhrase, type PhraseInput,
} from '../../domain/forbidden-phrase/forbidden-phrase.service';
import { violationLedger } from '../../domain/forbidden-phrase/violation.service';
import type { Actor } from '../../domain/audit/audit.service';
import { currentUser, MANAGERS, sessionGuard } from '../session-auth';
import { errors, idParams } from '../schemas';

export interface ConsolePhrasesOptions {
  sessions: SessionService;
}

const tags = ['quality'];
const security = [{ session: [] }];
const str = { type: 'string' } as const;
const match = { type: 'object', properties: { phrase: str, alternative: str, category: str, fine: { type: 'number' } }, required: ['phrase', 'alternative', 'category', 'fine'] } as const;
const phrase = { type: 'object', properties: { id: str, ...match.properties }, required: ['id', ...match.required] } as const;
const phraseBody = {
  type: 'object',
  additionalProperties: false,
  required: ['phrase', 'alternative', 'category', 'fine'],
  properties: {
    phrase: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
    alternative: { type: 'string', minLength: 1, maxLength: 1000, pattern: '\\S' },
    category: { type: 'string', enum: PHRASE_CATEGORIES },
    fine: { type: 'number', minimum: 0, maximum: 100000 },
  },
} as const;
const agentRef = { type: 'object', properties: { id: str, name: str, agentNumber: str } } as const;
const actorOf = (req: FastifyRequest): Actor => ({ type: 'user', id: currentUser(req)._id, name: currentUser(req).name });

/** 服务禁语: the live check while typing, the list managers edit, and the violations ledger. */
export const consolePhrasesRoutes: FastifyPluginAsync<ConsolePhrasesOptions> = async (app, { sessions }) => {
  const { requireUser } = sessionGuard(sessions);
  const manager = { onRequest: requireUser(MANAGERS) };
  const anyone = { onRequest: requireUser() };

  app.post<{ Body: { text: string } }>(
    '/api/v1/console/phrases/check',
    {
      ...anyone,
      schema: {
        tags,
        summary: 'The forbidden phrases in a draft (live warning while typing)',
        security,
        body: { type: 'object', additionalProperties: false, required: ['text'], properties: { text: { type: 'string', maxLength: 4000 } } },
        response: { 200: { type: 'object', properties: { matches: { type: 'array', items: match } }, required: ['matches'] }, ...errors(400, 401) },
      },
    },
    async (req) => ({ matches: await findForbiddenPhrases(req.body.text) }),
  );

  app.get(
    '/api/v1/console/forbidden-phrases',
    { ...anyone, schema: { tags, summary: 'The forbidden phrases with their alternatives and fines', security, response: { 200: { type: 'array', items: phrase }, ...errors(401) } } },
    async () => (await listForbiddenPhrases()).map(toPhraseView),
  );

  app.post<{ Body: PhraseInput }>(
    '/api/v1/console/forbidden-phrases',
    { ...manager, schema: { tags, summary: 'Add a forbidden phrase (managers)', security, body: phraseBody, response: { 201: phrase, ...errors(400, 401, 403, 409) } } },
    async (req, reply) => reply.status(201).send(toPhraseView(await addForbiddenPhrase(req.body, actorOf(req)))),
  );

  app.put<{ Params: { id: string }; Body: PhraseInput }>(
    '/api/v1/console/forbidden-phrases/:id',
    { ...manager, schema: { tags, summary: 'Change a forbidden phrase (managers)', security, params: idParams, body: phraseBody, response: { 200: phrase, ...errors(400, 401, 403, 404, 409) } } },
    async (req) => toPhraseView(await updateForbiddenPhrase(req.params.id, req.body, actorOf(req))),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/console/forbidden-phrases/:id',
    { ...manager, schema: { tags, summary: 'Remove a forbidden phrase (managers)', security, params: idParams, response: { 204: { type: 'null' }, ...errors(400, 401, 403, 404) } } },
    async (req, reply) => {
      await deleteForbiddenPhrase(req.params.id, actorOf(req));
      return reply.status(204).send();
    },
  );

  app.get<{ Querystring: { from?: string; to?: string; agentId?: string } }>(
    '/api/v1/console/violations',
    {
      ...manager,
      schema: {
        tags,
        summary: 'The violations ledger and, per agent, the count, fines and who reached three (managers)',
        security,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' }, agentId: { type: 'string', pattern: '^[0-9a-fA-F]{24}$' } },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { id: str, at: { type: 'string', format: 'date-time' }, agent: agentRef, conversationId: str, phrase: str, category: str, fine: { type: 'number' }, dismissal: { type: 'boolean' }, text: str },
                },
              },
              byAgent: {
                type: 'array',
                items: { type: 'object', properties: { agent: agentRef, count: { type: 'integer' }, fines: { type: 'number' }, reachedThree: { type: 'boolean' }, dismissal: { type: 'boolean' } } },
              },
            },
            required: ['items', 'byAgent'],
          },
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      const { from, to, agentId } = req.query;
      const ledger = await violationLedger({ from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined, agentId });
      return {
        items: ledger.items.map((v) => ({
          id: String(v._id), at: v.at.toISOString(), agent: { id: String(v.agent?.id), name: v.agent?.name ?? '', agentNumber: v.agent?.number ?? '' },
          conversationId: String(v.conversation), phrase: v.phrase, category: v.category, fine: v.fine, dismissal: !!v.dismissal, text: v.text,
        })),
        byAgent: ledger.byAgent,
      };
    },
  );
};
