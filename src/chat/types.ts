import type { Answer, Member, Org, Report, Template } from '../report/types.js';
import type { DialogState } from './dialog-state.js';
import type { Operation } from './operations.js';

/** One message to the bot, with the @mention already stripped. */
export interface Turn {
  readonly userid: string;
  readonly chatType: 'group' | 'single';
  /** The group's chat id; absent in single chat. */
  readonly chatId?: string;
  readonly text: string;
  /**
   * A file the user sent (single chat only, per WeCom): its URL points at encrypted bytes and
   * expires 5 minutes after the callback, so the engine hands it straight to a request.
   */
  readonly file?: { readonly url: string; readonly name?: string };
  readonly now: Date;
  /**
   * The bot can post into this chat by itself (the long connection's aibot_send_msg), so
   * reminders and files need no group push webhook.
   */
  readonly botPushes?: boolean;
  /**
   * Where a pasted group-robot address may point (allowed-url.ts entries: the configured WeCom
   * API host); absent, WeCom's own (`qyapi.weixin.qq.com`).
   */
  readonly webhookHosts?: readonly string[];
}

/** Everything the engine may read about one org, loaded by the adapter before the turn. */
export interface OrgScope {
  readonly org: Org;
  /** All members of the org (for names, roles, and resolving `分配 … 给 张三`). */
  readonly members: readonly Member[];
  /** The org's newest open report, or null when it has none yet. */
  readonly report: Report | null;
  /** The template the report was made from (`templates.get(report.templateId, report.templateVersion)`). */
  readonly template: Template | null;
  /** The report's full answer history in write order (append-only; newest standing one is current). */
  readonly answers: readonly Answer[];
  /**
   * Last year's 下一年度主要安排 items imported for the current report (`导入`), in the order
   * written; empty or absent when nothing was imported. Asked about as extra questions while
   * filling part 一 (see `carried.ts`).
   */
  readonly carriedPlans?: readonly string[];
  /** The county the org has joined (`左贡县`), for the default 主送机关; absent when none. */
  readonly countyName?: string;
}

/**
 * What the adapter loads before running a turn:
 *
 * - `orgs` — in a group: the org bound to `turn.chatId` (zero or one entry); in single chat: every
 *   org the user is a member of (usually one). The engine asks which when there are several and
 *   remembers the choice in the dialog state (`DialogState.orgId`).
 * - `templates` — the latest version of every available template (`TemplateRegistry.list()`), for
 *   `新建`; the engine picks township vs department by the org's name or asks.
 * - `dialog` — the user's dialog state (keyed by userid, shared by group and single chat), parsed
 *   with `parseDialog`; null when none. Keep it for days: the engine itself decides when it has
 *   gone stale (2 h of inactivity) and then offers `继续`.
 * - `newId()` — a fresh unique id, used for orgs and reports created in this turn. Ids drawn in a
 *   turn whose ops are not applied are simply never used.
 */
export interface ChatContext {
  readonly orgs: readonly OrgScope[];
  readonly templates: readonly Template[];
  readonly dialog: DialogState | null;
  readonly newId: () => string;
}

/**
 * The outcome of one turn. The adapter applies `ops` in order, saves `dialog` (null = clear it)
 * with compare-and-set, then sends `replies` in order (WeCom markdown, each well under 20 KB).
 */
export interface TurnResult {
  readonly replies: readonly string[];
  readonly ops: readonly Operation[];
  readonly dialog: DialogState | null;
}
