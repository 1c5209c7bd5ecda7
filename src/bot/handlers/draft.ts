import { officeKindOf } from '../../report/office.js';
import { composeDraft } from '../../report/compose/index.js';
import { chatPreview, draftText, toDocx } from '../../report/export/index.js';
import { exportTexts } from '../../report/export/texts.js';
import { shanghaiDate, shanghaiTime } from '../../report/dates.js';
import type { Logger } from '../../logger.js';
import { draftFileName, draftLink, type DraftLinkSigner } from '../draft-links.js';
import type { Repositories } from '../../store/repositories.js';
import type { GroupPusher } from '../../wecom/outbound/index.js';
import type { Request } from '../apply.js';
import type { RequestContext } from '../requests.js';
import type { TemplateSource } from '../templates.js';
import { draftTexts } from '../texts/draft.js';
import { countyNameOf, loadSnapshot, type ReportSnapshot } from './snapshot.js';
import type { Draft } from '../../report/compose/index.js';

export interface DraftLinks {
  readonly publicBaseUrl: string;
  readonly signer: DraftLinkSigner;
  readonly ttlSeconds: number;
}

export interface DraftHandlerDeps {
  readonly repos: Repositories;
  readonly templates: TemplateSource;
  readonly links: DraftLinks;
  /** Sends the .docx to the group when the org has a push webhook. */
  readonly pusher?: Pick<GroupPusher, 'sendFile'>;
  /** The long connection's push: when this instance holds it, the .docx goes this way first. */
  readonly chatPusher?: {
    available(): boolean;
    sendFile(chat: string, file: { filename: string; data: Buffer }): Promise<unknown>;
  };
  readonly log: Logger;
}

type DraftRequest = Extract<Request, { op: 'requestDraft' }>;
type CheckRequest = Extract<Request, { op: 'requestCheck' }>;

/** Composes the report as it stands, with today's (Asia/Shanghai) date as the 成文日期. */
export function composeCurrent(snapshot: ReportSnapshot, at: Date, countyName?: string): Draft {
  return composeDraft({
    template: snapshot.template,
    report: snapshot.report,
    answers: snapshot.answers,
    members: snapshot.members,
    org: {
      name: snapshot.org.name,
      office: officeKindOf(snapshot.report, snapshot.template),
      ...(snapshot.report.signing ? { signing: snapshot.report.signing } : {}),
      ...(snapshot.report.addressee !== undefined ? { addressee: snapshot.report.addressee } : {}),
      ...(countyName ? { countyName } : {}),
    },
    issuedOn: shanghaiDate(at),
  });
}

async function countyOf(
  repos: Repositories,
  snapshot: ReportSnapshot,
): Promise<string | undefined> {
  const parent = snapshot.org.parentId ? await repos.orgs.get(snapshot.org.parentId) : undefined;
  return countyNameOf(parent?.name);
}

/**
 * `生成草稿`: compose, store as the next version, answer with the chat preview and a signed link,
 * and drop the .docx into the group when it has a push webhook (best effort: the link is enough).
 */
export function draftHandler(
  deps: DraftHandlerDeps,
): (req: DraftRequest, ctx?: RequestContext) => Promise<string[]> {
  return async (req, ctx) => {
    const snapshot = await loadSnapshot(deps.repos, deps.templates, req.reportId);
    const draft = composeCurrent(snapshot, req.at, await countyOf(deps.repos, snapshot));
    const docx = await toDocx(draft);
    const stored = await deps.repos.drafts.saveDraft({
      reportId: snapshot.report.id,
      title: draft.title,
      markdown: chatPreview(draft),
      docx,
      createdAt: req.at,
      createdBy: req.deliverTo.userid,
      // A turn re-run after a takeover gets the version its first run stored, not another.
      ...(ctx?.turnKey ? { turnKey: ctx.turnKey } : {}),
    });
    const link = draftLink(
      deps.links.publicBaseUrl,
      stored.reportId,
      stored.version,
      deps.links.ttlSeconds,
      deps.links.signer,
      req.at,
    );
    const header = draftTexts.generated(
      stored.version,
      draft.missing.length > 0
        ? exportTexts.stillMissing(draft.missing.length)
        : draftTexts.allFilled,
    );
    const replies = [`${header}\n\n${chatPreview(draft, { fullDocumentUrl: link })}`];
    if (req.deliverTo.chatType === 'group') {
      const sent = await sendToGroup(
        deps,
        snapshot,
        req.deliverTo.chatId,
        draftFileName(stored),
        docx,
      );
      if (sent) replies.push(draftTexts.fileSentToGroup);
    }
    return replies;
  };
}

async function sendToGroup(
  deps: DraftHandlerDeps,
  snapshot: ReportSnapshot,
  chatId: string | undefined,
  filename: string,
  data: Buffer,
): Promise<boolean> {
  // The long connection needs no webhook: upload the file and send it into the asking group.
  if (chatId && deps.chatPusher?.available()) {
    try {
      await deps.chatPusher.sendFile(chatId, { filename, data });
      return true;
    } catch (err) {
      deps.log.warn(
        { err, orgId: snapshot.org.id },
        'draft file push over the long connection failed',
      );
    }
  }
  if (!deps.pusher || !snapshot.org.hasWebhook) return false;
  const key = await deps.repos.orgs.webhookKey(snapshot.org.id);
  if (!key) return false;
  try {
    await deps.pusher.sendFile({ id: snapshot.org.id, key }, { filename, data });
    return true;
  } catch (err) {
    deps.log.warn({ err, orgId: snapshot.org.id }, 'draft file push failed');
    return false;
  }
}

/** `草稿 历史`: the stored versions, newest first, each with a fresh link. */
export function draftHistoryHandler(
  deps: Pick<DraftHandlerDeps, 'repos' | 'links'>,
): (req: { reportId: string; at: Date }) => Promise<string[]> {
  return async (req) => {
    const list = await deps.repos.drafts.listDrafts(req.reportId);
    if (list.length === 0) return [draftTexts.noDraftYet];
    const newest = [...list].sort((a, b) => b.version - a.version).slice(0, 10);
    const lines = [draftTexts.historyHead(list.length)];
    for (const d of newest) {
      const link = draftLink(
        deps.links.publicBaseUrl,
        d.reportId,
        d.version,
        deps.links.ttlSeconds,
        deps.links.signer,
        req.at,
      );
      lines.push(
        draftTexts.historyLine(
          d.version,
          shanghaiDate(d.createdAt),
          shanghaiTime(d.createdAt),
          link,
        ),
      );
    }
    if (list.length > newest.length)
      lines.push(draftTexts.historyMore(list.length - newest.length));
    return [lines.join('\n')];
  };
}

/** `检查`: the checker on the draft as it would be composed now. */
export function checkHandler(
  deps: Pick<DraftHandlerDeps, 'repos' | 'templates'>,
  check: (text: string, year: number) => string,
): (req: CheckRequest) => Promise<string[]> {
  return async (req) => {
    const snapshot = await loadSnapshot(deps.repos, deps.templates, req.reportId);
    const draft = composeCurrent(snapshot, req.at, await countyOf(deps.repos, snapshot));
    return [check(draftText(draft), snapshot.report.year)];
  };
}
