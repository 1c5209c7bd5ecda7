import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import Router from '@koa/router';
import getRawBody from 'raw-body';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/http/app.js';
import { createLogger } from '../src/logger.js';
import { start } from '../src/main.js';
import { connectMongo } from '../src/store/mongo.js';
import { connectRedis } from '../src/store/redis.js';
import { Responder } from '../src/bot/responder/responder.js';
import { createCallbackRouter } from '../src/http/wecom-callback.js';
import { WeComCrypto } from '../src/wecom/crypto.js';
import { sealReply, streamReply } from '../src/wecom/replies.js';

/**
 * The server side of the callback benchmark, in its own process so the load generator does not
 * share its event loop. `BENCH_MODE=app` runs the real app (createApp + /wecom/callback with the
 * default handler on Redis and FerretDB); `BENCH_MODE=bot` the production bot as `npm start` wires
 * it (`start()` from src/main.ts: repositories, reminders, request handlers, chat engine);
 * `BENCH_MODE=baseline` a bare Koa route that only verifies, decrypts and encrypts. Prints
 * `{"port":N}` once listening; exits when stdin closes.
 */
const mode = process.env.BENCH_MODE;
const config = loadConfig({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
});
const credentials = {
  token: config.wecomBotToken!,
  encodingAesKey: config.wecomBotEncodingAesKey!,
  receiveId: config.wecomBotReceiveId,
};
const log = createLogger(config.logLevel);
const closers: Array<() => Promise<unknown>> = [];

async function appServer(): Promise<Koa> {
  const mongo = await connectMongo(config.mongodbUri!, 'bench');
  const redis = await connectRedis(config.redisUrl!);
  closers.push(
    () => mongo.close(),
    () => redis.quit(),
  );
  const responder = new Responder({ redis, log });
  closers.unshift(() => responder.close(2_000));
  const callback = createCallbackRouter({ config, credentials, responder });
  return createApp({ config, log, mongo, redis, routers: [callback] });
}

function baselineServer(): Koa {
  const crypto = new WeComCrypto(credentials);
  const router = new Router();
  router.post('/wecom/callback', async (ctx) => {
    const q = ctx.query as Record<string, string>;
    const body = await getRawBody(ctx.req, { limit: 64 * 1024, encoding: 'utf8' });
    const { encrypt } = JSON.parse(body) as { encrypt: string };
    if (!crypto.verify(q.msg_signature, q.timestamp!, q.nonce!, encrypt)) {
      ctx.status = 401;
      return;
    }
    const msg = JSON.parse(crypto.open(encrypt)) as { text: { content: string } };
    const reply = streamReply({
      id: 'baseline',
      finish: true,
      content: `收到：${msg.text.content}`,
    });
    ctx.body = sealReply(crypto, reply, q.nonce!, Math.floor(Date.now() / 1000));
  });
  const app = new Koa();
  app.use(router.routes());
  return app;
}

/** The whole bot, as `main()` starts it; `closers` stops it. */
async function botServer(): Promise<number> {
  const bot = await start(config, log);
  closers.push(() => bot.stop());
  return bot.port;
}

const listening = (port: number) => process.stdout.write(`${JSON.stringify({ port })}\n`);
let server: Server | undefined;
if (mode === 'bot') {
  listening(await botServer());
} else {
  const app = mode === 'app' ? await appServer() : baselineServer();
  server = app.listen(0, '127.0.0.1', () => listening((server!.address() as AddressInfo).port));
}
process.stdin.resume();
process.stdin.on('end', async () => {
  server?.close();
  server?.closeAllConnections();
  for (const close of closers) await close().catch(() => undefined);
  process.exit(0);
});
