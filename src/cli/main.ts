/**
 * `report-bot <command>`: one entry for everything an operator runs by hand.
 * Each command lives in its own module and is loaded only when asked for.
 */
type Command = {
  readonly summary: string;
  readonly run: (args: string[]) => Promise<number | void>;
};

const commands: Record<string, Command> = {
  start: {
    summary:
      '启动机器人（未设置 MONGODB_URI/REDIS_URL 时使用内置 FerretDB 与 Redis） / start the bot',
    run: async () => {
      const { main } = await import('../main.js');
      await main();
    },
  },
};

/** Later modules add their subcommands here. */
export function registerCommand(name: string, command: Command): void {
  commands[name] = command;
}

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return ['用法 / usage: report-bot <command> [options]', '', ...lines].join('\n');
}

async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(usage());
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`未知命令 / unknown command: ${name}\n\n${usage()}`);
    return 2;
  }
  const code = await command.run(rest);
  return typeof code === 'number' ? code : 0;
}

run(process.argv.slice(2)).then(
  (code) => {
    // `start` keeps running; every other command ends with its own exit code.
    if (process.argv[2] !== 'start') process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
