import { Document, Packer, Paragraph } from 'docx';

/**
 * A made-up township report for import tests, written for these tests only. Its part 四 holds
 * three plans in 一是/二是/三是 form; pass other plans to tell two imports apart.
 */
export const LAST_YEAR_PLANS = [
  '完善合法性审查机制，重大决策事项审查率达到百分之百',
  '深化矛盾纠纷排查化解，推动人民调解组织覆盖所有行政村',
  '加快建设智慧政务平台，让群众少跑腿',
] as const;

export function lastYearReportLines(plans: readonly string[] = LAST_YEAR_PLANS): string[] {
  const ordinals = ['一', '二', '三', '四', '五', '六'];
  const planText = plans.map((p, i) => `${ordinals[i] ?? '十'}是${p}。`).join('');
  return [
    '青石镇2025年法治政府建设情况报告',
    '县委、县人民政府：',
    '2025年，我镇坚持把法治建设摆在全局工作的重要位置，现将有关情况报告如下。',
    '一、2025年推进法治政府建设的主要举措和成效',
    '（一）强化组织领导。镇党委召开专题会议研究法治建设工作4次，全年组织集中学法12次，班子成员带头讲法治课。',
    '（二）规范行政决策。聘请常年法律顾问1名，对镇政府签订的合同和出台的文件逐件审查，全年审查合同28件。',
    '（三）化解矛盾纠纷。全镇排查各类矛盾纠纷56起，成功调解53起，没有发生因纠纷引发的群体性事件。',
    '二、存在的不足和原因',
    '一是部分村干部依法办事意识还不够强；二是基层执法人员数量偏少，专业培训覆盖面不足。',
    '三、党政主要负责人履行推进法治建设第一责任人职责情况',
    '镇党委书记、镇长认真履行第一责任人职责，年底在党委会上专题述法，对重点工作亲自部署、亲自督办。',
    '四、2026年推进法治政府建设的主要安排',
    planText,
    '五、其他需要报告的情况',
    '本年度无其他需要报告的情况。',
    '中共青石镇委员会',
    '青石镇人民政府',
    '2026年1月12日',
  ];
}

export function lastYearReportText(plans?: readonly string[]): string {
  return lastYearReportLines(plans).join('\n');
}

/** The same report as a .docx, one paragraph a line, as a township would send it. */
export async function lastYearReportDocx(plans?: readonly string[]): Promise<Buffer> {
  const doc = new Document({
    sections: [{ children: lastYearReportLines(plans).map((text) => new Paragraph({ text })) }],
  });
  return Packer.toBuffer(doc);
}
