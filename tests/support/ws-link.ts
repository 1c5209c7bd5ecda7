import type { Redis } from 'ioredis';
import type { MessageHandler } from '../../src/bot/responder/handler.js';
import { Responder } from '../../src/bot/responder/responder.js';
import { WeComWsStandin } from '../../src/devtools/wecom-ws-standin.js';
import { createLogger } from '../../src/logger.js';
import { ChatPusher, type ChatPusherOptions } from '../../src/wecom/longconn/chat-pusher.js';
import { LongConnection } from '../../src/wecom/longconn/connection.js';
import { OpenStreams } from '../../src/wecom/longconn/open-streams.js';
import { WsTransport } from '../../src/wecom/longconn/transport.js';

export interface WsLink {
  readonly wecom: WeComWsStandin;
  readonly link: LongConnection;
  readonly responder: Responder;
  readonly pusher: ChatPusher;
  readonly transport: WsTransport;
  /** Drains the transport, stops the socket, the responder and the stand-in. */
  stop(): Promise<void>;
}

/**
 * A long connection to the WebSocket stand-in, with its own Responder around `handler`, for tests
 * of the socket transport without the whole bot. `name` keeps its Redis keys apart; the pusher's
 * gate (and, optionally, its sleep) come from the test.
 */
export async function startWsLink(options: {
  readonly redis: Redis;
  readonly botId: string;
  readonly secret: string;
  readonly name: string;
  readonly handler: MessageHandler;
  readonly pusher: Pick<ChatPusherOptions, 'gate' | 'sleep'>;
}): Promise<WsLink> {
  const { redis, botId, secret, name } = options;
  const wecom = await WeComWsStandin.start({ bots: { [botId]: secret } });
  const log = createLogger('silent');
  const link = new LongConnection({
    botId,
    secret,
    wsUrl: wecom.url,
    redis,
    log,
    leaseMs: 900,
    heartbeatMs: 300,
    leasePrefix: `${name}-lease:`,
  });
  const responder = new Responder({ redis, log, handler: options.handler });
  const pusher = new ChatPusher({ client: () => link.client, ...options.pusher });
  const streams = new OpenStreams(redis, botId, { prefix: `${name}-streams:` });
  const transport = new WsTransport({ link, responder, pusher, streams, log });
  link.start();
  if (!(await link.whenUp(5_000))) throw new Error('the long connection did not come up');
  return {
    wecom,
    link,
    responder,
    pusher,
    transport,
    async stop() {
      await transport.drain(2_000);
      await link.stop();
      await responder.close(2_000);
      await wecom.close();
    },
  };
}
