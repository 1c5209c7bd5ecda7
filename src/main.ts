import type { Server } from 'node:http';
import { configFromEnvironment, transportsOf, type Config } from './config.js';
import { addLogSecret, createLogger, type Logger } from './logger.js';
import { createApp } from './http/app.js';
import { resolveStores } from './localstack/index.js';
import { connectMongo, pingMongo } from './store/mongo.js';
import { connectRedis, pingRedis } from './store/redis.js';
import { createCallbackRouter } from './http/wecom-callback.js';
import { Responder } from './bot/responder/responder.js';
import {
  prepareLongConnection,
  transportsHealth,
  type LongConnectionTuning,
} from './wecom/longconn/index.js';
import { resolveBotCredentials } from './wecom/credentials.js';
import { ChatService } from './bot/chat-service.js';
import { createRequestHandlers } from './bot/handlers/index.js';
import { createMessageHandler } from './bot/message-handler.js';
import { ScopeCache } from './bot/scope-cache.js';
import { CountyReader } from './bot/county-reader.js';
import { ChartRenderer } from './charts/render.js';
import { DashLinkSigner, dashLinkSecret } from './bot/dash-links.js';
import { createDashRouter } from './http/dash-route.js';
import { Notices, noticeBrokenWebhook } from './bot/notices.js';
import { createDraftsRouter } from './http/drafts-route.js';
import {
  DEFAULT_DRAFT_LINK_TTL_SECONDS,
  DraftLinkSigner,
  draftLinkSecret,
} from './bot/draft-links.js';
import { brokenWebhookTexts } from './bot/texts/broken-webhook.js';
import type { TemplateRegistry } from './report/template-registry.js';
import { TemplateError } from './report/template-error.js';
import { HolidayOverridesError } from './schedule/holiday-overrides.js';
import { startReminders } from './schedule/start-reminders.js';
import { createRepositories } from './store/repositories.js';
import { resolveDataKey, SecretBox } from './store/secret-box.js';
import { loadTemplates } from './store/template-files.js';
import { createWeComOutbound } from './wecom/outbound/index.js';
import { WeComFileDownloader } from './wecom/file-download.js';
import { wecomUrlHosts } from './wecom/url-hosts.js';

const SHUTDOWN_BUDGET_MS = 10_000;

/** config → stores → app → listen; returns a function that shuts everything down in order. */
/** A started bot: where it listens and how to stop it. */
export interface RunningBot {
  readonly port: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Loaded once by `main` so a bad template stops start-up before anything runs. */
  readonly templates?: TemplateRegistry;
  /** BullMQ key prefix of the reminder queue; tests sharing one Redis give each run its own. */
  readonly reminderPrefix?: string;
  /**
   * Prepended to every key of the bot's own Redis client (queues, dedup, streams, notices, scope
   * revisions). Tests sharing one Redis give each bot its own: two tests' users both called
   * `admin` must not share a queue place or each other's notices.
   */
  readonly redisKeyPrefix?: string;
  /** Long-connection timing and lease key prefix; tests sharing one Redis set their own prefix. */
  readonly longConnection?: LongConnectionTuning;
  /** Called when the bot cannot go on (an embedded store could not be kept running). */
  readonly onFatal?: (reason: Error) => void;
}

