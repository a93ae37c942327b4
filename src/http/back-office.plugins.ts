import type { FastifyPluginAsync } from 'fastify';
import type { i18n } from 'i18next';
import type { SessionService } from '../domain/user/session.service';
import type { OrderUpdates } from '../domain/order/order-updates';
import { backOfficeLeadsRoutes } from './routes/back-office-leads.routes';
import { backOfficeComplaintsRoutes } from './routes/back-office-complaints.routes';
import { backOfficeFollowUpsRoutes } from './routes/back-office-follow-ups.routes';
import { backOfficeOrdersRoutes } from './routes/back-office-orders.routes';
import { backOfficeArchivesRoutes } from './routes/back-office-archives.routes';
import { backOfficeReportsRoutes } from './routes/back-office-reports.routes';
import { backOfficeQaRoutes } from './routes/back-office-qa.routes';

export interface BackOfficePluginDeps {
  sessions: SessionService;
  orderUpdates: OrderUpdates;
  i18n: i18n;
  targets: { firstResponseSeconds: number; resolutionSeconds: number };
  qaPerAgent: number;
}

/** The back office's HTTP plugins (leads, complaints, follow-ups, orders, archives, reports, QA) for createServer. */
export function backOfficePlugins(d: BackOfficePluginDeps): { plugin: FastifyPluginAsync<never>; options: unknown }[] {
  const plugin = <T>(p: T) => p as unknown as FastifyPluginAsync<never>;
  const { sessions } = d;
  return [
    { plugin: plugin(backOfficeLeadsRoutes), options: { sessions } },
    { plugin: plugin(backOfficeComplaintsRoutes), options: { sessions } },
    { plugin: plugin(backOfficeFollowUpsRoutes), options: { sessions } },
    { plugin: plugin(backOfficeOrdersRoutes), options: { sessions, orderUpdates: d.orderUpdates } },
    { plugin: plugin(backOfficeArchivesRoutes), options: { sessions } },
    { plugin: plugin(backOfficeReportsRoutes), options: { sessions, i18n: d.i18n, targets: d.targets } },
    { plugin: plugin(backOfficeQaRoutes), options: { sessions, perAgent: d.qaPerAgent } },
  ];
}
