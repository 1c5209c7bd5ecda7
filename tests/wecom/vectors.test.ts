import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WeComCrypto, WeComCryptoError } from '../../src/wecom/crypto.js';
import { startBot, type BotUnderTest } from './harness.js';
import { useStores } from '../support/stores.js';

/**
 * Published sample vectors, each checked through the real GET endpoint (signature + decrypt →
 * the documented plaintext) and, where the source publishes an encryption, through `seal`.
 */
interface Vector {
  readonly source: string;
  readonly token: string;
  readonly encodingAesKey: string;
  readonly receiveId: string;
  readonly signature: string;
  readonly timestamp: string;
  readonly nonce: string;
  readonly ciphertext: string;
  /** The plaintext, or the parts of it the source asserts. */
  readonly plaintext: string | readonly string[];
}

const OFFICIAL = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  receiveId: 'wx5823bf96d3bd56c7',
};
const WECHATPY = {
  token: '123456',
  encodingAesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
  receiveId: 'wx49f0ab532d5d035a',
};

const vectors: readonly Vector[] = [
  {
    // WeCom's official weworkapi samples (sample.go / WXBizMsgCrypt samples): URL verification.
    source: 'weworkapi VerifyURL',
    ...OFFICIAL,
    signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
    timestamp: '1409659589',
    nonce: '263014780',
    ciphertext:
      'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
    plaintext: '1616140317555161061',
  },
  {
    // The same samples: a user's message callback (DecryptMsg).
    source: 'weworkapi DecryptMsg',
    ...OFFICIAL,
    signature: '477715d11cdb4164915debcba66cb864d751f3e6',
    timestamp: '1409659813',
    nonce: '1372623149',
    ciphertext:
      'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
    plaintext: [
      '<FromUserName><![CDATA[mycreate]]></FromUserName>',
      '<Content><![CDATA[hello]]></Content>',
      '<MsgId>4561255354251345929</MsgId>',
      '<AgentID>218</AgentID>',
    ],
  },
  {
    // wechatpy tests/test_enterprise_crypto.py test_check_signature_should_ok; the plaintext is
    // the one wechat-rust's crypto test asserts for the same echostr.
    source: 'wechatpy check_signature',
    ...WECHATPY,
    signature: 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96',
    timestamp: '1411443780',
    nonce: '437374425',
    ciphertext:
      '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==',
    plaintext: '5927782489442352469',
  },
  {
    // wechatpy test_decrypt_message.
    source: 'wechatpy decrypt_message',
    ...WECHATPY,
    signature: '74d92dfeb87ba7c714f89d98870ae5eb62dff26d',
    timestamp: '1411525903',
    nonce: '461056294',
    ciphertext:
      'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=',
    plaintext: [
      '<FromUserName><![CDATA[messense]]></FromUserName>',
      '<Content><![CDATA[test]]></Content>',
    ],
  },
  {
    // wechatpy test_encrypt_message: the reply it encrypts with the fixed random
    // "1234567890123456", and the signature it publishes for it.
    source: 'wechatpy encrypt_message',
    ...WECHATPY,
    signature: '407518b7649e86ef23978113f92d27afa9296533',
    timestamp: '1411525903',
    nonce: '461056294',
    ciphertext:
      '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3',
    plaintext: [
      '<xml>',
      '<MsgType><![CDATA[text]]></MsgType>',
      '<Content><![CDATA[test]]></Content>',
      '<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>',
      '<ToUserName><![CDATA[messense]]></ToUserName>',
      '<AgentID>1</AgentID>',
      '<CreateTime>1411525903</CreateTime>',
      '</xml>',
    ].join('\n'),
  },
];

const stores = useStores('wecomvectors');

function query(v: Vector, echostr: string, signature = v.signature): string {
  return new URLSearchParams({
    msg_signature: signature,
    timestamp: v.timestamp,
    nonce: v.nonce,
    echostr,
  }).toString();
}