export async function start(
  config: Config,
  log: Logger,
  options: StartOptions = {},
): Promise<RunningBot> {
  const templates = options.templates ?? loadTemplates();
  const stores = await resolveStores(config, log, {
    onGiveUp: (reason) => (options.onFatal ?? (() => undefined))(reason),
  });
  const closers: Array<() => Promise<unknown>> = [() => stores.stop()];
  const shutdown = async () => {
    for (const close of closers.reverse()) {
      await close().catch((err) => log.warn({ err }, 'error during shutdown'));
    }
  };
  try {
    const mongo = await connectMongo(stores.mongodbUri);
    closers.push(() => mongo.close());
    const redis = await connectRedis(
      stores.redisUrl,
      options.redisKeyPrefix ? { keyPrefix: options.redisKeyPrefix } : {},
    );
    closers.push(() => redis.quit());
    // A store process that runs but answers nobody is restarted like one that died.
    stores.watch('ferretdb', () => pingMongo(mongo, 3_000));
    stores.watch('redis-server', () => pingRedis(redis, 3_000));
    const transports = transportsOf(config);
    const credentials = resolveBotCredentials(config);
    addLogSecret(credentials.token);
    addLogSecret(credentials.encodingAesKey);
    if (config.wecomBotSecret) addLogSecret(config.wecomBotSecret);
    if (credentials.development && transports.callback) {
      log.warn(
        'WECOM_BOT_TOKEN / WECOM_BOT_ENCODING_AES_KEY not set: using development credentials from DATA_DIR',
      );
    }
    if (config.production && /^https?:\/\/(localhost|127\.)/.test(config.publicBaseUrl)) {
      log.warn(
        { publicBaseUrl: config.publicBaseUrl },
        'PUBLIC_BASE_URL points at this machine: draft download links will not open on users’ phones',
      );
    }
    const dataKey = resolveDataKey(config);
    if (dataKey.development) {
      log.warn('DATA_KEY not set: stored secrets are sealed with a development key from DATA_DIR');
    }
    const repos = await createRepositories(mongo, { secrets: new SecretBox(dataKey.key) });
    const notices = new Notices(redis);
    // Long connection (WECOM_BOT_ID / WECOM_BOT_SECRET): the socket and its push exist from here;
    // messages reach the Responder once it is attached below.
    const ws = transports.longConnection
      ? prepareLongConnection({
          config,
          redis,
          log,
          ...(options.longConnection ? { tuning: options.longConnection } : {}),
        })
      : undefined;
    const outbound = createWeComOutbound({
      apiBase: config.wecomApiBase,
      redis,
      log,
      onTargetBroken: async (orgId, errcode) => {
        await noticeBrokenWebhook(repos, notices, orgId, errcode);
        if (ws) await pushBrokenNotice(repos, ws.anyInstance, orgId, errcode, log);
      },
    });
    const reminders = await startReminders({
      redisUrl: stores.redisUrl,
      repos,
      templates,
      pusher: outbound.pusher,
      ...(ws ? { chat: ws.anyInstance } : {}),
      log,
      ...(options.reminderPrefix ? { prefix: options.reminderPrefix } : {}),
    });
    closers.push(() => reminders.close());
    // Links are signed with a key derived from the transport's own secret.
    const signer = new DraftLinkSigner(
      draftLinkSecret(
        transports.callback ? credentials.encodingAesKey : (config.wecomBotSecret ?? ''),
      ),
    );
    const urlHosts = wecomUrlHosts(config.wecomApiBase, {
      callback: config.wecomFileHosts,
      longConnection: config.wecomWsFileHosts,
    });
    // Sent files are encrypted with the bot's own key (智能机器人 接收消息), and fetched only from
    // WeCom's file hosts for the transport that carried them.
    const files = new WeComFileDownloader({
      encodingAesKey: credentials.encodingAesKey,
      hosts: urlHosts.files,
    });
    const scopes = new ScopeCache(redis);
    const charts = new ChartRenderer();
    closers.push(async () => charts.close());
    const county = new CountyReader(repos, templates, scopes);
    const dashSigner = new DashLinkSigner(dashLinkSecret(credentials.encodingAesKey));
    const handlers = createRequestHandlers({
      county,
      charts,
      dash: { publicBaseUrl: config.publicBaseUrl, signer: dashSigner },
      repos,
      templates,
      links: {
        publicBaseUrl: config.publicBaseUrl,
        signer,
        ttlSeconds: DEFAULT_DRAFT_LINK_TTL_SECONDS,
      },
      pusher: outbound.pusher,
      ...(ws ? { chatPusher: ws.anyInstance } : {}),
      reminders,
      files,
      log,
    });
    const chat = new ChatService({
      repos,
      templates,
      handlers,
      log,
      events: {
        changed: (reportId) => reminders.refresh(reportId),
        resumed: (reportId) => reminders.resume(reportId),
      },
      cache: scopes,
    });
    const handler = createMessageHandler({
      chat,
      notices,
      botPushes: transports.longConnection,
      webhookHosts: urlHosts.api,
    });
    // One Responder for every transport: dedup, per-user ordering, streams and timeouts are the
    // same whichever way a message came in. Slow work that outlives its stream goes through the
    // hardened response_url client (origin check, spent-URL memory, size check), or, for a
    // long-connection message, into its chat over the socket.
    const responder = new Responder({
      redis,
      log,
      handler,
      responseUrlSender: ws ? ws.lateSender(outbound.responseUrl) : outbound.responseUrl,
    });
    // Closers run in reverse: the transports stop first, then running turns get a few seconds
    // to finish before the reminders and Redis go.
    closers.push(() => responder.close(5_000));
    const callback = transports.callback
      ? createCallbackRouter({ config, credentials, responder })
      : undefined;
    if (ws) {
      ws.attach(responder);
      closers.push(() => ws.stop(5_000));
    }
    const drafts = createDraftsRouter({ drafts: repos.drafts, signer, log });
    const dash = createDashRouter({
      source: county,
      charts,
      signer: dashSigner,
      draftSigner: signer,
      log,
    });
    const app = createApp({
      config,
      log,
      mongo,
      redis,
      routers: callback ? [callback, drafts, dash] : [drafts, dash],
      transports: () => transportsHealth(transports.callback, ws?.status()),
      embedded: stores.status,
    });
    const server: Server = await new Promise((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
    applyServerTimeouts(server);
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          // Stop accepting, let in-flight requests finish, drop idle keep-alive sockets.
          server.close(() => resolve());
          server.closeIdleConnections();
        }),
    );
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log.info({ port }, 'wecom-report-bot listening on http://%s:%d', config.host, port);
    return { port, stop: shutdown };
  } catch (err) {
    await shutdown();
    throw err;
  }
}

