import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import { CallbackClient } from '../../src/devtools/callback-client.js';
import { createCallbackRouter } from '../../src/http/wecom-callback.js';
import { Responder, type ResponderTiming } from '../../src/bot/responder/responder.js';
import type {
  HandledMessage,
  HandlerResult,
  MessageHandler,
} from '../../src/bot/responder/handler.js';
import type { ResponseUrlSender } from '../../src/wecom/response-url.js';
import { testConfig } from '../support/config.js';
import type { TestStores } from '../support/stores.js';

/** The credentials `testConfig()` carries. */
export const TOKEN = 'testtoken';
export const AES_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';

export interface BotOptions {
  readonly handler?: MessageHandler;
  readonly timing?: Partial<ResponderTiming>;
  readonly responseUrlSender?: ResponseUrlSender;
  /** Environment overrides for `testConfig` (token, key, receiveId, max age). */
  readonly env?: Record<string, string>;
}

export interface BotUnderTest {
  readonly base: string;
  readonly client: CallbackClient;
  readonly responder: Responder;
  close(): Promise<void>;
}

/** The real app (createApp + the callback router) on a loopback port, on the test's stores. */
export async function startBot(
  stores: TestStores,
  options: BotOptions = {},
): Promise<BotUnderTest> {
  const config = testConfig(options.env);
  const log = createLogger('silent');
  const credentials = {
    token: config.wecomBotToken!,
    encodingAesKey: config.wecomBotEncodingAesKey!,
    receiveId: config.wecomBotReceiveId,
  };
  const responder = new Responder({
    redis: stores.redis,
    log,
    ...(options.handler ? { handler: options.handler } : {}),
    ...(options.responseUrlSender ? { responseUrlSender: options.responseUrlSender } : {}),
    ...(options.timing ? { timing: options.timing } : {}),
  });
  const callback = createCallbackRouter({ config, credentials, responder });
  const app = createApp({
    config,
    log,
    mongo: stores.mongo,
    redis: stores.redis,
    routers: [callback],
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new CallbackClient({
    baseUrl: base,
    token: credentials.token,
    encodingAesKey: credentials.encodingAesKey,
    receiveId: credentials.receiveId,
  });
  return {
    base,
    client,
    responder,
    close: async () => {
      await responder.close(5_000);
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    },
  };
}

/** A promise the test opens when it chooses. */
export interface Gate {
  readonly promise: Promise<void>;
  open(): void;
}

export function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

/** A handler that records every call and answers with `respond` (default: echo). */
export function recordingHandler(
  respond: (msg: HandledMessage) => Promise<HandlerResult> | HandlerResult = (msg) => ({
    kind: 'markdown',
    content: `echo:${msg.type === 'text' ? msg.text : msg.type}`,
  }),
): { handler: MessageHandler; calls: HandledMessage[] } {
  const calls: HandledMessage[] = [];
  return {
    calls,
    handler: async (msg) => {
      calls.push(msg);
      return respond(msg);
    },
  };
}

/** Polls `condition` until it holds; fails naming `what` after `timeoutMs`. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A tiny seeded PRNG (mulberry32), so fuzz runs are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
