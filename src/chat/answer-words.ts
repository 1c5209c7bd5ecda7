/**
 * Vocabulary of answers: the words an official types for "nothing", "yes" and "no", and the words
 * an answer is stored as (a canonical 无 for "nothing", the 跳过 recorded for a skip). Read and
 * stored, never said: the bot's replies live in texts/.
 */

/** An answer that says there is nothing to report. */
export const NOTHING = /^(无|没有|暂无|无此项|没有此项|不涉及|无相关情况)$/;

/** What a "nothing" answer is stored as, whichever of the words above was typed. */
export const NOTHING_VALUE = '无';

/** The raw text recorded for a skipped question. */
export const SKIPPED_RAW = '跳过';

// Longest alternatives first: a regex takes the first alternative that matches.
export const YES = /^(已开展|已完成|开展了|是的|有的|已经|做了|需要|肯定|是|有|已|对)/;
export const NO = /^(不需要|不是|没有|否|无|未|没|不)/;
