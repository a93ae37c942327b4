import { Types } from 'mongoose';
import { Customer } from '../../domain/customer/customer.model';
import type { CustomerView } from '../../flows/flow-runtime';

/**
 * The gender the customer's own words told ("陈女士", "Mrs Miller"), stored only while it is
 * unknown: an agent's entry is never overwritten. (customer.service's learnAboutCustomer takes
 * no gender yet; this is its one conditional update until it does.)
 */
export async function learnGender(customer: CustomerView, gender: unknown): Promise<void> {
  if ((gender !== 'male' && gender !== 'female') || customer.gender !== 'unknown') return;
  await Customer.updateOne({ _id: new Types.ObjectId(customer.id), gender: { $in: ['unknown', null] } }, { $set: { gender } });
}
