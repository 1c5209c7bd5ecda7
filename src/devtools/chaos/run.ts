import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { mongoSocketUrl } from '../../localstack/ferretdb.js';
import { freePort } from '../../localstack/ports.js';
import { connectMongo } from '../../store/mongo.js';
import { CallbackClient } from '../callback-client.js';
import { BotRunner, type KillTarget } from './bot-runner.js';
import {
  emptyOfficialTally,
  runOfficial,
  type OfficialTally,
  type UnansweredMessage,
} from './official.js';
import { emptyTally, type DeliveryTally } from './wecom-delivery.js';

export interface ChaosOptions {
  /** Stop killing after this many kills (spread over the three processes). */
  readonly kills: number;
  /** Hard bound on the killing phase. */
  readonly maxMinutes: number;
  readonly officials: number;
  /** Keep the data folder (for a post-mortem) instead of removing it. */
  readonly keep?: boolean;
  readonly log?: (line: string) => void;
}

export interface ChaosResult {
  readonly startedAt: string;
  readonly seconds: number;
  readonly kills: Record<KillTarget, number>;
  readonly botRestarts: number;
  readonly messages: number;
  readonly callbacks: number;
  readonly resends: number;
  readonly refreshes: number;
  readonly serverErrors: number;
  readonly clientErrors: number;
  readonly recovering: number;
  readonly notReal: number;
  readonly unanswered: number;
  readonly unansweredDetails: readonly UnansweredMessage[];
  /** The longest any answered message waited for its final reply. */
  readonly slowestReplySeconds: number;
  readonly answersSent: number;
  readonly acknowledged: number;
  /** Acknowledged answers not in the store. */
  readonly lost: number;
  /** Answers stored more than once. */
  readonly doubled: number;
  readonly dataDir: string;
}

const TOKEN = 'chaosToken0123456789';
const AES_KEY = 'ChaosHarnessAesKey0123456789abcdefghijklmno';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The fault harness: scripted officials answer over HTTP while the bot, its redis-server and
 * its FerretDB are SIGKILLed at random moments (half of the kills land 0–150 ms after a
 * message first went out, the window where a turn is mid-flight). The bot is restarted as a service
 * manager would; the stores are the bot's own to restart. At the end the store is checked:
 * every acknowledged answer stored exactly once, none stored twice. Loopback only.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const say = options.log ?? (() => undefined);
  const root = mkdtempSync(path.join(os.tmpdir(), 'chaos-'));
  const dataDir = path.join(root, 'data');
  const responseUrls = await startResponseUrlSink();
  const runner = new BotRunner({
    port: await freePort(),
    logFile: path.join(root, 'bot.log'),
    env: {
      DATA_DIR: dataDir,
      WECOM_BOT_TOKEN: TOKEN,
      WECOM_BOT_ENCODING_AES_KEY: AES_KEY,
      WECOM_API_BASE: responseUrls.base,
      LOG_LEVEL: 'warn',
    },
  });
  const startedAt = new Date();
  const kills: Record<KillTarget, number> = { bot: 0, 'redis-server': 0, ferretdb: 0 };
  const delivery: DeliveryTally = emptyTally();
  const tallies: OfficialTally[] = [];
  const tags = new Set<string>();
  let going = true;
  let sendWaiter: (() => void) | undefined;
  try {
    runner.start();
    await runner.healthy();
    say(`bot up at ${runner.baseUrl}; data in ${dataDir}`);
    const client = new CallbackClient({
      baseUrl: runner.baseUrl,
      token: TOKEN,
      encodingAesKey: AES_KEY,
    });
    const officials = Array.from({ length: options.officials }, (_, i) => {
      const tally = emptyOfficialTally();
      tallies.push(tally);
      return runOfficial({
        userid: `official${String.fromCharCode(97 + i)}`,
        town: ['青石', '白沙', '云岭', '梅溪', '松山', '柳湾'][i % 6]!,
        client,
        delivery,
        tally,
        tags,
        going: () => going,
        onSend: () => {
          sendWaiter?.();
          sendWaiter = undefined;
        },
      });
    });

    const deadline = Date.now() + options.maxMinutes * 60_000;
    const targets: KillTarget[] = ['bot', 'redis-server', 'ferretdb'];
    let done = 0;
    while (done < options.kills && Date.now() < deadline) {
      await runner.healthy().catch(() => undefined);
      await sleep(1_000 + randomInt(2_000));
      if (randomInt(2) === 0) {
        // Mid-flight: just after a message first went out (not a re-send: see deliver()).
        await new Promise<void>((resolve) => {
          sendWaiter = resolve;
          setTimeout(resolve, 5_000);
        });
        await sleep(randomInt(150));
      }
      const target = targets[randomInt(targets.length)]!;
      if (runner.kill(target)) {
        kills[target] += 1;
        done += 1;
        say(`kill ${done}/${options.kills}: ${target}`);
      }
    }
    say('killing over; letting the officials finish their messages');
    await runner.healthy();
    await sleep(3_000);
    going = false;
    await Promise.all(officials);
    await runner.healthy();

    const mongo = await connectMongo(
      mongoSocketUrl(path.join(dataDir, 'run', 'ferretdb.sock')),
      'report-bot',
    );
    const raws = (
      await mongo
        .collection('answers')
        .find({}, { projection: { raw: 1 } })
        .toArray()
    ).map((d) => String(d.raw));
    await mongo.close();
    const stored = new Map<string, number>();
    for (const raw of raws) {
      const tag = /编号[a-z]{6}/.exec(raw)?.[0];
      if (tag) stored.set(tag, (stored.get(tag) ?? 0) + 1);
    }
    const acknowledged = new Set(tallies.flatMap((t) => [...t.acknowledged]));
    const sum = (f: (t: OfficialTally) => number) => tallies.reduce((n, t) => n + f(t), 0);
    return {
      startedAt: startedAt.toISOString(),
      seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      kills,
      botRestarts: runner.restarts,
      messages: sum((t) => t.messages),
      ...delivery,
      recovering: sum((t) => t.recovering),
      notReal: sum((t) => t.notReal),
      unanswered: sum((t) => t.unanswered),
      unansweredDetails: tallies.flatMap((t) => t.unansweredDetails),
      slowestReplySeconds: Math.round(Math.max(0, ...tallies.map((t) => t.slowestMs)) / 1000),
      answersSent: tags.size,
      acknowledged: acknowledged.size,
      lost: [...acknowledged].filter((tag) => !stored.has(tag)).length,
      doubled: [...stored.values()].filter((n) => n > 1).length,
      dataDir,
    };
  } finally {
    going = false;
    await runner.stop();
    await responseUrls.close();
    if (!options.keep) rmSync(root, { recursive: true, force: true });
  }
}

/** Stands in for WeCom's response_url endpoint: accepts every late reply. */
async function startResponseUrlSink(): Promise<{ base: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
