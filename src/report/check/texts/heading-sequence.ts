/** What heading-sequence.ts says of heading numbers out of order or written wrongly. */
export const headingSequenceTexts = {
  name: '标题编号',
  description: '各级标题编号是否连续、不重复，序号写法是否规范（一、（一）1.（1））',
  level1: '一级标题',
  level2: '二级标题',
  level3: '三级标题',
  level4: '四级标题',
  repeated: (level: string, got: string, firstLine: number, want: string) =>
    `${level}编号“${got}”重复（第${firstLine}行已使用），此处应为“${want}”`,
  skippedOne: (level: string, before: string, got: string, missing: string) =>
    `${level}编号跳号：“${before}”之后是“${got}”，缺少“${missing}”`,
  skippedRange: (level: string, before: string, got: string, from: string, to: string) =>
    `${level}编号跳号：“${before}”之后是“${got}”，缺少“${from}”至“${to}”`,
  wrongStart: (level: string, first: string, got: string) =>
    `${level}编号应从“${first}”开始，此处为“${got}”`,
  backwards: (level: string, prevLine: number, before: string, got: string, want: string) =>
    `${level}编号倒退：第${prevLine}行为“${before}”，此处为“${got}”，应为“${want}”`,
  missingOpen: (level: string, marker: string, want: string) =>
    `${level}“${marker}”缺少左括号，应写作“${want}”`,
  /** `punct` is 、 after 一 and . after 1; `want` is the right number and the title's start. */
  missingPunct: (level: string, written: string, punct: string, want: string) =>
    `${level}“${written}”编号后缺少“${punct}”，应写作“${want}”`,
  /** A first-level heading numbered like a lower level (1. or （一）) among 二、三、. */
  firstLevelNumbered: (written: string, second: string, want: string) =>
    `“${written}”与后面的“${second}”等同为一级标题，编号应写作“${want}”`,
  /** A second-level heading numbered 二、 right under 一、. */
  secondLevelNumbered: (written: string, want: string, notThis: string) =>
    `“${written}”紧接在一级标题之下，是第一个二级标题，编号应写作“${want}”（不是“${notThis}”）`,
  halfWidth: (level: string, marker: string, want: string) =>
    `${level}“${marker}”使用了半角括号，应写作全角“${want}”`,
  mixedWidth: (level: string, marker: string, want: string) =>
    `${level}“${marker}”括号全角半角混用，应写作“${want}”`,
  thirdLevelPunct: (level: string, marker: string, want: string) =>
    `${level}“${marker}”应写作“${want}”（按 GB/T 9704 习惯，阿拉伯数字序号后用“.”）`,
  wrongPunct: (level: string, marker: string, want: string) => `${level}“${marker}”应写作“${want}”`,
  /** Appended to a look-alike note: the other lines with the same habit. */
  sameAlsoAt: (lines: string) => `；同样问题另见第${lines}行`,
  sameAlsoAtMany: (lines: string, count: number) => `；同样问题另见第${lines}行等${count}处`,
} as const;
