import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { start, type RunningBot } from '../../src/main.js';
import { connectMongo } from '../../src/store/mongo.js';
import {
  CallbackClient,
  type CallbackResponse,
  type Sender,
} from '../../src/devtools/callback-client.js';
import { WeComStandin } from '../../src/devtools/wecom-standin.js';
import type { StreamPayload } from '../../src/wecom/replies.js';
import { testConfig } from './config.js';

/** `mongodb://h:p/` + `db` → `mongodb://h:p/db`, keeping any query string. */
export function withDatabase(uri: string, db: string): string {
  const [base = '', query] = uri.split('?', 2);
  const scheme = base.indexOf('://') + 3;
  const slash = base.indexOf('/', scheme);
  const hosts = slash === -1 ? base : base.slice(0, slash);
  return `${hosts}/${db}${query ? `?${query}` : ''}`;
}

export interface BotHarness {
  readonly bot: RunningBot;
  readonly wecom: WeComStandin;
  readonly client: CallbackClient;
  readonly dbUri: string;
  /** Sends a text as `sender` and follows the stream to its final content. */
  say(sender: Sender, text: string): Promise<string>;
  /** Like `say`, the whole final stream frame (content and any `msg_item` images). */
  ask(sender: Sender, text: string): Promise<StreamPayload>;
  /**
   * Sends a file as `sender`: hosted on `wecom`, encrypted with the bot's key (a link that lives
   * `ttlMs`, five minutes by default), then a file callback; follows the stream like `say`.
   */
  sendFile(
    sender: Sender,
    bytes: Uint8Array,
    options?: { readonly filename?: string; readonly ttlMs?: number },
  ): Promise<string>;
}

/**
 * The whole bot in-process, as `npm start` wires it (templates, store, reminders, callback and
 * draft routes), on the test run's FerretDB and Redis with a database of its own, and its outbound
 * calls going to a local WeCom stand-in. Talk to it with signed, encrypted callbacks.
 */
export function useBot(label: string): { current: BotHarness } {
  const holder = {} as { current: BotHarness };
  const id = `${label.replace(/[^a-z0-9]/gi, '').slice(0, 20)}_${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    const wecom = await WeComStandin.start();
    const dbUri = withDatabase(inject('mongodbUri'), `t_${id}`);
    const config = testConfig({
      MONGODB_URI: dbUri,
      REDIS_URL: inject('redisUrl'),
      WECOM_API_BASE: `http://127.0.0.1:${wecom.port}`,
      HOST: '127.0.0.1',
    });
    const bot = await start(config, createLogger('silent'), {
      reminderPrefix: `t:${id}:bull`,
      redisKeyPrefix: `t:${id}:`,
    });
    const client = new CallbackClient({
      baseUrl: `http://127.0.0.1:${bot.port}`,
      token: config.wecomBotToken!,
      encodingAesKey: config.wecomBotEncodingAesKey!,
    });
    const frame = async (
      first: CallbackResponse,
      sender: Sender,
      what: string,
    ): Promise<StreamPayload> => {
      if (first.status !== 200) throw new Error(`callback answered ${first.status}`);
      const followed = await client.followStream(first, sender, { intervalMs: 100 });
      if (!followed.finished) throw new Error(`stream did not finish for ${what}`);
      return followed.final!;
    };
    const follow = async (first: CallbackResponse, sender: Sender, what: string) =>
      (await frame(first, sender, what)).content;
    const ask = async (sender: Sender, text: string): Promise<StreamPayload> =>
      frame(await client.sendText({ ...sender, text }), sender, `"${text}"`);
    const say = async (sender: Sender, text: string): Promise<string> =>
      (await ask(sender, text)).content;
    const sendFile: BotHarness['sendFile'] = async (sender, bytes, options = {}) => {
      const url = wecom.hostFile(bytes, config.wecomBotEncodingAesKey!, options);
      return follow(await client.sendFile(sender, url), sender, 'a file');
    };
    holder.current = { bot, wecom, client, dbUri, say, ask, sendFile };
  }, 60_000);
  afterAll(async () => {
    await holder.current?.bot.stop();
    await holder.current?.wecom.close();
    const conn = await connectMongo(holder.current.dbUri);
    await conn.dropDatabase().catch(() => undefined);
    await conn.close();
  });
  return holder;
}
