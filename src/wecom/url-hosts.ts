/**
 * Where the URLs WeCom hands us may point, so that a URL in a message can never make the bot
 * fetch or post somewhere else (another host, a local address). Per kind and per transport:
 *
 * - response_url (one late reply) and group-robot webhook addresses: the configured API base
 *   (`WECOM_API_BASE`, https://qyapi.weixin.qq.com);
 * - files users send: WeCom serves them from its media store (its object storage), not from
 *   the API host, and the transports may differ: `WECOM_FILE_HOSTS` for URL callbacks,
 *   `WECOM_WS_FILE_HOSTS` for the long connection; both default to WeCom's media host
 *   (config.ts `WECOM_MEDIA_HOST_DEFAULTS`) and always include the API base.
 *
 * An entry is a host name or an origin; the matcher is chat/allowed-url.ts.
 */
import { allowedUrl } from '../chat/allowed-url.js';

export { allowedUrl };

export interface WeComUrlHosts {
  /** response_url and webhook addresses. */
  readonly api: readonly string[];
  /** Files users send, by the transport that carried the message. */
  readonly files: {
    readonly callback: readonly string[];
    readonly longConnection: readonly string[];
  };
}

/** The allow-lists for an API base and the configured file hosts (the API base always added). */
export function wecomUrlHosts(
  apiBase: string,
  fileHosts: { readonly callback: readonly string[]; readonly longConnection: readonly string[] },
): WeComUrlHosts {
  const api = [new URL(apiBase).origin];
  return {
    api,
    files: {
      callback: [...api, ...fileHosts.callback],
      longConnection: [...api, ...fileHosts.longConnection],
    },
  };
}

/** The host of `url` for a log line (never its path or query: they carry signatures). */
export function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : '(not a URL)';
}
