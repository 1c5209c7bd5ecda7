/**
 * Whether a URL points where it may: the one matcher for every allow-list of hosts (pasted
 * group-robot addresses here, response_url and file links in wecom/url-hosts.ts). Pure.
 *
 * An entry is a host name (then only https on its default port) or an origin
 * (`http://127.0.0.1:8080`: exactly that scheme, host and port; the local stand-ins).
 * A URL carrying a user name or password never matches.
 */
export function allowedUrl(url: string, allowed: readonly string[]): boolean {
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  if (u.username || u.password) return false;
  return allowed.some((entry) =>
    entry.includes('://')
      ? URL.canParse(entry) && new URL(entry).origin === u.origin
      : u.protocol === 'https:' && u.port === '' && u.hostname === entry.toLowerCase(),
  );
}

/** WeCom's API host: where group-robot addresses point unless the bot is told otherwise. */
export const WECOM_API_HOST = 'qyapi.weixin.qq.com';
