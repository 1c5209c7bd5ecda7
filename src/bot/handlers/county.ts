import { formatChineseDate, shanghaiDate } from '../../report/dates.js';
import type { Logger } from '../../logger.js';
import type { Repositories } from '../../store/repositories.js';
import type { RequestHandlers } from '../requests.js';

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
        return ['邀请码只能由县级单位（依法治县办）生成。'];
      }
      const code = await repos.invitations.issue(county.id, req.by, req.at, TTL_DAYS);
      log?.info({ orgId: county.id, by: req.by }, 'invitation issued');
      const until = formatChineseDate(
        shanghaiDate(new Date(req.at.getTime() + TTL_DAYS * 86_400_000)),
        true,
      );
      return [
        [
          `🔑 邀请码：**${code}**`,
          `请乡镇（街道）或部门的管理员在本单位工作群里 @我 发送：加入 ${code}`,
          `${TTL_DAYS}天内有效（到 ${until}），只能用一次；每个单位一个码，再要请发送 邀请码。`,
        ].join('\n'),
      ];
    },

    async joinCounty(req) {
      const org = await repos.orgs.get(req.orgId);
      if (!org) return ['没有找到本单位，请先在本群新建报告。'];
      // Checked before redeeming, so a county that tries its own code does not use it up.
      if (org.kind === 'county') {
        return ['县级单位不能加入别的县级汇总。邀请乡镇、部门请发送 邀请码。'];
      }
      const redeemed = await repos.invitations.redeem(req.code, req.at);
      if (!redeemed.ok) {
        return redeemed.reason === 'expired'
          ? [`邀请码已过期（${TTL_DAYS}天有效），请向县里（依法治县办）要一个新的。`]
          : ['邀请码不存在或已用过，请核对，或向县里（依法治县办）要一个新的。'];
      }
      const county = await repos.orgs.get(redeemed.countyOrgId);
      if (!county || county.kind !== 'county' || county.id === org.id) {
        return ['这个邀请码不是县级单位发的，无法加入。请向县里（依法治县办）要一个新的。'];
      }
      const previous =
        org.parentId && org.parentId !== county.id ? await repos.orgs.get(org.parentId) : undefined;
      await repos.orgs.setParent(org.id, county.id);
      log?.info({ orgId: org.id, countyOrgId: county.id, by: req.by }, 'org joined county');
      const moved = previous ? `（已不再计入 ${previous.name}）` : '';
      return [
        `✅ 已加入 ${county.name}的汇总${moved}。县里发送 全县进度、全县汇总 时会看到${org.name}的进度和数据。`,
      ];
    },
  };
}
