import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedCallback } from '../../src/devtools/callback-client.js';
import { CallbackClient } from '../../src/devtools/callback-client.js';
import { WeComCrypto } from '../../src/wecom/crypto.js';
import type { StreamReply } from '../../src/wecom/replies.js';
import { useStores } from '../support/stores.js';
import { AES_KEY, prng, recordingHandler, startBot, TOKEN, type BotUnderTest } from './harness.js';

const stores = useStores('wecombadinput');

/** A raw POST, so tests can send what the client would never build. */
async function post(
  base: string,
  query: string,
  body: string | Buffer,
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}/wecom/callback?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: res.status, text: await res.text() };
}

function qs(q: SignedCallback['query']): string {
  return new URLSearchParams(q).toString();
}

const crypto = new WeComCrypto({ token: TOKEN, encodingAesKey: AES_KEY, receiveId: '' });
const now = () => String(Math.floor(Date.now() / 1000));

/** A correctly signed callback around any ciphertext string. */
function signedCiphertext(encrypt: string, timestamp = now()): SignedCallback {
  const nonce = 'n' + Math.random().toString(36).slice(2);
  return {
    msgid: 'n/a',
    encrypt,
    query: { msg_signature: crypto.sign(timestamp, nonce, encrypt), timestamp, nonce },
    body: JSON.stringify({ encrypt }),
  };
}

/** A correctly signed callback around any plaintext (for plaintexts the bot must refuse). */
function signedPlaintext(plaintext: string, receiveId = '', timestamp = now()): SignedCallback {
  return signedCiphertext(crypto.seal(plaintext, receiveId), timestamp);
}

/** What a refused-request case posts: the callback's query string and body, as sent. */
function asRequest(s: SignedCallback): { query: string; body: string } {
  return { query: qs(s.query), body: s.body };
}

const validText = (userid = 'fuzzer') => ({
  chattype: 'single',
  from: { userid },
  msgtype: 'text',
  text: { content: '你好' },
});

