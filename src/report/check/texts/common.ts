/** Words more than one rule says when it names the report's parts. */
export const commonTexts = {
  /** Joins the names of parts written as one: “存在的不足和原因”与“下一年度主要安排”. */
  partsJoiner: '与',
} as const;
