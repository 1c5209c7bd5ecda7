import { z } from 'zod';

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
  readonly publicBaseUrl: string;
  readonly wecomApiBase: string;
  readonly callbackMaxAgeSeconds: number;
  readonly tz: string;
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
  PUBLIC_BASE_URL: url('必须是有效的网址').optional(),
  WECOM_API_BASE: url('必须是有效的网址').default('https://qyapi.weixin.qq.com'),
  CALLBACK_MAX_AGE_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: '必须是正整数（秒）|must be a positive whole number of seconds' })
      .int('必须是正整数（秒）|must be a positive whole number of seconds')
      .positive('必须是正整数（秒）|must be a positive whole number of seconds')
      .default(3600),
  ),
  TZ: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(
        isTimeZone,
        '不是有效的时区名称，例如 Asia/Shanghai|is not a valid IANA time zone such as Asia/Shanghai',
      )
      .default('Asia/Shanghai'),
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

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
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
  if (production) {
    for (const name of ['WECOM_BOT_TOKEN', 'WECOM_BOT_ENCODING_AES_KEY'] as const) {
      if (!e[name]) throw new ConfigError(name, '生产环境必须设置', 'is required in production');
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
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    wecomApiBase: e.WECOM_API_BASE.replace(/\/+$/, ''),
    callbackMaxAgeSeconds: e.CALLBACK_MAX_AGE_SECONDS,
    tz: e.TZ,
    logLevel: e.LOG_LEVEL,
    production,
  });
}
