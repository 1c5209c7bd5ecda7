import type { Redis } from 'ioredis';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { RedisRateGate } from '../outbound/redis-rate-gate.js';
import type { ResponseUrlSender } from '../response-url.js';
import { AIBOT_CHAT_HOURLY, AIBOT_CHAT_RATE, AllWindows, ChatPusher } from './chat-pusher.js';
import { LongConnection, type LinkStatus, type LongConnectionOptions } from './connection.js';
import { ChatAddressSender, WsTransport, type Respond } from './transport.js';
import { RelayedChatPusher } from './relay.js';
import { OpenStreams } from './open-streams.js';

export {
  AIBOT_CHAT_HOURLY,
  AIBOT_CHAT_RATE,
  AllWindows,
  ChatPusher,
  LongConnectionDownError,
} from './chat-pusher.js';
export { LongConnection, type LinkState, type LinkStatus } from './connection.js';
export { ChatAddressSender, chatAddress, WsTransport, type Respond } from './transport.js';
export { RelayedChatPusher, RelayedPushError } from './relay.js';

/**
 * The long-connection transport as `start()` wires it, in two steps because the Responder sits in
 * the middle: `prepare` builds the link and the push (the Responder needs the push for late
 * results), `attach` connects the Responder and starts electing the holder.
 */
export interface LongConnectionParts {
  readonly link: LongConnection;
  /** This instance's own push (only while it holds the socket). */
  readonly pusher: ChatPusher;
  /** Push from any instance: through the local socket, or handed to the holder via Redis. */
  readonly anyInstance: RelayedChatPusher;
  /** The Responder's late-result sender: chat addresses over the socket, the rest to `fallback`. */
  lateSender(fallback: ResponseUrlSender): ResponseUrlSender;
  /** Hands frames to the responder and starts the lease loop. */
  attach(responder: Respond): void;
  status(): LinkStatus;
  /** Waits for replies in flight, closes the socket and gives up the lease. */
  stop(timeoutMs?: number): Promise<void>;
}

export type LongConnectionTuning = Pick<
  LongConnectionOptions,
  | 'leaseMs'
  | 'heartbeatMs'
  | 'reconnectBaseMs'
  | 'maxReconnectAttempts'
  | 'maxAuthAttempts'
  | 'leasePrefix'
>;

export function prepareLongConnection(deps: {
  readonly config: Pick<
    Config,
    'wecomBotId' | 'wecomBotSecret' | 'wecomWsUrl' | 'wecomWsLeaseSeconds'
  >;
  readonly redis: Redis;
  readonly log: Logger;
  readonly tuning?: LongConnectionTuning;
}): LongConnectionParts {
  const { config, redis, log } = deps;
  if (!config.wecomBotId || !config.wecomBotSecret) {
    throw new Error('long connection needs WECOM_BOT_ID and WECOM_BOT_SECRET');
  }
  const link = new LongConnection({
    botId: config.wecomBotId,
    secret: config.wecomBotSecret,
    wsUrl: config.wecomWsUrl,
    redis,
    log,
    // The lease is renewed with the heartbeat, three times per lease.
    leaseMs: config.wecomWsLeaseSeconds * 1000,
    heartbeatMs: Math.floor((config.wecomWsLeaseSeconds * 1000) / 3),
    ...deps.tuning,
  });
  const pusher = new ChatPusher({
    client: () => link.client,
    gate: new AllWindows([
      new RedisRateGate(redis, { window: AIBOT_CHAT_RATE, prefix: 'wecom:aibot-rate:' }),
      new RedisRateGate(redis, { window: AIBOT_CHAT_HOURLY, prefix: 'wecom:aibot-rate-h:' }),
    ]),
    log,
  });
  // Open streams live beside the holder lease (tests give each bot its own prefix).
  const leasePrefix = deps.tuning?.leasePrefix;
  const streams = new OpenStreams(
    redis,
    config.wecomBotId,
    leasePrefix ? { prefix: `${leasePrefix}streams:` } : {},
  );
  let transport: WsTransport | undefined;
  const anyInstance = new RelayedChatPusher({ local: pusher, link, redis, log });
  return {
    link,
    pusher,
    anyInstance,
    lateSender: (fallback) => new ChatAddressSender(pusher, link, fallback),
    attach(responder) {
      transport = new WsTransport({ link, responder, pusher, streams, log });
      link.start();
    },
    status: () => link.status(),
    async stop(timeoutMs = 5_000) {
      await transport?.drain(timeoutMs);
      await anyInstance.close();
      await link.stop();
    },
  };
}

/**
 * /healthz's view of the transports. A standby is healthy (another instance holds the socket);
 * refused credentials are not, and the reason says so.
 */
export function transportsHealth(
  callback: boolean,
  link: LinkStatus | undefined,
): { ok: boolean; detail: Record<string, unknown> } {
  return {
    ok: link?.state !== 'auth_refused',
    detail: {
      callback: callback ? 'on' : 'off',
      longConnection: link
        ? {
            state: link.state,
            holder: link.holder,
            since: new Date(link.since).toISOString(),
            ...(link.reason ? { reason: link.reason } : {}),
            reconnects: link.reconnects,
            ...(link.lastReconnectMs !== undefined
              ? { lastReconnectMs: link.lastReconnectMs }
              : {}),
          }
        : 'off',
    },
  };
}
