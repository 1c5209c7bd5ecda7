import { buildDemoCounty, type DemoCounty, type DemoOptions } from '../../src/demo/county-data.js';
import type { Template } from '../../src/report/types.js';
import { loadTemplates } from '../../src/store/template-files.js';

/** The day the small demo counties of the tests are built on. */
export const DEMO_NOW = new Date('2026-12-01T08:00:00Z');

/** A small invented county for tests (青山县, 4 townships × 5 members, one past year, seed 7). */
export function smallDemoCounty(options: Partial<DemoOptions> = {}): {
  template: Template;
  county: DemoCounty;
  now: Date;
} {
  const template = loadTemplates()
    .list()
    .find((t) => t.id === 'township')!;
  const all: DemoOptions = {
    county: '青山县',
    townships: 4,
    membersPerTownship: 5,
    pastYears: 1,
    now: DEMO_NOW,
    seed: 7,
    ...options,
  };
  return { template, county: buildDemoCounty(template, all), now: all.now };
}
