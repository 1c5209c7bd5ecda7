/** What fills `{holder}` in the engine's "section already taken" reply (apply.ts). */
export const claimTexts = {
  /** The store cannot say who holds the section. */
  someoneElse: '别人',
} as const;
