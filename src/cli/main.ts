import type { Command } from './command.js';

/**
 * `report-bot <command>`: one entry for everything an operator runs by hand. Each command lives
 * in `commands/<name>.ts` and is loaded only when asked for, so `check` never pays for Mongo.
 */
const commands: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  start: {
    summary: '启动机器人 / start the bot (embedded FerretDB + Redis unless MONGODB_URI/REDIS_URL)',
    load: () => import('./commands/start.js'),
  },
  check: {
    summary:
      '检查报告 / check a report file (.txt/.md/.docx) for missing parts, numbering, years, figures',
    load: () => import('./commands/check.js'),
  },
  chat: {
    summary: '终端模拟器：扮演群成员与机器人对话 / terminal WeCom simulator (npm run chat)',
    load: () => import('./commands/chat.js'),
  },
  demo: {
    summary: '生成演示县（虚构数据）/ fill the store with an invented demo county',
    load: () => import('./commands/demo.js'),
  },
  'remind-plan': {
    summary: '列出提醒计划 / list the reminder plan for a deadline',
    load: () => import('./commands/remind-plan.js'),
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return ['用法 / usage: report-bot <command> [options]', '', ...lines].join('\n');
}

async function run(argv: string[]): Promise<number | 'running'> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(usage());
    return 0;
  }
  const entry = commands[name];
  if (!entry) {
    console.error(`未知命令 / unknown command: ${name}\n\n${usage()}`);
    return 2;
  }
  const { command } = await entry.load();
  const code = await command.run(rest);
  // `start` keeps the process alive; it exits through its own signal handling.
  return name === 'start' ? 'running' : (code ?? 0);
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code !== 'running') process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
