/**
 * Reads the key out of what an admin pastes after `设置推送`: the full webhook address
 * (`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`) or the bare key. Returns undefined
 * for anything else. The host is not checked: we always send to the configured API base.
 */
export function parseWebhookKey(input: string): string | undefined {
  const text = input.trim();
  if (/^[A-Za-z0-9-]{8,128}$/.test(text)) return text;
  if (!URL.canParse(text)) return undefined;
  const url = new URL(text);
  if (!/\/cgi-bin\/webhook\/send\/?$/.test(url.pathname)) return undefined;
  const key = url.searchParams.get('key')?.trim();
  return key && /^[A-Za-z0-9-]{8,128}$/.test(key) ? key : undefined;
}
