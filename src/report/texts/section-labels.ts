/** How a section is named in lists and replies (report/sections.ts). */
export const sectionLabelsTexts = {
  /** The opening part (part 0) has no number: 导语：总体情况. `填写 导语` finds it by keyword. */
  openingLabel: (heading: string) => `导语：${heading}`,
} as const;
