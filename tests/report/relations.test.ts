import { describe, expect, it } from 'vitest';
import { parseQuantity } from '../../src/report/numbers.js';
import { checkRelations, deriveRate, deriveRates } from '../../src/report/relations.js';
import type { Quantity } from '../../src/report/types.js';
import { fixtureTemplate } from './fixture-template.js';

const disputes = fixtureTemplate.parts[0]!.sections.find((s) => s.id === '1.5')!;

function q(text: string): Quantity {
  const r = parseQuantity(text);
  if (!r.ok) throw new Error(`fixture figure did not parse: ${text}`);
  return r.quantity;
}

function values(entries: Record<string, string>): Map<string, Quantity> {
  return new Map(Object.entries(entries).map(([k, v]) => [k, q(v)]));
}

describe('checkRelations: lte', () => {
  it('asks when more were resolved than found', () => {
    const problems = checkRelations(
      disputes,
      values({ disputes_found: '35起', disputes_resolved: '40起' }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'lte' });
    expect(problems[0]!.message).toBe('化解数（40起）比排查数（35起）还多，请核对一下？');
  });

  it('accepts equal counts and counts not yet answered', () => {
    expect(
      checkRelations(disputes, values({ disputes_found: '35起', disputes_resolved: '35起' })),
    ).toEqual([]);
    expect(checkRelations(disputes, values({ disputes_resolved: '40起' }))).toEqual([]);
  });
});

describe('checkRelations: rate', () => {
  it('accepts a rate within half a point of its counts', () => {
    const v = values({
      disputes_found: '18起',
      disputes_resolved: '17起',
      mediation_rate: '94.4%',
    });
    expect(checkRelations(disputes, v)).toEqual([]);
  });

  it('accepts a hedged rate the counts satisfy (94%以上 for 17 of 18)', () => {
    const v = values({
      disputes_found: '18起',
      disputes_resolved: '17起',
      mediation_rate: '94%以上',
    });
    expect(checkRelations(disputes, v)).toEqual([]);
  });

  it('asks when the stated rate is more than half a point off', () => {
    const v = values({ disputes_found: '18起', disputes_resolved: '17起', mediation_rate: '98%' });
    const problems = checkRelations(disputes, v);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'rate', derived: { value: 94.4, unit: '%' } });
    expect(problems[0]!.message).toBe(
      '调解成功率填的是98%，但按化解数17起、排查数18起计算应为94.4%，请核对一下？',
    );
  });

  it('asks when a rate claimed 以上 is above what the counts give', () => {
    const v = values({
      disputes_found: '20起',
      disputes_resolved: '15起',
      mediation_rate: '90%以上',
    });
    expect(checkRelations(disputes, v).map((p) => p.kind)).toEqual(['rate']);
  });

  it('does not judge a rate against hedged counts', () => {
    const v = values({
      disputes_found: '30余起',
      disputes_resolved: '20余起',
      mediation_rate: '95%',
    });
    expect(checkRelations(disputes, v)).toEqual([]);
  });

  it('reports both problems when resolved exceed found and a rate is given', () => {
    const v = values({ disputes_found: '10起', disputes_resolved: '12起', mediation_rate: '100%' });
    expect(checkRelations(disputes, v).map((p) => p.kind)).toEqual(['lte']);
  });
});

describe('deriveRate', () => {
  it('computes a percent to one decimal from exact counts', () => {
    expect(deriveRate(q('17起'), q('18起'))).toMatchObject({ value: 94.4, unit: '%' });
    expect(deriveRate(q('35起'), q('35起'))).toMatchObject({ value: 100, unit: '%' });
    expect(deriveRate(q('0起'), q('12起'))).toMatchObject({ value: 0 });
  });

  it('gives nothing when the rate cannot be known', () => {
    expect(deriveRate(q('3起'), q('0起'))).toBeUndefined();
    expect(deriveRate(q('70余起'), q('80起'))).toBeUndefined();
    expect(deriveRate(q('12起'), q('10起'))).toBeUndefined();
  });

  it('fills a section’s missing rate from its counts, and leaves a stated one alone', () => {
    const derived = deriveRates(
      disputes,
      values({ disputes_found: '18起', disputes_resolved: '17起' }),
    );
    expect(derived.get('mediation_rate')).toMatchObject({ value: 94.4, unit: '%' });
    const stated = deriveRates(
      disputes,
      values({ disputes_found: '18起', disputes_resolved: '17起', mediation_rate: '94%' }),
    );
    expect(stated.size).toBe(0);
  });
});
