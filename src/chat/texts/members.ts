/**
 * What the bot says when a command names a person (chat/new-member.ts, and the `设置领导` and
 * `分配` commands that use it): whom we know, whom we cannot find, and the question before an
 * account nobody has seen in the group is added as a member.
 */
export const membersTexts = {
  /** After the first members named in a list, when there are more. */
  andMore: (count: number) => ` 等 ${count} 人`,
  knownMembers: (list: string) => `已知成员：${list}。`,
  noKnownMembers: '还没有已知成员（在群里@我说过话的人会自动成为成员）。',
  /** `known`: the line naming the members we know; `then`: what follows adding, e.g. 设为领导. */
  askAddMember: (userid: string, org: string, known: string, then: string) =>
    [
      `「${userid}」还不是${org}的成员（在群里@我说过话的人才会成为成员）。`,
      known,
      `如果 ${userid} 确是同事的企业微信账号，回复 **确认**，我把 ta 加为成员并${then}；写错了请用上面的名字或账号重新发送，或发送 取消。`,
    ].join('\n'),
  /** A name that matches no member and is no account; `example`: the command written right. */
  memberNotFound: (name: string, known: string, example: string) =>
    `没找到成员「${name}」。${known}\n请写成员的名字或企业微信账号（userid），如：${example}`,
  sayWho: (example: string) => `请写明是谁，如：${example}`,
} as const;
