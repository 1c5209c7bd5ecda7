import type { Operation } from '../chat/operations.js';
import { applyToScope } from '../chat/scope-reducer.js';
import type { Org } from '../report/types.js';
import { isRequest } from './apply.js';
import { runsInTurn } from './requests.js';
import type { CachedScope } from './scope-cache.js';

/**
 * The writes whose effect on a stored scope the engine's reducer (chat/scope-reducer.ts) gives
 * exactly: folding them into the scope a turn wrote against yields what a reload would read
 * (tests/bot/scope-fold.test.ts holds the two side by side). The others change what the reducer
 * does not hold (a new report and its template, a bound chat, a webhook, paused reminders, an
 * import or a county join run in the turn), and the cached scope is reloaded after them.
 */
const FOLDABLE: ReadonlySet<Operation['op']> = new Set<Operation['op']>([
  'appendAnswer',
  'addMember',
  'grantRole',
  'assignSection',
  'claimSection',
  'setSectionStatus',
  'setDeadline',
  'setReportFormat',
]);

/** A cached scope with one turn's writes folded in; `undefined` when it must be reloaded. */
export type ScopeFold = (orgId: string, scope: CachedScope) => CachedScope | undefined;

/**
 * How a turn's writes carry into the cached scopes they touched, when every one of them can be
 * folded; `undefined` otherwise. Requests that only read change no scope.
 */
export function foldOf(ops: readonly Operation[]): ScopeFold | undefined {
  const foldable = ops.every((op) => (isRequest(op) ? !runsInTurn(op) : FOLDABLE.has(op.op)));
  if (!foldable) return undefined;
  return (orgId, scope) => {
    // Foldable writes read only the org's id and change nothing of the org (kept by the entry).
    const start = { org: orgStub(orgId), ...scope };
    const { org: _org, ...folded } = ops.reduce(applyToScope, start);
    return folded;
  };
}

function orgStub(id: string): Org {
  return { id, name: '', kind: 'township', chatIds: [], hasWebhook: false };
}
