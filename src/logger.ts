import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Paths that may carry secrets. pino removes them before a line is written, so a careless
 * `log.info({ config })` cannot leak a token, an AES key or a webhook key.
 */
const redactPaths = [
  'token',
  'aesKey',
  'encodingAesKey',
  'webhookKey',
  'dataKey',
  'key',
  'responseUrl',
  '*.token',
  '*.aesKey',
  '*.encodingAesKey',
  '*.wecomBotToken',
  '*.wecomBotEncodingAesKey',
  '*.webhookKey',
  '*.dataKey',
  '*.metricsToken',
  '*.key',
  '*.responseUrl',
  'req.headers.authorization',
];

/** Secret values known at run time (the bot's token and keys), scrubbed from every line. */
const knownSecrets = new Set<string>();

/** Adds a value that must never appear in a log line (ignored when shorter than 8 characters). */
export function addLogSecret(value: string | undefined): void {
  if (value && value.length >= 8) knownSecrets.add(value);
}

/**
 * The last line of defence, run on every serialised log line whatever its fields: credentials
 * in query strings (webhook `key=`, `access_token=`, the whole query of a response_url), draft
 * download tokens in paths (a token is a working link for three days), and the known secrets.
 */
export function redactLine(line: string): string {
  let out = line
    .replace(/(\/drafts\/)[A-Za-z0-9_.-]+/g, '$1[redacted]')
    .replace(/(\/cgi-bin\/aibot\/response)\?[^\s"\\]*/g, '$1?[redacted]')
    .replace(
      /([?&](?:key|access_token|response_code|corpsecret|token)=)[^&#\s"\\]*/gi,
      '$1[redacted]',
    );
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** Hides credentials that travel in query strings (webhook `key=`, `access_token=`, `response_code=`). */
export function redactUrl(url: string): string {
  return redactLine(url);
}

export interface DescribedError {
  readonly type: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: string;
  readonly cause?: DescribedError;
}

/**
 * The one way an error is described for a log line: its kind, message, code, stack and cause
 * chain (pino's error serializer), so a failed turn can be located. Secrets in any of it are
 * removed by {@link redactLine} when the line is written.
 */
export function describeError(err: unknown): DescribedError {
  if (!(err instanceof Error)) return { type: typeof err, message: String(err) };
  const s = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  const code = (err as { code?: unknown }).code;
  const cause = err.cause !== undefined ? describeError(err.cause) : undefined;
  return {
    type: String(s.type ?? err.name),
    message: err.message,
    ...(typeof s.stack === 'string' ? { stack: s.stack } : {}),
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    ...(cause ? { cause } : {}),
  };
}

/** `Name: message`, for a stored failure note or a one-line reason (no stack). */
export function errorSummary(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'wecom-report-bot' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: { err: describeError, error: describeError },
      hooks: { streamWrite: redactLine },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
