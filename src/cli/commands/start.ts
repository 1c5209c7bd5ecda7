import type { Command } from '../command.js';

export const command: Command = {
  summary:
    '启动机器人（未设置 MONGODB_URI/REDIS_URL 时使用内置 FerretDB 与 Redis） / start the bot',
  run: async () => {
    const { main } = await import('../../main.js');
    await main();
  },
};
