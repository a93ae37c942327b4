import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SessionService } from '../../domain/user/session.service';
import { listQaReviews, sampleWeek, scoreQaReview } from '../../domain/qa/qa.service';
import { QaReview } from '../../domain/qa/qa-review.model';
import { AppError } from '../../errors';
import { actorOf, MANAGERS, sessionGuard, sessionSecurity as security } from '../session-auth';
import { errors, idParams } from '../contract';
import { qaList, qaQuery, qaScoreBody, qaView } from '../contract/reports';
import { qaViews } from '../back-office/archive-views';

export interface BackOfficeQaOptions {
  sessions: SessionService;
  perAgent: number;
}

/** 质检抽查 (002 ch.8): the week's random sample of each agent's chats, scored by a manager on the scorecard. */
export const backOfficeQaRoutes: FastifyPluginAsyncZod<BackOfficeQaOptions> = async (app, { sessions, perAgent }) => {
  const { requireUser } = sessionGuard(sessions);
  app.addHook('onRequest', requireUser(MANAGERS));
  const tags = ['quality'];
  app.get('/api/v1/console/qa', { schema: { tags, summary: 'Sampled chats to score (managers)', security, querystring: qaQuery, response: { 200: qaList, ...errors(400, 401, 403) } } }, async (req) => ({ items: await qaViews(await listQaReviews(req.query)) }));
  app.post('/api/v1/console/qa/sample', { schema: { tags, summary: 'Draw last week’s sample now (the job does it every Monday)', security, response: { 200: z.object({ week: z.string(), sampled: z.int() }), ...errors(401, 403) } } }, async () => sampleWeek(new Date(), perAgent));
  app.post('/api/v1/console/qa/:id/score', { schema: { tags, summary: 'Score a sampled chat on the scorecard, with comments', security, params: idParams, body: qaScoreBody, response: { 200: qaView, ...errors(400, 401, 403, 404) } } }, async (req) => {
    await scoreQaReview(req.params.id, req.body, actorOf(req));
    const review = await QaReview.findById(req.params.id);
    if (!review) throw new AppError('NOT_FOUND');
    return (await qaViews([review]))[0];
  });
};
