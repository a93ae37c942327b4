import type { i18n } from 'i18next';
import type { FlowAction } from '../../flows/flow-runtime';
import type { Catalogue } from '../../flows/catalogue';
import type { BusinessHours } from '../../core/calendar/business-hours';
import type { KeywordRecognizer } from '../../core/intents/keyword-recognizer';
import { greetAction } from './greeting.actions';
import { classifyComplaintAction, createComplaintAction, createLeadAction, handoffAction, recordSurveyAction, rememberCustomerAction, tagCustomerAction } from './record.actions';
import { cancelOrderAction, changeOrderAddressAction, lookupOrderAction } from './order-change.actions';
import { findContractAction } from './contract.actions';
import { confirmExistingOrderAction, createOrderAction, findOrdersAction, loadOrderAction, prepareOrderAction, setUpdatesViaAction } from './order.actions';

type Deps = { i18n: i18n; catalogue: Catalogue; rules: KeywordRecognizer; timeZone: string; businessHours: BusinessHours };

/** Every action a flow may name, with how to build it from its dependencies. */
const FACTORIES: Record<string, (deps: Deps) => FlowAction> = {
  greet: (d) => greetAction(d),
  createLead: (d) => createLeadAction(d.i18n, d.catalogue),
  classifyComplaint: (d) => classifyComplaintAction(d.rules),
  createComplaint: (d) => createComplaintAction(d.timeZone),
  recordSurvey: () => recordSurveyAction,
  handoff: () => handoffAction,
  tagCustomer: () => tagCustomerAction,
  rememberCustomer: () => rememberCustomerAction,
  prepareOrder: (d) => prepareOrderAction(d.i18n, d.catalogue),
  createOrder: (d) => createOrderAction(d.catalogue),
  setUpdatesVia: () => setUpdatesViaAction,
  loadOrder: (d) => loadOrderAction(d.i18n, d.catalogue),
  confirmExistingOrder: () => confirmExistingOrderAction,
  findOrders: (d) => findOrdersAction(d.i18n, d.catalogue),
  lookupOrder: (d) => lookupOrderAction(d.i18n, d.catalogue),
  cancelOrder: () => cancelOrderAction,
  changeOrderAddress: () => changeOrderAddressAction,
  findContract: (d) => findContractAction(d.timeZone),
};

/** The action names, for the flow checker (which needs no database). */
export const ACTION_NAMES: ReadonlySet<string> = new Set(Object.keys(FACTORIES));

/** Builds every action once at start. */
export function createActions(deps: Deps): Map<string, FlowAction> {
  return new Map(Object.entries(FACTORIES).map(([name, make]) => [name, make(deps)]));
}