/**
 * Slow or half-sent requests must not hold sockets: WeCom sends a whole callback at once and
 * waits about 5 s for the answer, so a client that takes longer to send headers or body is not
 * WeCom. Idle keep-alive connections are dropped soon after.
 */
export function applyServerTimeouts(server: Server): void {
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  server.timeout = 60_000;
}

/** The process entry: reads the environment, starts, and wires signals to a graceful stop. */
export async function main(): Promise<void> {
  const read = configFromEnvironment();
  if ('problem' in read) {
    console.error(read.problem);
    process.exit(2);
  }
  const { config } = read;
  const log = createLogger(config.logLevel);
  for (const secret of [
    config.wecomBotToken,
    config.wecomBotEncodingAesKey,
    config.dataKey,
    config.metricsToken,
  ]) {
    addLogSecret(secret);
  }
  let templates: TemplateRegistry;
  try {
    templates = loadTemplates();
  } catch (err) {
    if (err instanceof TemplateError) {
      console.error(`${err.userMessage}\n${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  let stopping: Promise<void> | undefined;
  let running: RunningBot | undefined;
  const stop = (reason: string, code: number) => {
    if (stopping) return;
    log.info({ reason }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took longer than 10 s; exiting');
      process.exit(code || 1);
    }, SHUTDOWN_BUDGET_MS);
    force.unref();
    stopping = (running?.stop() ?? Promise.resolve()).finally(() => {
      log.info('stopped');
      process.exit(code);
    });
  };
  process.once('SIGINT', () => stop('SIGINT', 0));
  process.once('SIGTERM', () => stop('SIGTERM', 0));
  process.on('uncaughtException', (err) => {
    log.fatal({ err }, 'uncaught exception');
    stop('crash', 1);
  });
  process.on('unhandledRejection', (err) => {
    log.fatal({ err }, 'unhandled rejection');
    stop('crash', 1);
  });
  try {
    running = await start(config, log, {
      templates,
      onFatal: (reason) => {
        log.fatal({ err: reason }, 'cannot go on; exiting so the service manager can act');
        stop('store lost', 1);
      },
    });
  } catch (err) {
    if (err instanceof HolidayOverridesError) {
      console.error(err.describe());
      process.exit(2);
    }
    log.fatal({ err }, 'could not start');
    process.exit(1);
  }
}

/** A broken group webhook, said in the group itself when the long connection can reach it. */
async function pushBrokenNotice(
  repos: Awaited<ReturnType<typeof createRepositories>>,
  pusher: { available(): boolean; sendMarkdown(chat: string, text: string): Promise<void> },
  orgId: string,
  errcode: number,
  log: Logger,
): Promise<void> {
  if (!pusher.available()) return;
  const chats = await repos.orgs.chatIdsOf(orgId);
  const text = brokenWebhookTexts.inGroup(errcode);
  for (const chat of chats) {
    await pusher
      .sendMarkdown(chat, text)
      .catch((err: unknown) => log.warn({ err }, 'broken-webhook notice not pushed'));
  }
}
