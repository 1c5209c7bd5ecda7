import { formatChineseDate } from './dates.js';
import { deadlineTexts } from './texts/deadline.js';

/**
 * `距截止还有30天（2月26日）`, `今天截止（2月26日）`, `已逾期3天（2月26日截止）`: one sentence for
 * every view, so an official reads the deadline the same way in the chat, the chart and the page.
 */
export function deadlineText(daysLeft: number, deadline: string): string {
  const date = formatChineseDate(deadline);
  if (daysLeft > 0) return deadlineTexts.daysLeft(daysLeft, date);
  if (daysLeft === 0) return deadlineTexts.dueToday(date);
  return deadlineTexts.overdue(-daysLeft, date);
}
