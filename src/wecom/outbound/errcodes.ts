/**
 * The WeCom errcodes the outbound clients act on (wecom-protocol.md §10). Anything not listed is
 * a plain failure: the message is not sent and the caller gets a WeComApiError.
 */
export type ErrcodeAction =
  /** Transient on WeCom's side: retry a bounded number of times with backoff. */
  | 'retry'
  /** Rate limit hit: wait (longer) and retry a bounded number of times. */
  | 'rate_limited'
  /** The webhook is gone or disabled: stop using the target and tell a human. */
  | 'target_broken'
  /** Anything else: fail now. */
  | 'fail';

export interface ErrcodeInfo {
  readonly meaning: string;
  readonly action: ErrcodeAction;
}

export const SYSTEM_BUSY = -1;
export const RATE_LIMITED = 45009;

export const ERRCODES: Readonly<Record<number, ErrcodeInfo>> = Object.freeze({
  [-1]: { meaning: 'system busy', action: 'retry' },
  40007: { meaning: 'invalid media_id', action: 'fail' },
  40008: { meaning: 'invalid msgtype', action: 'fail' },
  40058: { meaning: 'invalid request parameter (e.g. markdown too long)', action: 'fail' },
  44004: { meaning: 'empty content', action: 'fail' },
  45002: { meaning: 'content size out of limit', action: 'fail' },
  [RATE_LIMITED]: { meaning: 'API call frequency exceeded', action: 'rate_limited' },
  93000: {
    meaning: 'invalid webhook URL or robot removed from the group',
    action: 'target_broken',
  },
  93004: { meaning: 'robot disabled', action: 'target_broken' },
  93008: { meaning: 'robot not in the group', action: 'target_broken' },
});

export function errcodeAction(errcode: number): ErrcodeAction {
  return ERRCODES[errcode]?.action ?? 'fail';
}
