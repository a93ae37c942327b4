import { Types } from 'mongoose';
import type { FlowAction } from '../../flows/flow-runtime';
import { Contract } from '../../domain/contract/contract.model';
import { formatDate } from './format';

/** findContract: the customer's contract ending last (for 续签): its number and end date, or nothing. */
export function findContractAction(timeZone: string): FlowAction {
  return async ({ customer, locale }) => {
    const contract = await Contract.findOne({ customer: new Types.ObjectId(customer.id) }).sort({ end: -1 }).lean();
    if (!contract) return { values: {} };
    return { values: { contractNumber: contract.number, contractEnd: formatDate(contract.end, locale, timeZone) } };
  };
}
