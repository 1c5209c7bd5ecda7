/**
 * The layers of src/, enforced by `npm run lint` (dependency-cruiser). Imports point down:
 *
 *   entry      main.ts, server.ts, cli/, devtools/, demo/: wiring, commands, simulator, stand-ins
 *   transport  http/                                  Koa: the WeCom callback route, drafts, health
 *   bot        bot/ (bot/responder/ its front door)   one message → effects → one reply
 *   adapters   store/, schedule/, wecom/, localstack/, charts/: MongoDB, Redis jobs, WeCom, PNG charts
 *   core       chat/, report/                         pure: plain data in, plain data out
 *   shared     config.ts, logger.ts, env-file.ts, redis-script.ts: used by every layer but the core
 *
 * docs/architecture.md draws the same picture; change both together.
 * tests/lint/layers.test.ts proves that a wrong-way import fails.
 */
const ENTRY = '^src/(main|server)\\.ts$|^src/(cli|devtools|demo)/';
/** Any folder not named here (a new transport, say) is treated like http/: above bot/. */
const TRANSPORT = '^src/http/';
const BOT = '^src/bot/';
const ADAPTERS = '^src/(store|schedule|wecom|localstack|charts)/';
const CORE = '^src/(chat|report)/';
const SHARED = '^src/(config|logger|env-file|redis-script)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'chat/ and report/ depend only on each other: do I/O in an adapter.',
      severity: 'error',
      from: { path: CORE },
      to: { path: '^src/', pathNot: CORE },
    },
    {
      name: 'report-is-the-bottom',
      comment: 'report/ is the bottom: it does not reach into chat/.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/chat/' },
    },
    {
      name: 'shared-is-a-leaf',
      comment: 'config, logger and env-file are used by every layer and use none.',
      severity: 'error',
      from: { path: SHARED },
      to: { path: '^src/', pathNot: SHARED },
    },
    {
      name: 'adapters-do-not-reach-up',
      comment: 'store/, schedule/, wecom/, localstack/ serve the bot; they never call into it.',
      severity: 'error',
      from: { path: ADAPTERS },
      to: { path: '^src/', pathNot: `${ADAPTERS}|${CORE}|${SHARED}` },
    },
    {
      name: 'adapters-stay-apart',
      comment:
        'Adapters do not use each other, except: schedule/ pushes reminders through the ' +
        'wecom/ outbound client and reads store/ types (repositories are built by store/, ' +
        'wired in main.ts).',
      severity: 'error',
      from: { path: '^src/(store|wecom|localstack|charts)/' },
      to: { path: ADAPTERS, pathNot: '^src/$1/' },
    },
    {
      name: 'schedule-builds-no-repository',
      comment: 'schedule/ is handed its repositories; it imports store/ for types only.',
      severity: 'error',
      from: { path: '^src/schedule/' },
      to: { path: '^src/store/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'schedule-uses-only-wecom-and-store',
      severity: 'error',
      from: { path: '^src/schedule/' },
      to: { path: '^src/localstack/' },
    },
    {
      name: 'bot-is-below-transport',
      comment:
        'bot/ knows no transport: http/ (or any other transport folder) calls the Responder, ' +
        'never the other way round. bot/ imports only itself, adapters, the core and shared.',
      severity: 'error',
      from: { path: BOT },
      to: { path: '^src/', pathNot: `${BOT}|${ADAPTERS}|${CORE}|${SHARED}` },
    },
    {
      name: 'transport-is-below-entry',
      severity: 'error',
      from: { path: TRANSPORT },
      to: { path: ENTRY },
    },
    {
      name: 'devtools-only-from-dev-entry',
      comment:
        'The simulator and the WeCom stand-ins are for tests and `npm run chat` only: ' +
        'production code never imports src/devtools/.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(devtools/|cli/commands/chat\\.ts$)' },
      to: { path: '^src/devtools/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles at run time (a cycle through type-only imports is erased).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
