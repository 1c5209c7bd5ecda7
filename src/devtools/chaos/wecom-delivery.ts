import { CallbackClient, type CallbackResponse, type Sender } from '../callback-client.js';
import type { StreamPayload } from '../../wecom/replies.js';

/** What WeCom's side saw while delivering one message. */
export interface DeliveryTally {
  callbacks: number;
  /** The same msgid sent again because the earlier attempt got no answer in time. */
  resends: number;
  refreshes: number;
  /** HTTP 5xx answers, callbacks and refreshes alike (the goal is none). */
  serverErrors: number;
  /** 4xx answers (the goal is none: every callback here is well-formed). */
  clientErrors: number;
}

export function emptyTally(): DeliveryTally {
  return { callbacks: 0, resends: 0, refreshes: 0, serverErrors: 0, clientErrors: 0 };
}

export interface Delivery {
  readonly msgid: string;
  /** The finished stream's content; undefined when nothing final came. */
  readonly content?: string;
  /** Why no final content came (for the post-mortem of an unanswered message). */
  readonly why?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** WeCom waits about 5 s for a callback's answer before it sends the same msgid again. */
const RESEND_AFTER_MS = 5_000;

/**
 * Delivers one text message the way WeCom does: the callback is re-sent with the same msgid
 * when no answer came within 5 s (refused, timed out, or a 5xx), and an unfinished stream is
 * refreshed about once a second until it finishes. Gives up at `deadlineMs`.
 */
export async function deliver(
  client: CallbackClient,
  sender: Sender,
  text: string,
  tally: DeliveryTally,
  options: {
    readonly deadlineMs: number;
    /**
     * Called when a message goes out for the first time (not for WeCom's re-sends): the moment
     * a mid-flight kill aims at. Aiming at re-sends too would kill the bot each time it starts
     * to recover the same turn (after a restart the first callback is nearly always such a
     * re-send), a crash loop in step with recovery that measures nothing about the protocol.
     */
    readonly onSend?: () => void;
  },
): Promise<Delivery> {
  const msgid = CallbackClient.newMsgid();
  const giveUpAt = Date.now() + options.deadlineMs;
  let first = true;
  let last = 'no answer';
  for (;;) {
    if (Date.now() > giveUpAt) return { msgid, why: `deadline; callbacks: ${last}` };
    const started = Date.now();
    tally.callbacks += 1;
    if (!first) tally.resends += 1;
    else options.onSend?.();
    first = false;
    const res = await attempt(() =>
      client.sendText({ ...sender, text, msgid, mention: '报告助手' }),
    );
    if (res && res.status === 200) {
      const stream = streamOf(res);
      if (!stream) return { msgid, why: `200 without a stream: ${JSON.stringify(res.reply)}` };
      if (stream.finish) return { msgid, content: stream.content };
      return { msgid, ...(await follow(client, sender, stream, tally, giveUpAt)) };
    }
    last = res ? `HTTP ${res.status}` : 'no answer within 5 s';
    if (res && res.status >= 500) tally.serverErrors += 1;
    else if (res) {
      tally.clientErrors += 1;
      return { msgid, why: `callback refused: HTTP ${res.status}` };
    }
    await sleep(Math.max(0, started + RESEND_AFTER_MS - Date.now()));
  }
}

async function follow(
  client: CallbackClient,
  sender: Sender,
  stream: StreamPayload,
  tally: DeliveryTally,
  giveUpAt: number,
): Promise<Omit<Delivery, 'msgid'>> {
  let last = `stream ${stream.id} open`;
  while (Date.now() < giveUpAt) {
    await sleep(1_000);
    tally.refreshes += 1;
    const res = await attempt(() => client.refresh(stream.id, sender));
    if (!res) {
      last = `stream ${stream.id}: refresh unanswered`;
      continue;
    }
    if (res.status >= 500) {
      tally.serverErrors += 1;
      last = `stream ${stream.id}: refresh HTTP ${res.status}`;
      continue;
    }
    if (res.status !== 200) {
      tally.clientErrors += 1;
      return { why: `stream ${stream.id}: refresh refused, HTTP ${res.status}` };
    }
    const next = streamOf(res);
    if (next?.finish) return { content: next.content };
    last = `stream ${stream.id}: open, shows ${JSON.stringify(next?.content ?? res.reply)}`;
  }
  return { why: `deadline; ${last}` };
}

/** One HTTP exchange with WeCom's 5-second patience; undefined when no answer came. */
async function attempt(
  send: () => Promise<CallbackResponse>,
): Promise<CallbackResponse | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), RESEND_AFTER_MS);
  });
  try {
    return await Promise.race([send().catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function streamOf(res: CallbackResponse): StreamPayload | undefined {
  const reply = res.reply;
  if (!reply || !('msgtype' in reply)) return undefined;
  if (reply.msgtype === 'stream' || reply.msgtype === 'stream_with_template_card') {
    return reply.stream;
  }
  return undefined;
}
