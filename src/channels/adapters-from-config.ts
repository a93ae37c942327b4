import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/config';
import type { ChannelAdapter, Inbox } from './channel-adapter';
import type { AdapterContext } from '../../adapters/shared/adapter-context';
import { WeComAdapter } from '../../adapters/wecom/wecom.adapter';
import { WeChatMpAdapter } from '../../adapters/wechat-mp/wechat-mp.adapter';
import { WechatyAdapter } from '../../adapters/wechaty/wechaty.adapter';
import { OneBotAdapter } from '../../adapters/onebot/onebot.adapter';
import { TelegramAdapter } from '../../adapters/telegram/telegram.adapter';
import { BotFrameworkAdapter } from '../../adapters/botframework/botframework.adapter';

// Resolved like the database's DATA_DIR: relative to the project, not to the working directory.
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** Says which variable is missing for a channel that was half configured. */
function need(config: Config, channel: string, names: (keyof Config)[]): void {
  const missing = names.filter((name) => config[name] === undefined);
  if (missing.length > 0) throw new Error(`${channel} is partly configured: set ${missing.join(', ')} as well (see docs/channels.md)`);
}

/**
 * The adapters whose variables are set, in a fixed order. A channel is on when its key variable is
 * set (WECOM_CORP_ID, WECHAT_MP_APP_ID, WECHATY_ENABLED, any ONEBOT_*, TELEGRAM_BOT_TOKEN,
 * BOTFRAMEWORK_ENABLED or MICROSOFT_APP_ID); a half-configured channel stops the start with a message
 * naming what is missing rather than failing on the first delivery.
 */
export function createAdapters(config: Config, inbox: Inbox, log: Logger, shared: Pick<AdapterContext, 'roles' | 'resumeOutbox' | 'replay' | 'media'>): ChannelAdapter[] {
  const context: AdapterContext = { inbox, log, defaultLocale: config.DEFAULT_LOCALE, roleLeaseMs: config.CHANNEL_ROLE_LEASE_SECONDS * 1000, ...shared };
  const adapters: ChannelAdapter[] = [];
  if (config.WECOM_CORP_ID !== undefined) {
    need(config, 'WeCom', ['WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_AES_KEY']);
    const agentId = Number(config.WECOM_AGENT_ID);
    if (!Number.isInteger(agentId)) throw new Error('WECOM_AGENT_ID must be the numeric AgentId of the app');
    adapters.push(new WeComAdapter({ corpId: config.WECOM_CORP_ID, agentId, secret: config.WECOM_SECRET!, token: config.WECOM_TOKEN!, encodingAesKey: config.WECOM_AES_KEY!, apiBase: config.WECOM_API_BASE }, context));
  }
  if (config.WECHAT_MP_APP_ID !== undefined) {
    need(config, 'The Official Account', ['WECHAT_MP_APP_SECRET', 'WECHAT_MP_TOKEN']);
    adapters.push(new WeChatMpAdapter({ appId: config.WECHAT_MP_APP_ID, appSecret: config.WECHAT_MP_APP_SECRET!, token: config.WECHAT_MP_TOKEN!, encodingAesKey: config.WECHAT_MP_AES_KEY, apiBase: config.WECHAT_MP_API_BASE }, context));
  }
  if (config.WECHATY_ENABLED) {
    adapters.push(new WechatyAdapter({ puppet: config.WECHATY_PUPPET, puppetToken: config.WECHATY_PUPPET_SERVICE_TOKEN, dataDir: path.resolve(PROJECT_ROOT, config.DATA_DIR) }, context));
  }
  if (config.ONEBOT_SECRET !== undefined || config.ONEBOT_ACCESS_TOKEN !== undefined || config.ONEBOT_API_BASE !== undefined) {
    adapters.push(new OneBotAdapter({ secret: config.ONEBOT_SECRET, accessToken: config.ONEBOT_ACCESS_TOKEN, apiBase: config.ONEBOT_API_BASE }, context));
  }
  if (config.TELEGRAM_BOT_TOKEN !== undefined) {
    adapters.push(
      new TelegramAdapter({ token: config.TELEGRAM_BOT_TOKEN, webhookSecret: config.TELEGRAM_WEBHOOK_SECRET, apiRoot: config.TELEGRAM_API_ROOT, polling: config.TELEGRAM_POLLING, publicUrl: config.PUBLIC_URL }, context),
    );
  }
  if (config.BOTFRAMEWORK_ENABLED || config.MICROSOFT_APP_ID !== undefined) {
    if (config.MICROSOFT_APP_ID !== undefined) need(config, 'Bot Framework', ['MICROSOFT_APP_PASSWORD']);
    adapters.push(new BotFrameworkAdapter({ appId: config.MICROSOFT_APP_ID, appPassword: config.MICROSOFT_APP_PASSWORD, tenantId: config.MICROSOFT_APP_TENANT_ID }, context));
  }
  return adapters;
}
