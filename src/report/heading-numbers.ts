import { chineseOrdinal } from './chinese-numerals.js';

/**
 * The number of the n-th heading at a level, as GB/T 9704-2012 writes the four levels:
 * 一、 （一） 1. （1）. Drafts are numbered with it and the checker measures reports against it.
 */
export function headingNumber(level: 1 | 2 | 3 | 4, n: number): string {
  switch (level) {
    case 1:
      return `${chineseOrdinal(n)}、`;
    case 2:
      return `（${chineseOrdinal(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}
