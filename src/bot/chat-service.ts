import { handleTurn } from '../chat/engine.js';
import type { Operation } from '../chat/operations.js';
import type { Turn } from '../chat/types.js';
import type { Logger } from '../logger.js';
import { DialogConflictError, type DialogTurn } from '../store/dialogs.js';
import { isStoreUnavailable, StoreUnavailableError } from '../store/unavailable.js';
import type { Repositories } from '../store/repositories.js';
import { applyOperations, isRequest, type Request } from './apply.js';
import { loadContext } from './context.js';
import type { ScopeCache } from './scope-cache.js';
import { foldOf, type ScopeFold } from './scope-fold.js';
import { changedReports, resumedReports, type ReportEvents } from './report-events.js';
import {
  fulfil,
  isChart,
  isImage,
  isText,
  runsInTurn,
  type ImageReply,
  type RequestHandlers,
  type RequestReply,
} from './requests.js';
import type { TemplateSource } from './templates.js';
import { responderTexts } from './texts/responder.js';

export interface TurnReplies {
  /** Replies to show at once. */
  readonly replies: readonly string[];
  /** Images to show under them at once (the chart under a group's 进度). */
  readonly images?: readonly ImageReply[];
  /** Replies of slow requests (drafts, summaries, with their charts), delivered when ready. */
  readonly later?: Promise<RequestReply[]>;
}

export interface ChatServiceDeps {
  readonly repos: Repositories;
  readonly templates: TemplateSource;
  readonly handlers: RequestHandlers;
  readonly log: Logger;
  /** Follow-ups of a changed report (re-planning its reminders). */
  readonly events?: ReportEvents;
  /** Org scopes kept between turns, vouched for by a revision in Redis. */
  readonly cache?: ScopeCache;
}

/**
 * One user turn end to end: load what the engine may read, run the pure engine, apply its
 * operations (each one atomic), run the requests that write (imports, joining a county,
 * invitation codes) while the turn still holds the user's place, save the dialog, and hand the
 * slow read-only requests (drafts, checks, summaries) to their handlers.
 * Callers serialise turns per user (the Responder's per-user queue) and dedupe by msgid.
 */
export class ChatService {
  readonly #repos: Repositories;
  readonly #templates: TemplateSource;
  readonly #handlers: RequestHandlers;
  readonly #log: Logger;
  readonly #events: ReportEvents | undefined;
  readonly #cache: ScopeCache | undefined;

  constructor(deps: ChatServiceDeps) {
    this.#repos = deps.repos;
    this.#templates = deps.templates;
    this.#handlers = deps.handlers;
    this.#log = deps.log;
    this.#events = deps.events;
    this.#cache = deps.cache;
  }

