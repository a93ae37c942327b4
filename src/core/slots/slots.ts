import type { Quantity } from '../text/quantity';
import type { PersonName } from '../text/person-name';

/**
 * Details a customer gave in a message, whatever the bot asked: they fill a flow's questions so
 * nothing is asked twice ("我想买两箱天朝上品，送到…，货到付款" fills product, quantity, address, payment).
 */
export interface Slots {
  /** The sku of the product or service named. */
  product?: string;
  quantity?: Quantity;
  payment?: 'cod' | 'online';
  address?: string;
  /** E.164. */
  phone?: string;
  name?: PersonName;
  orderNumber?: string;
  /** The customer's own words for a date or time ("12月1号开始", "next Monday"). */
  date?: string;
  /** The message itself, when it says more than the words of its intent (a complaint's story). */
  statement?: string;
}

/** The slot names a flow's ask step may be filled from (`slot:` in the flow file). */
export const SLOT_NAMES = ['product', 'quantity', 'payment', 'address', 'phone', 'name', 'orderNumber', 'date', 'statement'] as const;
export type SlotName = (typeof SLOT_NAMES)[number];
