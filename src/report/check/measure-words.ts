/**
 * Vocabulary, not text: measure words the rules read after a figure. Which ones count cases (so
 * a rate may compare them), which ones turn `x`/`*` before them into a number placeholder, and
 * the unit a bare figure in a table gets when its header names none.
 */

/** Counts of disputes, petitions and cases; a rate compares two of these. */
export const COUNT_UNITS: ReadonlySet<string> = new Set([
  '件',
  '起',
  '宗',
  '例',
  '件次',
  '个',
  '项',
  '条',
  '次',
]);

/** A table cell `35` under a header without a unit (排查数 | 35) counts cases. */
export const DEFAULT_COUNT_UNIT = '件';

/** After these, `x` or `*` stands for a number still to be written: x件, *次, x%. */
export const PLACEHOLDER_UNITS = '件次人名个项场起份条户期家所批篇册%％';
