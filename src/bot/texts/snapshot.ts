/**
 * Why a request answered after its turn found nothing to work on (handlers/snapshot.ts): the
 * org of its report or its template went away in between.
 */
export const snapshotTexts = {
  noOrg: '没有找到这份报告所属的单位。',
  templateGone: (templateId: string, version: number) =>
    `报告所用的模板（${templateId} 第${version}版）已不可用，请联系管理员。`,
} as const;
