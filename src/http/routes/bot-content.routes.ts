import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parse, stringify, YAMLParseError } from 'yaml';
import { AppError } from '../../errors';
import { LOCALES } from '../../core/message';
import { SLOT_NAMES } from '../../core/slots/slots';
import { ACTION_NAMES } from '../../conversation/actions/registry';
import type { SessionService } from '../../domain/user/session.service';
import type { BotContentService, DraftState } from '../../domain/bot-content/bot-content.service';
import type { BotBundle, NamedSection, Section } from '../../domain/bot-content/content-bundle';
import { actorOf, MANAGERS, sessionGuard, sessionSecurity as security } from '../session-auth';
import { errors } from '../contract';
import { botFileAnswer, draftState, draftView, exportQuery, importBody, partAnswer, partBody, partQuery, removeQuery } from '../contract/bot-content';

export interface BotContentRoutesOptions {
  sessions: SessionService;
  botContent: BotContentService;
}

const tags = ['bot content'];
const P = '/api/v1/console/bot';

const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', `${field}: ${message}`, { details: [{ field, message }] });

/** Dates as the contract writes them. */
export function stateView(s: DraftState) {
  return { ...s, updatedAt: s.updatedAt?.toISOString() };
}

/** A download with its file name (ASCII and UTF-8). */
export function sendFile(reply: FastifyReply, file: { filename: string; type: string; body: string }) {
  return reply.header('content-type', file.type).header('content-disposition', `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`).send(Buffer.from(file.body));
}

function partOf(bundle: BotBundle, section: Section, name: string | undefined): unknown {
  if (section === 'flows' || section === 'wording' || section === 'tests') {
    const value = (bundle[section] as Record<string, unknown>)[name ?? ''];
    if (value === undefined) throw new AppError('NOT_FOUND', `the draft has no ${section} "${name}"`);
    return value;
  }
  return bundle[section];
}

/** A part as sent (data, or YAML text): it must be an object; wording one object per locale. */
function valueOf(section: Section, body: { value?: Record<string, unknown>; yaml?: string }): Record<string, unknown> {
  let value: unknown = body.value;
  if (body.yaml !== undefined) {
    try {
      value = parse(body.yaml, { prettyErrors: true });
    } catch (err) {
      const line = err instanceof YAMLParseError && err.linePos ? ` (line ${err.linePos[0].line})` : '';
      throw invalid('yaml', `is not valid YAML${line}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid(body.yaml !== undefined ? 'yaml' : 'value', 'must be a mapping of fields');
  if (section === 'wording') {
    const wording = value as Record<string, unknown>;
    for (const key of Object.keys(wording)) if (!(LOCALES as readonly string[]).includes(key)) throw invalid(`value.${key}`, 'is not a locale (zh-CN, zh-TW, en)');
    for (const l of LOCALES) {
      const texts = wording[l];
      if (!texts || typeof texts !== 'object' || Array.isArray(texts)) throw invalid(`value.${l}`, 'must be the texts of this locale');
    }
  }
  return value as Record<string, unknown>;
}

/** The draft of the bot's content: read it, change a part, drop it, import or export it (managers). */
export const botContentRoutes: FastifyPluginAsyncZod<BotContentRoutesOptions> = async (app, { sessions, botContent }) => {
  const { requireUser } = sessionGuard(sessions);
  const manager = { onRequest: requireUser(MANAGERS) };
  const actions = [...ACTION_NAMES].sort();

  app.get(
    `${P}/draft`,
    { ...manager, schema: { tags, summary: 'The draft of the bot (or the current version when nothing changed), with its problems', security, response: { 200: draftView, ...errors(401, 403) } } },
    async () => {
      const d = await botContent.draft();
      return { ...stateView(d), bundle: d.bundle, actions, slots: [...SLOT_NAMES], profile: botContent.profile };
    },
  );

  app.get(
    `${P}/draft/part`,
    { ...manager, schema: { tags, summary: 'One part of the draft (a flow, a namespace’s wording, the catalogue…), as data and as YAML', security, querystring: partQuery, response: { 200: partAnswer, ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const value = partOf((await botContent.draft()).bundle, req.query.section, req.query.name);
      return { value, yaml: stringify(value, { lineWidth: 0 }) };
    },
  );

  app.put(
    `${P}/draft/part`,
    { ...manager, schema: { tags, summary: 'Replace one part of the draft; answers the draft’s problems (as npm run flows:check reports them)', security, body: partBody, response: { 200: draftState, ...errors(400, 401, 403) } } },
    async (req) => stateView(await botContent.save(req.body.section, req.body.name, valueOf(req.body.section, req.body), actorOf(req))),
  );

  app.delete(
    `${P}/draft/part`,
    { ...manager, schema: { tags, summary: 'Remove a flow, a namespace or a test file from the draft', security, querystring: removeQuery, response: { 200: draftState, ...errors(400, 401, 403) } } },
    async (req) => stateView(await botContent.remove(req.query.section as NamedSection, req.query.name, actorOf(req))),
  );

  app.delete(
    `${P}/draft`,
    { ...manager, schema: { tags, summary: 'Discard the draft: back to the current version', security, response: { 200: draftState, ...errors(401, 403) } } },
    async () => stateView(await botContent.discard()),
  );

  app.post(
    `${P}/draft/import`,
    {
      ...manager,
      bodyLimit: 5 * 1024 * 1024,
      schema: { tags, summary: 'Replace the draft with an exported file (YAML or JSON), or with flows/ and locales/ of this build', security, body: importBody, response: { 200: draftState, ...errors(400, 401, 403, 413) } },
    },
    async (req) => stateView(await botContent.import(req.body.source === 'files' ? 'files' : { text: req.body.text! }, actorOf(req))),
  );

  app.get(
    `${P}/draft/export`,
    { ...manager, schema: { tags, summary: 'Download the draft as one file (YAML or JSON)', security, querystring: exportQuery, response: { 200: botFileAnswer, ...errors(400, 401, 403) } } },
    async (req, reply) => sendFile(reply, await botContent.export('draft', req.query.format)),
  );
};
