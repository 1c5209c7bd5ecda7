import path from 'node:path';
import { parseArgs } from 'node:util';
import { ScopeCache } from '../../bot/scope-cache.js';
import { configFromEnvironment, type Config } from '../../config.js';
import { buildDemoCounty } from '../../demo/county-data.js';
import { fillDemoCounty } from '../../demo/fill-store.js';
import { createLogger, type Logger } from '../../logger.js';
import { secureDataDir, socketDir } from '../../localstack/data-dir.js';
import { mongoSocketUrl } from '../../localstack/ferretdb.js';
import { resolveStores } from '../../localstack/index.js';
import { waitForEndpoint } from '../../localstack/ports.js';
import { connectMongo } from '../../store/mongo.js';
import { connectRedis } from '../../store/redis.js';
import { createRepositories } from '../../store/repositories.js';
import { loadTemplates } from '../../store/template-files.js';
import type { Command } from '../command.js';

const USAGE = [
  '用法 / usage: report-bot demo [--county 青山县] [--townships 30] [--members 25] [--past-years 2] [--seed 1] [--json]',
  '',
  '在 npm start 使用的同一存储（DATA_DIR / MONGODB_URI）里生成一个演示县：乡镇和街道、成员、',
  '进度不一的报告、带数字的回答和草稿。内容全部为虚构。同一 --seed 重复运行不会重复写入。',
  'Fills the store `npm start` uses with an invented county (same seed: written once).',
  '',
  '  --json   输出 {"county":{"name","chatId","leaderUserId"},"townships":[{"name","chatId","adminUserId"}]}',
].join('\n');

/** The embedded servers of a bot already running on this DATA_DIR, when their sockets answer. */
async function runningEmbedded(
  config: Config,
): Promise<{ mongodbUri: string; redisUrl: string } | undefined> {
  if (config.mongodbUri || config.redisUrl) return undefined;
  const sockets = socketDir(secureDataDir(config.dataDir));
  const ferret = path.join(sockets, 'ferretdb.sock');
  const redis = path.join(sockets, 'redis.sock');
  const live = (socket: string) =>
    waitForEndpoint({ socket }, 0).then(
      () => true,
      () => false,
    );
  if (!(await live(ferret)) || !(await live(redis))) return undefined;
  return { mongodbUri: `${mongoSocketUrl(ferret)}report-bot`, redisUrl: redis };
}

async function run(argv: string[], log: Logger): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      county: { type: 'string', default: '青山县' },
      townships: { type: 'string', default: '30' },
      members: { type: 'string', default: '25' },
      'past-years': { type: 'string', default: '2' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const numbers = {
    townships: Number(values.townships),
    members: Number(values.members),
    pastYears: Number(values['past-years']),
    seed: Number(values.seed),
  };
  const bad = Object.entries(numbers).find(([, n]) => !Number.isSafeInteger(n) || n < 0);
  if (bad || numbers.townships < 1 || numbers.townships > 200 || numbers.members < 3) {
    console.error(`参数不对 / bad option${bad ? `: --${bad[0]}` : ''}\n\n${USAGE}`);
    return 2;
  }
  const read = configFromEnvironment();
  if ('problem' in read) {
    console.error(read.problem);
    return 2;
  }
  const { config } = read;
  const template = loadTemplates()
    .list()
    .find((t) => t.orgKind === 'township');
  if (!template) {
    console.error('没有乡镇模板 / no township template in templates/');
    return 2;
  }
  const now = new Date();
  const county = buildDemoCounty(template, {
    county: values.county,
    townships: numbers.townships,
    membersPerTownship: numbers.members,
    pastYears: numbers.pastYears,
    now,
    seed: numbers.seed,
  });
  const running = await runningEmbedded(config);
  const stores = running
    ? { ...running, stop: async () => undefined }
    : await resolveStores(config, log);
  try {
    const mongo = await connectMongo(stores.mongodbUri);
    const redis = await connectRedis(stores.redisUrl);
    try {
      const repos = await createRepositories(mongo);
      const result = await fillDemoCounty(repos, county, template, now);
      // A bot already running keeps org scopes in memory: tell it they changed.
      await new ScopeCache(redis).bump([county.id, ...county.townships.map((t) => t.id)]);
      if (values.json) {
        console.log(
          JSON.stringify({
            county: { name: county.name, chatId: county.chatId, leaderUserId: county.leaderUserId },
            townships: county.townships.map((t) => ({
              name: t.name,
              chatId: t.chatId,
              adminUserId: t.adminUserId,
            })),
          }),
        );
      } else {
        console.log(
          result.created
            ? `已生成演示县「${county.name}」：${county.townships.length} 个乡镇（街道），${result.answers} 条回答，${result.drafts} 份草稿。`
            : `演示县「${county.name}」已存在（--seed ${numbers.seed}），未重复写入。`,
        );
        console.log(`县级群 chatId：${county.chatId}，县级负责人 userid：${county.leaderUserId}`);
        console.log('启动机器人后，在模拟器里以该身份在县级群发送“全县进度”即可查看。');
      }
    } finally {
      await mongo.close();
      await redis.quit();
    }
  } finally {
    await stores.stop();
  }
  return 0;
}

export const command: Command = {
  summary:
    '生成演示县（虚构的乡镇、成员、回答和草稿）/ fill the store with an invented demo county',
  run: (argv) => run(argv, createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr as never)),
};
