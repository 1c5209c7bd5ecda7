import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { start, type RunningBot } from '../../src/main.js';
import { connectMongo } from '../../src/store/mongo.js';
import { WeComWsStandin, type WsSender } from '../../src/devtools/wecom-ws-standin.js';
import { WeComStandin } from './wecom-standin.js';
import { withDatabase } from './bot-app.js';
import { testConfig } from './config.js';
import type { LongConnectionTuning } from '../../src/wecom/longconn/index.js';

export const WS_BOT_ID = 'aibreportbot01';
export const WS_BOT_SECRET = 'ws-test-secret-0123456789';

export interface WsBotHarness {
  readonly bot: RunningBot;
  /** WeCom's long-connection endpoint, played locally. */
  readonly wecom: WeComWsStandin;
  /** WeCom's HTTP APIs (webhook, response_url): nothing should arrive here in this mode. */
  readonly http: WeComStandin;
  readonly dbUri: string;
  /** A user's text over the socket, and the bot's finished answer. */
  say(sender: WsSender, text: string): Promise<string>;
}

/**
 * The whole bot in-process with only `WECOM_BOT_ID` / `WECOM_BOT_SECRET` set (no callback token,
 * no AES key, no webhook): it connects to the local WebSocket stand-in of WeCom and answers there.
 * The lease is 3 s so the holder renews (and heartbeats) every second.
 */
export function useWsBot(
  label: string,
  options: { secret?: string; tuning?: LongConnectionTuning } = {},
): { current: WsBotHarness } {
  const holder = {} as { current: WsBotHarness };
  const id = `${label.replace(/[^a-z0-9]/gi, '').slice(0, 20)}_${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    const wecom = await WeComWsStandin.start({ bots: { [WS_BOT_ID]: WS_BOT_SECRET } });
    const http = await WeComStandin.start();
    const dbUri = withDatabase(inject('mongodbUri'), `t_${id}`);
    const config = testConfig({
      MONGODB_URI: dbUri,
      REDIS_URL: inject('redisUrl'),
      WECOM_API_BASE: `http://127.0.0.1:${http.port}`,
      HOST: '127.0.0.1',
      WECOM_BOT_TOKEN: '',
      WECOM_BOT_ENCODING_AES_KEY: '',
      WECOM_BOT_ID: WS_BOT_ID,
      WECOM_BOT_SECRET: options.secret ?? WS_BOT_SECRET,
      WECOM_WS_URL: wecom.url,
      WECOM_WS_LEASE_SECONDS: '3',
    });
    const bot = await start(config, createLogger('silent'), {
      reminderPrefix: `t:${id}:bull`,
      redisKeyPrefix: `t:${id}:`,
      longConnection: { leasePrefix: `t:${id}:lease:`, ...options.tuning },
    });
    const say = (sender: WsSender, text: string) => wecom.say(WS_BOT_ID, sender, text);
    holder.current = { bot, wecom, http, dbUri, say };
  }, 60_000);
  afterAll(async () => {
    await holder.current?.bot.stop();
    await holder.current?.wecom.close();
    await holder.current?.http.close();
    const conn = await connectMongo(holder.current.dbUri);
    await conn.dropDatabase().catch(() => undefined);
    await conn.close();
  });
  return holder;
}
