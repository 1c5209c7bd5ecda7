import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import extractDepcruiseConfig from 'dependency-cruiser/config-utl/extract-depcruise-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer rules `npm run lint` enforces (.dependency-cruiser.mjs), run on small trees shaped
 * like src/: a wrong-way import is reported under the rule it breaks, a right-way one is not.
 */
let root: string;
let forbidden: IForbiddenRuleType[];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'layers-'));
  forbidden =
    (await extractDepcruiseConfig(path.resolve('.dependency-cruiser.mjs'))).forbidden ?? [];
  expect(forbidden.length).toBeGreaterThan(5);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Writes `files` (path under the tree → source) into a fresh tree and cruises its src/. */
async function violations(name: string, files: Record<string, string>) {
  const base = path.join(root, name);
  for (const [file, source] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(base, file)), { recursive: true });
    await writeFile(path.join(base, file), source);
  }
  const { output } = await cruise(['src'], {
    baseDir: base,
    validate: true,
    ruleSet: { forbidden },
    tsPreCompilationDeps: true,
  });
  const result = output as ICruiseResult;
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe('layer rules', () => {
  it('refuse an import of store/ from deep inside the pure core', async () => {
    const found = await violations('core', {
      'src/store/mongo.ts': 'export const connect = () => 1;\n',
      'src/report/compose/draft.ts':
        "import { connect } from '../../store/mongo';\nexport const x = connect;\n",
    });
    expect(found).toEqual(['core-is-pure: src/report/compose/draft.ts → src/store/mongo.ts']);
  });

  it('refuse bot/ reaching up into a transport and production code using devtools/', async () => {
    const found = await violations('up', {
      'src/http/route.ts': 'export const route = 1;\n',
      'src/devtools/standin.ts': 'export const standin = 1;\n',
      'src/bot/turn.ts':
        "import { route } from '../http/route';\nimport { standin } from '../devtools/standin';\nexport const x = [route, standin];\n",
    });
    expect(found).toContain('bot-is-below-transport: src/bot/turn.ts → src/http/route.ts');
    expect(found).toContain(
      'devtools-only-from-dev-entry: src/bot/turn.ts → src/devtools/standin.ts',
    );
  });

  it('refuse schedule/ building a store repository, but let it name one as a type', async () => {
    const found = await violations('schedule', {
      'src/store/orgs.ts': 'export class OrgRepository {}\n',
      'src/schedule/runner.ts':
        "import { OrgRepository } from '../store/orgs';\nexport const make = () => new OrgRepository();\n",
      'src/schedule/source.ts':
        "import type { OrgRepository } from '../store/orgs';\nexport type Orgs = OrgRepository;\n",
    });
    expect(found).toEqual([
      'schedule-builds-no-repository: src/schedule/runner.ts → src/store/orgs.ts',
    ]);
  });

  it('refuse an import cycle, but not one made only of type imports', async () => {
    const found = await violations('cycle', {
      'src/report/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'src/report/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
      'src/report/c.ts': "import type { D } from './d';\nexport type C = D | 1;\n",
      'src/report/d.ts': "import type { C } from './c';\nexport type D = C | 2;\n",
    });
    expect(found.map((v) => v.split(':')[0])).toEqual(['no-circular']);
    expect(found.every((v) => /src\/report\/[ab]\.ts/.test(v))).toBe(true);
  });

  it('let imports that point down pass', async () => {
    const found = await violations('down', {
      'src/report/types.ts': 'export type Report = { id: string };\n',
      'src/chat/engine.ts':
        "import type { Report } from '../report/types';\nexport type R = Report;\n",
      'src/bot/turn.ts': "import type { R } from '../chat/engine';\nexport type T = R;\n",
      'src/http/route.ts': "import type { T } from '../bot/turn';\nexport type H = T;\n",
    });
    expect(found).toEqual([]);
  });
});
