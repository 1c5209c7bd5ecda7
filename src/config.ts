import { z } from 'zod';
import { loadDotEnv } from './env-file.js';

/**
 * The whole runtime configuration, read from the environment once at start-up.
 * Everything else receives this frozen object; nothing below `main` reads `process.env`.
 */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Unset means: start the embedded FerretDB. */
  readonly mongodbUri: string | undefined;
  /** Unset means: start the embedded redis-server. */
  readonly redisUrl: string | undefined;
  readonly dataDir: string;
  /** Unset (outside production) means: generate development credentials in DATA_DIR. */
  readonly wecomBotToken: string | undefined;
  readonly wecomBotEncodingAesKey: string | undefined;
  readonly wecomBotReceiveId: string;
  /** Long-connection mode (智能机器人 长连接): both set, or neither. */
  readonly wecomBotId: string | undefined;
  readonly wecomBotSecret: string | undefined;
  /** The long connection's address; tests and the simulator point it at the local stand-in. */
  readonly wecomWsUrl: string;
  /** One instance holds the connection; a dead holder is replaced within this time. */
  readonly wecomWsLeaseSeconds: number;
  readonly publicBaseUrl: string;
  readonly wecomApiBase: string;
  /** Hosts files sent over URL callbacks may come from (besides the API base). */
  readonly wecomFileHosts: readonly string[];
  /** Hosts files sent over the long connection may come from (besides the API base). */
  readonly wecomWsFileHosts: readonly string[];
  readonly callbackMaxAgeSeconds: number;
  /** Bearer token that opens /metrics to non-loopback clients; unset, loopback only. */
  readonly metricsToken: string | undefined;
  /**
   * 32-byte key (base64 or 64 hex digits) that encrypts stored secrets (webhook keys); unset
   * outside production, a development key is generated in DATA_DIR.
   */
  readonly dataKey: string | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly production: boolean;
}

/** A configuration problem, described for the person starting the bot in both languages. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${variable}: ${en}`);
    this.name = 'ConfigError';
  }

  /** The message printed before the process exits. */
  describe(): string {
    return `配置错误 ${this.variable}：${this.zh}\nConfiguration error ${this.variable}: ${this.en}`;
  }
}

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const url = (zh: string) =>
  z.preprocess(
    emptyToUndefined,
    z.string().refine((s) => URL.canParse(s), { message: `${zh}|must be a valid URL` }),
  );

/**
 * Where WeCom serves the files users send an AI bot (its object storage, the host of
 * AIBOT-RECV's examples; the same over the long connection). WECOM_FILE_HOSTS /
 * WECOM_WS_FILE_HOSTS replace it should WeCom move them.
 */
export const WECOM_MEDIA_HOST_DEFAULTS: readonly string[] = [
  'ww-aibot-img-1258476243.cos.ap-guangzhou.myqcloud.com',
];

const HOST_ENTRY = /^(?:https?:\/\/)?[a-z0-9.-]+(?::\d+)?$/i;

/** Comma-separated host names (https only) or origins (`http://127.0.0.1:8080`). */
const hostList = () =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((h) => h.trim())
          .filter(Boolean),
      )
      .refine((hosts) => hosts.every((h) => HOST_ENTRY.test(h)), {
        message:
          '必须是逗号分隔的主机名或 http(s)://主机[:端口]|must be comma-separated host names or http(s)://host[:port] origins',
      })
      .optional(),
  );

const schema = z.object({
  PORT: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: '必须是 0 到 65535 之间的整数|must be an integer 0–65535' })
      .int('必须是 0 到 65535 之间的整数|must be an integer 0–65535')
      .min(0, '必须是 0 到 65535 之间的整数|must be an integer 0–65535')
      .max(65535, '必须是 0 到 65535 之间的整数|must be an integer 0–65535')
      .default(3000),
  ),
  HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
  MONGODB_URI: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(
        /^mongodb(\+srv)?:\/\/.+/,
        '必须以 mongodb:// 或 mongodb+srv:// 开头|must start with mongodb:// or mongodb+srv://',
      )
      .optional(),
  ),
  REDIS_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(
        /^rediss?:\/\/.+/,
        '必须以 redis:// 或 rediss:// 开头|must start with redis:// or rediss://',
      )
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  WECOM_BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9]{1,128}$/, '只能包含字母和数字|may contain only letters and digits')
      .optional(),
  ),
  WECOM_BOT_ENCODING_AES_KEY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9]{43}$/, '必须恰好 43 个字母或数字|must be exactly 43 letters or digits')
      .optional(),
  ),
  WECOM_BOT_RECEIVE_ID: z.string().default(''),
  WECOM_BOT_ID: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{1,128}$/,
        '只能包含字母、数字、下划线和连字符|may contain only letters, digits, _ and -',
      )
      .optional(),
  ),
  WECOM_BOT_SECRET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\S{1,256}$/, '不能包含空白字符|must not contain spaces')
      .optional(),
  ),
  WECOM_WS_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^wss?:\/\/.+/, '必须以 wss:// 或 ws:// 开头|must start with wss:// or ws://')
      .default('wss://openws.work.weixin.qq.com'),
  ),
  WECOM_WS_LEASE_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({
        message: '必须是 3 到 300 之间的整数（秒）|must be a whole number of seconds, 3–300',
      })
      .int('必须是 3 到 300 之间的整数（秒）|must be a whole number of seconds, 3–300')
      .min(3, '必须是 3 到 300 之间的整数（秒）|must be a whole number of seconds, 3–300')
      .max(300, '必须是 3 到 300 之间的整数（秒）|must be a whole number of seconds, 3–300')
      .default(30),
  ),
  PUBLIC_BASE_URL: url('必须是有效的网址').optional(),
  WECOM_API_BASE: url('必须是有效的网址').default('https://qyapi.weixin.qq.com'),
  WECOM_FILE_HOSTS: hostList(),
  WECOM_WS_FILE_HOSTS: hostList(),
  CALLBACK_MAX_AGE_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: '必须是正整数（秒）|must be a positive whole number of seconds' })
      .int('必须是正整数（秒）|must be a positive whole number of seconds')
      .positive('必须是正整数（秒）|must be a positive whole number of seconds')
      .default(3600),
  ),
  METRICS_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().min(16, '至少 16 个字符|must be at least 16 characters').optional(),
  ),
  DATA_KEY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(
        (s) => parseDataKey(s) !== undefined,
        '必须是 32 字节的密钥（base64 或 64 位十六进制）|must be a 32-byte key (base64 or 64 hex digits)',
      )
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message:
          '只能是 fatal/error/warn/info/debug/trace/silent|must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  ),
  NODE_ENV: z.string().optional(),
});

