/** The conversation engine's public surface, for the adapter. */
export { handleTurn } from './engine.js';
export type { ChatContext, OrgScope, Turn, TurnResult } from './types.js';
export type * from './operations.js';
export { applyToScope, applyToScopes } from './scope-reducer.js';
export {
  DIALOG_VERSION,
  STALE_AFTER_MS,
  parseDialog,
  type DialogState,
  type FillState,
  type Pending,
} from './dialog-state.js';
export {
  CARRIED_PREFIX,
  isCarriedQuestion,
  placeCarriedPlans,
  type CarriedPlacement,
} from './carried.js';