  async handle(msgid: string, turn: Turn): Promise<TurnReplies> {
    try {
      const { context, dialogVersion, lastTurn } = await loadContext(
        this.#repos,
        this.#templates,
        turn,
        this.#cache,
      );
      // This very turn already ran to its dialog save (a re-sent callback after a crash): its
      // effects are stored; answer what it answered, never run it on the state it moved on.
      // Its slow requests went down with the crashed run: make them again (they only read, and
      // a draft is stored once per turn).
      if (lastTurn?.key === msgid) {
        const again = (lastTurn.slow ?? []).map(reviveRequest);
        if (again.length === 0) return { replies: lastTurn.replies };
        return { replies: lastTurn.replies, later: this.#fulfil(again, msgid) };
      }
      const result = handleTurn(turn, context);
      const touched = touchedOrgs(context.orgs, result.ops);
      let outcome: Awaited<ReturnType<typeof applyOperations>>;
      let replies: readonly string[] = result.replies;
      let slow: readonly Request[] = [];
      let charts: readonly Request[] = [];
      let fold: ScopeFold | undefined;
      try {
        outcome = await applyOperations(this.#repos, result.ops, msgid);
        if (outcome.kind === 'applied') {
          // A replay may find its answers already in the cached scope: reload rather than fold.
          if (!outcome.replayed) fold = foldOf(result.ops);
          // Requests that write what the next turn reads run here, inside the user's ordering.
          const now = outcome.requests.filter(runsInTurn);
          charts = outcome.requests.filter(isChart);
          slow = outcome.requests.filter((r) => !runsInTurn(r) && !isChart(r));
          if (now.length > 0) {
            replies = [...replies, ...(await this.#fulfil(now, msgid)).filter(isText)];
          }
        }
      } finally {
        // Once per turn, after every write of it (even a turn cut short by a lost claim may
        // have written before it).
        await this.#bump(touched, msgid, fold);
      }
      if (outcome.kind === 'taken') return { replies: [outcome.reply] };
      // A turn outside any dialog that starts none (进度, 帮助) has nothing to save.
      if (result.dialog !== null || context.dialog !== null) {
        await this.#saveDialog(turn, dialogVersion, result.dialog, { key: msgid, replies, slow });
      }
      this.#notifyChanged(result.ops, msgid);
      const images = await this.#charts(charts, msgid);
      const shown = { replies, ...(images.length > 0 ? { images } : {}) };
      if (slow.length === 0) return shown;
      return { ...shown, later: this.#fulfil(slow, msgid) };
    } catch (err) {
      // A store that is down is bad luck, not a bug: the adapter runs the turn again (every
      // write is idempotent by its op key) or tells the user to re-send.
      if (isStoreUnavailable(err)) throw new StoreUnavailableError(err);
      this.#log.error({ err, msgid }, 'turn failed');
      return { replies: [responderTexts.error] };
    }
  }

  /** A request that fails is logged and answered with the apology; the turn's writes stand. */
  async #fulfil(requests: readonly Request[], msgid: string): Promise<RequestReply[]> {
    return fulfil(this.#handlers, requests, { turnKey: msgid }).catch((err: unknown) => {
      if (isStoreUnavailable(err)) throw new StoreUnavailableError(err);
      this.#log.error({ err, msgid }, 'request failed');
      return [responderTexts.error];
    });
  }

  /** The turn's charts; one that fails leaves the text alone (it says it all). */
  async #charts(requests: readonly Request[], msgid: string): Promise<ImageReply[]> {
    if (requests.length === 0) return [];
    try {
      return (await fulfil(this.#handlers, requests)).filter(isImage);
    } catch (err) {
      if (isStoreUnavailable(err)) throw new StoreUnavailableError(err);
      this.#log.warn({ err, msgid }, 'chart not drawn; the text goes alone');
      return [];
    }
  }

  async #bump(orgIds: readonly string[], msgid: string, fold?: ScopeFold): Promise<void> {
    if (!this.#cache || orgIds.length === 0) return;
    await this.#cache.bump(orgIds, fold).catch((err: unknown) => {
      this.#log.warn({ err, msgid }, 'could not mark cached orgs stale');
    });
  }

  /** Follow-ups run in the background: the user's answer is already safe, the reply not delayed. */
  #notifyChanged(ops: Parameters<typeof changedReports>[0], msgid: string): void {
    const events = this.#events;
    if (!events) return;
    const follow = (reportId: string, work: Promise<unknown>) =>
      work.catch((err: unknown) => {
        this.#log.warn({ err, reportId, msgid }, 'report follow-up failed');
      });
    const resumed = new Set(resumedReports(ops));
    for (const reportId of resumed) {
      if (events.resumed) void follow(reportId, events.resumed(reportId));
    }
    for (const reportId of changedReports(ops)) {
      if (!resumed.has(reportId)) void follow(reportId, events.changed(reportId));
    }
  }

  /**
   * Operations are applied before the dialog is saved, so an acknowledged answer is never lost.
   * Turns of one user are serialised upstream; should a save still race, the newest turn wins.
   */
  async #saveDialog(turn: Turn, version: number, dialog: unknown, self: DialogTurn): Promise<void> {
    try {
      await this.#repos.dialogs.save(turn.userid, version, dialog, turn.now, self);
    } catch (err) {
      if (!(err instanceof DialogConflictError)) throw err;
      const current = await this.#repos.dialogs.load(turn.userid);
      // Our own earlier run got this far before it died: the save is done, not a failure (F2).
      if (current?.lastTurn?.key === self.key) return;
      this.#log.warn({ userid: turn.userid }, 'dialog saved concurrently; keeping the newest turn');
      await this.#repos.dialogs.save(turn.userid, current?.version ?? 0, dialog, turn.now, self);
    }
  }
}

/** A request as the dialog store gives it back: its time as a Date again. */
function reviveRequest(raw: unknown): Request {
  const req = raw as Request;
  return { ...req, at: new Date(req.at) };
}

/** The orgs a turn may have written to: those it read, and any its operations name; none when it only read. */
function touchedOrgs(
  scopes: readonly { org: { id: string } }[],
  ops: readonly Operation[],
): string[] {
  // Requests that only read (drafts, summaries) change nothing a cached scope holds.
  if (!ops.some((op) => !isRequest(op) || runsInTurn(op))) return [];
  const ids = new Set(scopes.map((s) => s.org.id));
  for (const op of ops) {
    if ('orgId' in op && typeof op.orgId === 'string') ids.add(op.orgId);
    if (op.op === 'createReport') ids.add(op.report.orgId);
  }
  return [...ids];
}
