import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SessionService } from '../../domain/user/session.service';
import { changeOrderStatus, getOrder, listOrders, markOrderPaid } from '../../domain/order/order-status.service';
import type { OrderUpdates } from '../../domain/order/order-updates';
import { actorOf, sessionGuard, sessionSecurity as security } from '../session-auth';
import { errors, idParams } from '../contract';
import { orderList, orderPaymentBody, ordersQuery, orderStatusBody, orderView } from '../contract/orders';
import { orderViews } from '../back-office/archive-views';

export interface BackOfficeOrdersOptions {
  sessions: SessionService;
  orderUpdates: OrderUpdates;
}

/**
 * 订单跟踪 (001): orders by state, each status change (shipped with courier and tracking number,
 * delivered, completed, cancelled) told to the customer on the channel they chose; receivables
 * paid or unpaid, and the overdue list.
 */
export const backOfficeOrdersRoutes: FastifyPluginAsyncZod<BackOfficeOrdersOptions> = async (app, { sessions, orderUpdates }) => {
  const { requireUser } = sessionGuard(sessions);
  app.addHook('onRequest', requireUser());
  const tags = ['back office'];
  const one = async (id: string) => (await orderViews([await getOrder(id)]))[0];

  app.get('/api/v1/console/orders', { schema: { tags, summary: 'Orders: open, unpaid, overdue receivables, or all', security, querystring: ordersQuery, response: { 200: orderList, ...errors(400, 401) } } }, async (req) => ({
    items: await orderViews(await listOrders(req.query)),
  }));

  app.get('/api/v1/console/orders/:id', { schema: { tags, summary: 'One order with its history and what the customer was told', security, params: idParams, response: { 200: orderView, ...errors(400, 401, 404) } } }, async (req) => one(req.params.id));

  app.post(
    '/api/v1/console/orders/:id/status',
    { schema: { tags, summary: 'Move the order along (shipped needs courier and tracking number); the customer is told on their channel', security, params: idParams, body: orderStatusBody, response: { 200: orderView, ...errors(400, 401, 404, 409) } } },
    async (req) => {
      const order = await changeOrderStatus(req.params.id, req.body, actorOf(req));
      await orderUpdates.tell(order);
      return one(req.params.id);
    },
  );

  app.post('/api/v1/console/orders/:id/payment', { schema: { tags, summary: 'Record the money received (cash on delivery collected, paid online)', security, params: idParams, body: orderPaymentBody, response: { 200: orderView, ...errors(400, 401, 404, 409) } } }, async (req) => {
    await markOrderPaid(req.params.id, req.body, actorOf(req));
    return one(req.params.id);
  });
};
