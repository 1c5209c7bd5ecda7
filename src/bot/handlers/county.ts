import { formatChineseDate, shanghaiDate } from '../../report/dates.js';
import type { Logger } from '../../logger.js';
import type { Repositories } from '../../store/repositories.js';
import type { RequestHandlers } from '../requests.js';
import { countyMembershipTexts } from '../texts/county-membership.js';

export interface CountyHandlerDeps {
  readonly repos: Repositories;
  readonly log?: Pick<Logger, 'info'>;
}

/** How long a code lasts; the store's default, repeated here because the reply states it. */
const TTL_DAYS = 30;

/**
 * `邀请码` and `加入 <code>`: the county roll-up membership. The engine has checked roles and
 * org kinds from what it loaded; these re-check against the store, since the reply must be right
 * even if an org changed between the turn and the request.
 */
export function countyHandlers(
  deps: CountyHandlerDeps,
): Required<Pick<RequestHandlers, 'issueInvitation' | 'joinCounty'>> {
  const { repos, log } = deps;
  return {
    async issueInvitation(req) {
      const county = await repos.orgs.get(req.orgId);
      if (county?.kind !== 'county') {
        return [countyMembershipTexts.invitationOnlyForCounty];
      }
      const code = await repos.invitations.issue(county.id, req.by, req.at, TTL_DAYS);
      log?.info({ orgId: county.id, by: req.by }, 'invitation issued');
      const until = formatChineseDate(
        shanghaiDate(new Date(req.at.getTime() + TTL_DAYS * 86_400_000)),
        true,
      );
      return [countyMembershipTexts.invitationIssued(code, TTL_DAYS, until)];
    },

    async joinCounty(req) {
      const org = await repos.orgs.get(req.orgId);
      if (!org) return [countyMembershipTexts.noOrg];
      // Checked before redeeming, so a county that tries its own code does not use it up.
      if (org.kind === 'county') {
        return [countyMembershipTexts.countyCannotJoin];
      }
      const redeemed = await repos.invitations.redeem(req.code, req.at);
      if (!redeemed.ok) {
        return redeemed.reason === 'expired'
          ? [countyMembershipTexts.codeExpired(TTL_DAYS)]
          : [countyMembershipTexts.codeUnknown];
      }
      const county = await repos.orgs.get(redeemed.countyOrgId);
      if (!county || county.kind !== 'county' || county.id === org.id) {
        return [countyMembershipTexts.codeNotFromCounty];
      }
      const previous =
        org.parentId && org.parentId !== county.id ? await repos.orgs.get(org.parentId) : undefined;
      await repos.orgs.setParent(org.id, county.id);
      log?.info({ orgId: org.id, countyOrgId: county.id, by: req.by }, 'org joined county');
      return [
        previous
          ? countyMembershipTexts.joinedMoved(county.name, org.name, previous.name)
          : countyMembershipTexts.joined(county.name, org.name),
      ];
    },
  };
}
