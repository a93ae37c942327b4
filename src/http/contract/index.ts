/**
 * The contract of the HTTP API and the sockets, written once as zod schemas: fastify validates
 * requests and serialises answers with them (fastify-type-provider-zod), /openapi.json is derived
 * from them, and the server and the browser take their types from them (web/shared/contract.ts
 * re-exports the types; the browser never bundles zod).
 */
import type { z } from 'zod';
import type * as M from './messages';
import type * as C from './conversations';
import type * as U from './users';
import type * as Q from './quality';
import type * as K from './canned';
import type * as R from './customers';
import type * as A from './media';

export * from './common';
export * from './messages';
export * from './conversations';
export * from './users';
export * from './quality';
export * from './canned';
export * from './customers';
export * from './media';

type Out<T extends z.ZodType> = z.output<T>;
type In<T extends z.ZodType> = z.input<T>;

export type CustomerMessage = Out<typeof M.customerMessage>;
/** The one message shape: `internal` and `delivery` reach the console only. */
export type ChatMessage = Out<typeof M.consoleMessage>;
export type QuickReply = Out<typeof M.quickReply>;
export type AttachmentView = Out<typeof A.attachmentView>;
export type UploadRules = Out<typeof A.uploadRules>;
export type AgentBadge = Out<typeof M.agentBadge>;
export type ConversationState = Out<typeof M.customerState>;
export type Rating = Out<typeof M.rating>;
export type RatingSubmission = In<typeof M.ratingBody>;
export type ClientMessageBody = In<typeof M.clientMessageBody>;

export type ListItem = Out<typeof C.listItem>;
export type ConversationDetail = Out<typeof C.conversationDetail>;
export type HistoryFilter = Partial<In<typeof C.historyQuery>>;
export type HistoryPage = Out<typeof C.historyPage>;

export type ConsoleUser = Out<typeof U.consoleUser>;
export type UserCreate = In<typeof U.userCreateBody>;
export type UserUpdate = In<typeof U.userUpdateBody>;
export type AgentSummary = Out<typeof U.agentSummary>;
export type AuditEntry = Out<typeof U.auditEntry>;

export type PhraseMatch = Out<typeof Q.phraseMatch>;
export type ForbiddenPhrase = Out<typeof Q.forbiddenPhrase>;
export type PhraseInput = In<typeof Q.phraseBody>;
export type Violation = Out<typeof Q.violation>;
export type AgentTally = Out<typeof Q.agentTally>;
export type Ledger = Out<typeof Q.ledger>;
export type LedgerFilter = In<typeof Q.ledgerQuery>;

export type CannedReply = Out<typeof K.cannedReply>;
export type FilledReply = Out<typeof K.filledReply>;

export type RecordView = Out<typeof R.record>;
export type CustomerBundle = Out<typeof R.customerBundle>;
export type LeadInput = In<typeof R.leadBody>;
export type OrderInput = In<typeof R.orderBody>;
export type ComplaintInput = In<typeof R.complaintBody>;