describe('published sample vectors through GET /wecom/callback', () => {
  for (const v of vectors) {
    describe(v.source, () => {
      let bot: BotUnderTest;
      beforeAll(async () => {
        bot = await startBot(stores, {
          env: {
            WECOM_BOT_TOKEN: v.token,
            WECOM_BOT_ENCODING_AES_KEY: v.encodingAesKey,
            WECOM_BOT_RECEIVE_ID: v.receiveId,
            // The published samples are years old; the age check is tested in bad-input.
            CALLBACK_MAX_AGE_SECONDS: '2000000000',
          },
        });
      });
      afterAll(() => bot.close());

      it('verifies the signature and answers the documented plaintext as the raw body', async () => {
        const res = await fetch(`${bot.base}/wecom/callback?${query(v, v.ciphertext)}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
        const body = await res.text();
        if (typeof v.plaintext === 'string') {
          expect(body).toBe(v.plaintext);
        } else {
          for (const part of v.plaintext) expect(body).toContain(part);
        }
      });

      it('tolerates a raw "+" that query parsing turned into a space', async () => {
        const raw = `msg_signature=${v.signature}&timestamp=${v.timestamp}&nonce=${v.nonce}&echostr=${v.ciphertext.replaceAll('=', '%3D')}`;
        expect(v.ciphertext).toContain('+');
        const res = await fetch(`${bot.base}/wecom/callback?${raw}`);
        expect(res.status).toBe(200);
        expect((await res.text()).length).toBeGreaterThan(0);
      });

      it('refuses the same request with one signature digit changed (401)', async () => {
        const last = v.signature.at(-1) === '0' ? '1' : '0';
        const forged = v.signature.slice(0, -1) + last;
        const res = await fetch(`${bot.base}/wecom/callback?${query(v, v.ciphertext, forged)}`);
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({
          error: 'bad_signature',
          message: 'signature does not match',
        });
      });
    });
  }

  describe('with the receiveId of another corp', () => {
    let bot: BotUnderTest;
    const v = vectors[0]!;
    beforeAll(async () => {
      bot = await startBot(stores, {
        env: {
          WECOM_BOT_TOKEN: v.token,
          WECOM_BOT_ENCODING_AES_KEY: v.encodingAesKey,
          WECOM_BOT_RECEIVE_ID: 'wwsomeothercorp',
          CALLBACK_MAX_AGE_SECONDS: '2000000000',
        },
      });
    });
    afterAll(() => bot.close());

    it('refuses a correctly signed echostr meant for another receiver (400)', async () => {
      const res = await fetch(`${bot.base}/wecom/callback?${query(v, v.ciphertext)}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: 'bad_callback',
        message: 'plaintext is for another receiver',
      });
    });

    it('refuses a request without echostr (400)', async () => {
      const res = await fetch(
        `${bot.base}/wecom/callback?msg_signature=${v.signature}&timestamp=1&nonce=2`,
      );
      expect(res.status).toBe(400);
    });
  });
});

describe('WeComCrypto against the vectors directly', () => {
  const wechatpy = new WeComCrypto(WECHATPY);

  it('reproduces wechatpy’s published ciphertext and signature with its fixed random', () => {
    const v = vectors[4]!;
    const sealed = wechatpy.seal(
      v.plaintext as string,
      WECHATPY.receiveId,
      Buffer.from('1234567890123456'),
    );
    expect(sealed).toBe(v.ciphertext);
    expect(wechatpy.sign(v.timestamp, v.nonce, sealed)).toBe(v.signature);
  });

  it('matches the wechat-rust signature vector sha1(sort(test, 123456, test, rust))', () => {
    const c = new WeComCrypto({
      token: 'test',
      encodingAesKey: WECHATPY.encodingAesKey,
      receiveId: '',
    });
    expect(c.sign(123456, 'test', 'rust')).toBe('d6056f2bb3ad3e30f4afa5ef90cc9ddcdc7b7b27');
    expect(c.verify('d6056f2bb3ad3e30f4afa5ef90cc9ddcdc7b7b27', 123456, 'test', 'rust')).toBe(true);
    expect(c.verify('d6056f2bb3ad3e30f4afa5ef90cc9ddcdc7b7b28', 123456, 'test', 'rust')).toBe(
      false,
    );
    expect(c.verify('d6056f2b', 123456, 'test', 'rust')).toBe(false);
    expect(c.verify(undefined, 123456, 'test', 'rust')).toBe(false);
  });

  it('decrypts the wechat-rust PrpCrypto vector to "test" for receiver "rust"', () => {
    // That test writes the key with its last character Q; both spell the same 32 bytes.
    const c = new WeComCrypto({
      token: 'x',
      encodingAesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aQ',
      receiveId: 'rust',
    });
    expect(c.open('9s4gMv99m88kKTh/H8IdkNiFGeG9pd7vNWl50fGRWXY=')).toBe('test');
  });

  it('names why a ciphertext is refused', () => {
    const v = vectors[2]!;
    const reason = (ciphertext: string, receiveId = WECHATPY.receiveId) => {
      try {
        wechatpy.open(ciphertext, receiveId);
        return 'accepted';
      } catch (err) {
        return (err as WeComCryptoError).reason;
      }
    };
    expect(reason(v.ciphertext)).toBe('accepted');
    expect(reason(v.ciphertext, '')).toBe('wrong_receive_id');
    expect(reason('not base64!')).toBe('bad_base64');
    expect(reason(v.ciphertext.slice(0, -4))).toBe('bad_ciphertext');
    expect(reason(v.ciphertext.slice(0, 44))).toBe('bad_ciphertext');
    // A valid AES block sequence whose plaintext has bad padding: the second block of another vector.
    const bytes = Buffer.from(v.ciphertext, 'base64');
    expect(reason(bytes.subarray(0, 32).toString('base64'))).toBe('bad_padding');
  });
});