/** DATA_KEY's 32 bytes, from 64 hex digits or base64; undefined when it is neither. */
export function parseDataKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed, 'base64');
    if (bytes.length === 32) return bytes;
  }
  return undefined;
}

/** Reads and validates the environment; throws {@link ConfigError} naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const [zh, en] = issue.message.includes('|')
      ? (issue.message.split('|') as [string, string])
      : ['取值无效', issue.message];
    throw new ConfigError(variable, zh, en);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (Boolean(e.WECOM_BOT_ID) !== Boolean(e.WECOM_BOT_SECRET)) {
    const missing = e.WECOM_BOT_ID ? 'WECOM_BOT_SECRET' : 'WECOM_BOT_ID';
    throw new ConfigError(
      missing,
      '长连接模式需要同时设置 WECOM_BOT_ID 和 WECOM_BOT_SECRET',
      'the long connection needs both WECOM_BOT_ID and WECOM_BOT_SECRET',
    );
  }
  // In production one transport must be configured for real: the callback's token and key, or
  // the long connection's bot id and secret (which needs no public address).
  if (production && !e.WECOM_BOT_ID) {
    for (const name of ['WECOM_BOT_TOKEN', 'WECOM_BOT_ENCODING_AES_KEY', 'DATA_KEY'] as const) {
      if (!e[name]) {
        throw new ConfigError(
          name,
          '生产环境必须设置（或改用长连接：设置 WECOM_BOT_ID 和 WECOM_BOT_SECRET）',
          'is required in production (or use the long connection: set WECOM_BOT_ID and WECOM_BOT_SECRET)',
        );
      }
    }
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    mongodbUri: e.MONGODB_URI,
    redisUrl: e.REDIS_URL,
    dataDir: e.DATA_DIR,
    wecomBotToken: e.WECOM_BOT_TOKEN,
    wecomBotEncodingAesKey: e.WECOM_BOT_ENCODING_AES_KEY,
    wecomBotReceiveId: e.WECOM_BOT_RECEIVE_ID,
    wecomBotId: e.WECOM_BOT_ID,
    wecomBotSecret: e.WECOM_BOT_SECRET,
    wecomWsUrl: e.WECOM_WS_URL,
    wecomWsLeaseSeconds: e.WECOM_WS_LEASE_SECONDS,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    wecomApiBase: e.WECOM_API_BASE.replace(/\/+$/, ''),
    wecomFileHosts: e.WECOM_FILE_HOSTS ?? WECOM_MEDIA_HOST_DEFAULTS,
    wecomWsFileHosts: e.WECOM_WS_FILE_HOSTS ?? WECOM_MEDIA_HOST_DEFAULTS,
    callbackMaxAgeSeconds: e.CALLBACK_MAX_AGE_SECONDS,
    metricsToken: e.METRICS_TOKEN,
    dataKey: e.DATA_KEY,
    logLevel: e.LOG_LEVEL,
    production,
  });
}

/** Which ways WeCom reaches the bot. */
export interface Transports {
  /** `POST /wecom/callback` (needs a public HTTPS address). */
  readonly callback: boolean;
  /** The WebSocket the bot opens to WeCom (no inbound port needed). */
  readonly longConnection: boolean;
}

/**
 * Chosen by what is set: bot id + secret → long connection; token + AES key → callback; both →
 * both. With neither, the callback runs on development credentials (`npm start` on a laptop).
 */
export function transportsOf(
  config: Pick<Config, 'wecomBotId' | 'wecomBotToken' | 'wecomBotEncodingAesKey'>,
): Transports {
  const longConnection = Boolean(config.wecomBotId);
  const callbackConfigured = Boolean(config.wecomBotToken && config.wecomBotEncodingAesKey);
  return { callback: callbackConfigured || !longConnection, longConnection };
}

/**
 * The configuration every entry point starts from: `./.env` read into the environment (variables
 * already set win), then validated. A bad value is a `problem` to print (Chinese and English,
 * naming the variable), never a stack trace.
 */
export function configFromEnvironment(): { config: Config } | { problem: string } {
  try {
    loadDotEnv();
    return { config: loadConfig() };
  } catch (err) {
    if (err instanceof ConfigError) return { problem: err.describe() };
    throw err;
  }
}
