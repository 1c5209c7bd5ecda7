import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configFromEnvironment } from '../../config.js';
import { devCredentialsPath, resolveBotCredentials } from '../../wecom/credentials.js';
import { DEFAULT_WECOM_PORT, runSimulator } from '../../devtools/simulator.js';
import type { Command } from '../command.js';
import { DEFAULT_WS_PORT, runWsChat } from '../../devtools/ws-chat.js';

const USAGE = `用法 / usage: report-bot chat [options]   (npm run chat -- [options])

在终端里扮演企业微信群成员，与正在运行的机器人（npm start）对话。
Plays WeCom group members in the terminal against a running bot.

  --bot <url>          机器人地址 / bot address (default http://127.0.0.1:$PORT, PORT=3000)
  --path <path>        回调路径 / callback path (default /wecom/callback)
  --wecom-port <n>     本地企业微信接口替身的端口 / WeCom API stand-in port (default ${DEFAULT_WECOM_PORT})
  --user <userid>      第一个说话的人 / first speaker (default zhangsan)
  --group <群名>       开始时所在的群 / starting group (default 青石镇工作群)
  --single             从单聊开始 / start in a single chat
  --bot-name <名字>    群里 @ 的机器人名 / bot display name (default 报告助手)
  --refresh-ms <n>     流式回复刷新间隔 / stream refresh interval (default 500)
  --files-dir <dir>    保存推送文件的目录 / where pushed files are saved (default DATA_DIR/chat-files)
  --mode ws            经长连接对话：启动企业微信长连接替身（端口 --ws-port，默认 ${DEFAULT_WS_PORT}），
                       机器人用 WECOM_BOT_ID / WECOM_BOT_SECRET / WECOM_WS_URL 连上来 /
                       talk over the long connection: runs a stand-in of WeCom's WebSocket endpoint
  --ws-port <n>        长连接替身端口 / long-connection stand-in port (default ${DEFAULT_WS_PORT})

凭据 / credentials: WECOM_BOT_TOKEN + WECOM_BOT_ENCODING_AES_KEY, or DATA_DIR/dev-credentials.json.
管道输入 / piped input: one message or /command per line, e.g.
  printf '帮助\\n/as lisi\\n进度\\n' | npm run chat --silent`;

export const command: Command = {
  summary: '终端模拟器：扮演群成员与机器人对话 / terminal WeCom simulator (npm run chat)',
  run: async (args) => {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: {
          bot: { type: 'string' },
          path: { type: 'string' },
          'wecom-port': { type: 'string' },
          user: { type: 'string' },
          group: { type: 'string' },
          single: { type: 'boolean' },
          'bot-name': { type: 'string' },
          'refresh-ms': { type: 'string' },
          'files-dir': { type: 'string' },
          mode: { type: 'string' },
          'ws-port': { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
      }));
    } catch (err) {
      console.error(`${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    const read = configFromEnvironment();
    if ('problem' in read) {
      console.error(read.problem);
      return 2;
    }
    const { config } = read;
    if (values.mode === 'ws') {
      const port = numberOption(values['ws-port'], DEFAULT_WS_PORT, 0, 65535);
      if (port === undefined) {
        console.error(`--ws-port 取值无效 / invalid number\n\n${USAGE}`);
        return 2;
      }
      return runWsChat({
        input: process.stdin,
        output: process.stdout,
        botId: config.wecomBotId ?? 'aibdevbot',
        secret: config.wecomBotSecret ?? 'dev-secret',
        port,
        ...(values.user ? { user: values.user } : {}),
        ...(values.group ? { group: values.group } : {}),
        ...(values.single ? { single: true } : {}),
        filesDir: values['files-dir'] ?? path.join(config.dataDir, 'chat-files'),
      });
    }
    if (values.mode !== undefined && values.mode !== 'callback') {
      console.error(`--mode 只能是 callback 或 ws / --mode must be callback or ws\n\n${USAGE}`);
      return 2;
    }
    const wecomPort = numberOption(values['wecom-port'], DEFAULT_WECOM_PORT, 0, 65535);
    const refreshMs = numberOption(values['refresh-ms'], 500, 50, 10_000);
    if (wecomPort === undefined || refreshMs === undefined) {
      console.error(`--wecom-port / --refresh-ms 取值无效 / invalid number\n\n${USAGE}`);
      return 2;
    }
    const fromEnv = Boolean(config.wecomBotToken && config.wecomBotEncodingAesKey);
    const devFile = devCredentialsPath(config.dataDir);
    if (!fromEnv && !existsSync(devFile)) {
      // The bot reads the same file, so generating it here works in either start order.
      console.log(
        `生成开发凭据 ${path.relative(process.cwd(), devFile)}（机器人启动时会读取同一文件）。`,
      );
    }
    const credentials = resolveBotCredentials(config);
    return runSimulator({
      input: process.stdin,
      output: process.stdout,
      botUrl: values.bot ?? `http://127.0.0.1:${config.port || 3000}`,
      callbackPath: values.path,
      credentials,
      wecomPort,
      user: values.user,
      group: values.single ? undefined : (values.group ?? '青石镇工作群'),
      botName: values['bot-name'],
      refreshIntervalMs: refreshMs,
      filesDir: values['files-dir'] ?? path.join(config.dataDir, 'chat-files'),
    });
  },
};

function numberOption(raw: string | undefined, fallback: number, min: number, max: number) {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}
