import type { Answer } from './types.js';

/** The key of one question within a report. */
export function questionKey(sectionId: string, questionId: string): string {
  return `${sectionId}/${questionId}`;
}

/**
 * The current answer to each question, from the append-only history in write order.
 * A retracting answer (`撤销`) withdraws the newest standing answer to its question, so the one
 * before it becomes current again — an undo, not a blank.
 */
export function currentAnswers(history: readonly Answer[]): Map<string, Answer> {
  const stacks = new Map<string, Answer[]>();
  for (const answer of history) {
    const key = questionKey(answer.sectionId, answer.questionId);
    const stack = stacks.get(key) ?? [];
    if (answer.retracts) stack.pop();
    else stack.push(answer);
    stacks.set(key, stack);
  }
  const current = new Map<string, Answer>();
  for (const [key, stack] of stacks) {
    const top = stack.at(-1);
    if (top) current.set(key, top);
  }
  return current;
}
