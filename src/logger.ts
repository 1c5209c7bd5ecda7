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
  'key',
  '*.token',
  '*.aesKey',
  '*.encodingAesKey',
  '*.wecomBotToken',
  '*.wecomBotEncodingAesKey',
  '*.webhookKey',
  '*.key',
  'req.headers.authorization',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'wecom-report-bot' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** Hides credentials that travel in query strings (webhook `key=`, `access_token=`, `response_code=`). */
export function redactUrl(url: string): string {
  return url.replace(
    /([?&](?:key|access_token|response_code|corpsecret)=)[^&#]*/gi,
    '$1[redacted]',
  );
}