describe('requests the bot must refuse', () => {
  const recorder = recordingHandler();
  let bot: BotUnderTest;
  let client: CallbackClient;
  beforeAll(async () => {
    bot = await startBot(stores, {
      handler: recorder.handler,
      env: { CALLBACK_MAX_AGE_SECONDS: '300' },
    });
    client = bot.client;
  });
  afterAll(() => bot.close());

  type Case = {
    readonly name: string;
    readonly request: () => { query: string; body: string | Buffer };
    readonly status: number;
    readonly error?: string;
  };

  const good = () => client.seal(validText());
  const cases: Case[] = [
    {
      name: 'no signature',
      request: () => {
        const s = good();
        return { query: `timestamp=${s.query.timestamp}&nonce=${s.query.nonce}`, body: s.body };
      },
      status: 401,
      error: 'bad_signature',
    },
    {
      name: 'a signature for another body',
      request: () => {
        const a = good();
        const b = good();
        return { query: qs({ ...a.query, msg_signature: b.query.msg_signature }), body: a.body };
      },
      status: 401,
      error: 'bad_signature',
    },
    {
      name: 'a signature in upper case',
      request: () => {
        const s = good();
        return {
          query: qs({ ...s.query, msg_signature: s.query.msg_signature.toUpperCase() }),
          body: s.body,
        };
      },
      status: 401,
      error: 'bad_signature',
    },
    {
      name: 'a changed nonce',
      request: () => {
        const s = good();
        return { query: qs({ ...s.query, nonce: s.query.nonce + '1' }), body: s.body };
      },
      status: 401,
      error: 'bad_signature',
    },
    {
      name: 'a token-less signature (sha1 of the other three only)',
      request: () => {
        const s = good();
        const other = new WeComCrypto({ token: '', encodingAesKey: AES_KEY, receiveId: '' });
        const sig = other.sign(s.query.timestamp, s.query.nonce, s.encrypt);
        return { query: qs({ ...s.query, msg_signature: sig }), body: s.body };
      },
      status: 401,
      error: 'bad_signature',
    },
    {
      name: 'a timestamp an hour old, correctly signed',
      request: () =>
        asRequest(client.seal(validText(), { timestamp: Math.floor(Date.now() / 1000) - 3600 })),
      status: 401,
      error: 'stale_callback',
    },
    {
      name: 'a timestamp an hour ahead, correctly signed',
      request: () =>
        asRequest(client.seal(validText(), { timestamp: Math.floor(Date.now() / 1000) + 3600 })),
      status: 401,
      error: 'stale_callback',
    },
    {
      name: 'a timestamp that is not a number, correctly signed',
      request: () => asRequest(client.seal(validText(), { timestamp: 'yesterday' })),
      status: 400,
      error: 'bad_callback',
    },
    {
      name: 'a body over 64 KB',
      request: () => ({
        query: qs(good().query),
        body: JSON.stringify({ encrypt: 'A'.repeat(70_000) }),
      }),
      status: 413,
      error: 'too_large',
    },
    {
      name: 'a body that is not JSON',
      request: () => ({ query: qs(good().query), body: '<xml><Encrypt>abc</Encrypt></xml>' }),
      status: 400,
      error: 'bad_callback',
    },
    {
      name: 'a JSON body without encrypt',
      request: () => ({ query: qs(good().query), body: '{"Encrypt":"abc"}' }),
      status: 400,
      error: 'bad_callback',
    },
    {
      name: 'JSON null',
      request: () => ({ query: qs(good().query), body: 'null' }),
      status: 400,
      error: 'bad_callback',
    },
    {
      name: 'an empty body',
      request: () => ({ query: qs(good().query), body: '' }),
      status: 400,
      error: 'bad_callback',
    },
    {
      name: 'signed ciphertext that is not base64',
      request: () => asRequest(signedCiphertext('this is not base64!!')),
      status: 400,
      error: 'bad_callback',
    },
    {
      name: 'signed ciphertext cut short of a block',
      request: () => asRequest(signedCiphertext(good().encrypt.slice(0, 40))),
      status: 400,
      error: 'bad_callback',
    },
    {
      name: 'signed ciphertext with its last block dropped (bad padding)',
      request: () => {
        const bytes = Buffer.from(good().encrypt, 'base64');
        return asRequest(signedCiphertext(bytes.subarray(0, bytes.length - 32).toString('base64')));
      },
      status: 400,
      error: 'bad_callback',
    },
    {
      name: 'signed plaintext for another receiveId',
      request: () =>
        asRequest(signedPlaintext(JSON.stringify({ msgid: 'x1', ...validText() }), 'wwothercorp')),
      status: 400,
      error: 'bad_callback',
    },
    {
      name: 'signed plaintext that is not JSON',
      request: () => asRequest(signedPlaintext('hello, bot')),
      status: 400,
      error: 'bad_callback',
    },
    ...(['msgid', 'from', 'chattype', 'msgtype', 'text'] as const).map((field): Case => ({
      name: `signed plaintext without ${field}`,
      request: () => {
        const payload: Record<string, unknown> = { msgid: `missing-${field}`, ...validText() };
        delete payload[field];
        return asRequest(signedPlaintext(JSON.stringify(payload)));
      },
      status: 400,
      error: 'bad_callback',
    })),
    {
      name: 'a group message without chatid',
      request: () =>
        asRequest(
          signedPlaintext(JSON.stringify({ msgid: 'g1', ...validText(), chattype: 'group' })),
        ),
      status: 400,
      error: 'bad_callback',
    },
    {
      name: 'a card event without its payload',
      request: () =>
        asRequest(
          signedPlaintext(
            JSON.stringify({
              msgid: 'c1',
              chattype: 'single',
              from: { userid: 'u' },
              msgtype: 'event',
              event: { eventtype: 'template_card_event' },
            }),
          ),
        ),
      status: 400,
      error: 'bad_callback',
    },
    {
      name: 'a chattype WeCom does not have',
      request: () =>
        asRequest(
          signedPlaintext(JSON.stringify({ msgid: 'ct', ...validText(), chattype: 'channel' })),
        ),
      status: 400,
      error: 'bad_callback',
    },
  ];

  for (const c of cases) {
    it(`answers ${c.status} to ${c.name}, with a short JSON error and no handler call`, async () => {
      const before = recorder.calls.length;
      const { query, body } = c.request();
      const res = await post(bot.base, query, body);
      expect(res.status).toBe(c.status);
      const json = JSON.parse(res.text) as { error: string; message: string };
      expect(json.error).toBe(c.error);
      expect(typeof json.message).toBe('string');
      expect(json.message.length).toBeLessThan(100);
      expect(res.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
      expect(recorder.calls.length).toBe(before);
    });
  }

  it('refuses a bad GET signature with 401 and answers nothing else', async () => {
    const res = await fetch(
      `${bot.base}/wecom/callback?msg_signature=${'0'.repeat(40)}&timestamp=1&nonce=2&echostr=abcd`,
    );
    expect(res.status).toBe(401);
  });

  it('refuses a correctly signed GET verification whose timestamp is outside the window', async () => {
    const echostr = crypto.seal('20260301');
    const old = String(Math.floor(Date.now() / 1000) - 3_600);
    const q = new URLSearchParams({
      msg_signature: crypto.sign(old, 'nonce1', echostr),
      timestamp: old,
      nonce: 'nonce1',
      echostr,
    });
    const res = await fetch(`${bot.base}/wecom/callback?${q}`);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('20260301');
  });

  it('refuses a valid callback sent under another content type or compressed', async () => {
    const before = recorder.calls.length;
    const signed = client.seal({
      chattype: 'single',
      from: { userid: 'u-entity' },
      msgtype: 'text',
      text: { content: '你好' },
    });
    const url = `${bot.base}/wecom/callback?${qs(signed.query)}`;
    const plain = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: signed.body,
    });
    expect(plain.status).toBe(415);
    const gzip = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: signed.body,
    });
    expect(gzip.status).toBe(415);
    expect(recorder.calls.length).toBe(before);
  });

  // 1,050 round trips: seconds on a quiet machine, but CI may share its two cores with more.
  it('fuzz: 1,050 damaged callbacks are all refused, and no forged one reaches the handler', async () => {
    const random = prng(20_260_301);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const flipBit = (s: string) => {
      const buf = Buffer.from(s, 'latin1');
      const i = Math.floor(random() * buf.length);
      buf[i]! ^= 1 << Math.floor(random() * 8);
      return buf.toString('latin1');
    };
    const payloads = [
      () => validText(`fz${Math.floor(random() * 50)}`),
      () => ({
        chattype: 'group',
        chatid: 'c',
        from: { userid: 'fz' },
        msgtype: 'text',
        text: { content: '@b 你好' },
      }),
      () => ({
        chattype: 'single',
        from: { userid: 'fz' },
        msgtype: 'event',
        event: { eventtype: 'enter_chat' },
      }),
      () => ({
        chattype: 'single',
        from: { userid: 'fz' },
        msgtype: 'stream',
        stream: { id: 's' },
      }),
    ];

    // Forged: anything whose signature cannot be right. Must be 4xx and never reach the handler.
    const forgeries: Array<(s: SignedCallback) => { query: string; body: string }> = [
      (s) => ({ query: qs(s.query), body: JSON.stringify({ encrypt: flipBit(s.encrypt) }) }),
      (s) => ({
        query: qs({ ...s.query, msg_signature: flipBit(s.query.msg_signature) }),
        body: s.body,
      }),
      (s) => ({ query: qs(s.query), body: flipBit(s.body) }),
      (s) => ({ query: qs(s.query), body: s.body.slice(0, Math.floor(random() * s.body.length)) }),
      (s) => ({ query: qs({ ...s.query, nonce: flipBit(s.query.nonce) }), body: s.body }),
      (s) => ({
        query: qs({ ...s.query, timestamp: String(Number(s.query.timestamp) + 1) }),
        body: s.body,
      }),
      (s) => ({ query: `timestamp=${s.query.timestamp}&nonce=${s.query.nonce}`, body: s.body }),
      (s) => ({ query: qs({ ...s.query, msg_signature: '' }), body: s.body }),
      (s) => ({ query: qs(s.query), body: s.body + ' '.repeat(66_000) }),
      (s) => ({
        query: qs(s.query),
        body: Buffer.from(Array.from({ length: 200 }, () => Math.floor(random() * 256))).toString(
          'latin1',
        ),
      }),
    ];

    // Correctly signed but damaged inside: must be 4xx, or (rarely) still valid and handled.
    const damaged: Array<() => SignedCallback> = [
      () => {
        const bytes = Buffer.from(client.seal(pick(payloads)()).encrypt, 'base64');
        const i = Math.floor(random() * bytes.length);
        bytes[i]! ^= 1 << Math.floor(random() * 8);
        return signedCiphertext(bytes.toString('base64'));
      },
      () => {
        const e = client.seal(pick(payloads)()).encrypt;
        return signedCiphertext(e.slice(0, Math.floor(random() * e.length)));
      },
      () => {
        const json = JSON.stringify({ msgid: `d${random()}`, ...pick(payloads)() });
        return signedPlaintext(json.slice(0, Math.floor(random() * json.length)));
      },
      () =>
        signedPlaintext(
          JSON.stringify({ msgid: `r${random()}`, ...validText() }),
          pick(['x', 'wwcorp', ' ']),
        ),
      () =>
        client.seal(validText(), {
          timestamp: Math.floor(Date.now() / 1000) - 301 - Math.floor(random() * 1e6),
        }),
      () => {
        const p: Record<string, unknown> = { msgid: `f${random()}`, ...pick(payloads)() };
        delete p[pick(['msgid', 'from', 'chattype', 'msgtype'])];
        return signedPlaintext(JSON.stringify(p));
      },
    ];

    const statuses = new Map<number, number>();
    const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
    let stillValid = 0;
    const before = recorder.calls.length;

    const forged: Array<{ query: string; body: string }> = [];
    for (let i = 0; i < 600; i++) forged.push(pick(forgeries)(client.seal(pick(payloads)())));
    const signed: SignedCallback[] = [];
    for (let i = 0; i < 450; i++) signed.push(pick(damaged)());

    const run = async <T>(items: T[], send: (item: T) => Promise<void>) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < items.length) await send(items[next++]!);
        }),
      );
    };

    await run(forged, async ({ query, body }) => {
      const res = await post(bot.base, query, body);
      count(res.status);
      expect(
        res.status,
        `forged request answered ${res.status}: ${res.text}`,
      ).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    });
    expect(recorder.calls.length).toBe(before);

    await run(signed, async (s) => {
      const res = await post(bot.base, qs(s.query), s.body);
      count(res.status);
      if (res.status === 200) {
        stillValid++;
      } else {
        expect(res.status, res.text).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
    });
    // Only a damaged callback that still decoded to a real message may have reached the handler.
    expect(recorder.calls.length - before).toBeLessThanOrEqual(stillValid);
    expect(stillValid).toBeLessThan(25);
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([400, 401, 413]));

    // Still up, and still working.
    expect((await fetch(`${bot.base}/healthz`)).status).toBe(200);
    const ok = await client.sendText({ userid: 'after-fuzz', text: '还在吗' });
    expect((ok.reply as StreamReply).stream.content).toBe('echo:还在吗');
  }, 180_000);
});
