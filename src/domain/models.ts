/** Registers every mongoose model, so indexes are built at connect and tests see them all. */
export { Customer } from './customer/customer.model';
export { CustomerIdentity } from './customer/customer-identity.model';
export { Conversation } from './conversation/conversation.model';
export { Message } from './message/message.model';
export { Lead } from './lead/lead.model';
export { Complaint } from './complaint/complaint.model';
export { Order } from './order/order.model';
export { FollowUp } from './follow-up/follow-up.model';
export { Contract } from './contract/contract.model';
export { Staff } from './staff/staff.model';
export { User } from './user/user.model';
export { AuditLog } from './audit/audit-log.model';
export { Lease } from '../db/lease.model';
export { Session } from './user/session.model';
export { ForbiddenPhrase } from './forbidden-phrase/forbidden-phrase.model';
export { Violation } from './forbidden-phrase/violation.model';
export { CannedReply } from './canned-reply/canned-reply.model';
