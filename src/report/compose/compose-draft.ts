import { currentAnswers } from '../answers.js';
import type { Answer, Member, Part, Report, Section, Template } from '../types.js';
import type { Draft, DraftPart, DraftSection, MissingItem, Paragraph } from './draft.js';
import {
  chineseDate,
  draftAddressee,
  draftIssuers,
  draftTitle,
  type DraftOrg,
} from './front-matter.js';
import { heading } from './numbering.js';
import { composeSectionBody, marker, type Owner } from './section-body.js';
import { connectivesTexts } from './texts/connectives.js';
import { sectionBodyTexts } from './texts/section-body.js';

export interface ComposeInput {
  readonly template: Template;
  readonly report: Report;
  /** The full answer history of the report; the newest standing answer per question is used. */
  readonly answers: readonly Answer[];
  readonly org: DraftOrg;
  /** For the names of assignees in markers; userids are shown when a name is not known. */
  readonly members?: readonly Member[];
  /** The 成文日期, `YYYY-MM-DD`. */
  readonly issuedOn: string;
}

/**
 * Turns a report's answers into the official prose layout. Pure and deterministic: the same input
 * gives the same draft. It adds headings and connectives only; every fact comes from an answer or
 * from the input (org, year, date), and whatever is missing shows as a 【待填写：…】 marker.
 */
export function composeDraft(input: ComposeInput): Draft {
  const { template, report, org } = input;
  const history = input.answers
    .filter((a) => a.reportId === report.id)
    .map((a, i) => ({ a, i }))
    // Write order; ties keep the order given.
    .sort((x, y) => x.a.at.getTime() - y.a.at.getTime() || x.i - y.i)
    .map(({ a }) => a);
  const current = currentAnswers(history);
  const ownerOf = ownerLookup(report, input.members ?? []);
  const missing: MissingItem[] = [];

  const sectionParts = [...template.parts].filter((p) => p.no >= 1).sort((a, b) => a.no - b.no);
  const composeSection: SectionComposer = (section, leadLevel) => {
    const { owner } = ownerOf(section.id);
    const body = composeSectionBody(section, current, owner, leadLevel);
    // Whatever is owed (skipped questions too: see progress.ts) is missing and marked.
    if (body.missing) missing.push(body.missing);
    return { owner, paragraphs: body.paragraphs };
  };
  const parts = sectionParts.map((part, index) =>
    composePart(part, index + 1, composeSection, (item) => missing.push(item)),
  );

  const opening = composeOpening(
    template.parts.filter((p) => p.no === 0),
    (section) => composeSectionBody(section, current, ownerOf(section.id).owner, 3),
    org.name,
    report.year,
  );

  const addressee = draftAddressee(template, org, report.year);
  return {
    reportId: report.id,
    year: report.year,
    orgName: org.name,
    title: draftTitle(template, org, report.year),
    ...(addressee ? { addressee } : {}),
    opening,
    parts,
    closing: { issuers: draftIssuers(template, org), date: chineseDate(input.issuedOn) },
    missing,
  };
}

type SectionComposer = (
  section: Section,
  leadLevel: 2 | 3,
) => { owner: Owner; paragraphs: readonly Paragraph[] };

function composePart(
  part: Part,
  partIndex: number,
  composeSection: SectionComposer,
  addMissing: (item: MissingItem) => void,
): DraftPart {
  const partHeading = heading(1, partIndex, part.heading);
  if (part.sections.length === 0) {
    return {
      no: part.no,
      heading: partHeading,
      sections: [
        {
          id: `part-${part.no}`,
          paragraphs: [
            { spans: [marker(sectionBodyTexts.partWithoutQuestions(part.heading), {})] },
          ],
        },
      ],
    };
  }

  if (part.sections.length === 1) {
    const section = part.sections[0] as Section;
    const body = composeSection(section, 2);
    let paragraphs = body.paragraphs;
    if (paragraphs.length === 0) {
      // Every question skipped: a required part cannot just vanish, so say so visibly.
      paragraphs = [{ spans: [marker(sectionBodyTexts.partSkipped(part.heading), body.owner)] }];
      addMissing({
        sectionId: section.id,
        sectionHeading: section.heading,
        questions: [],
        ...body.owner,
        reason: 'skipped',
      });
    }
    return { no: part.no, heading: partHeading, sections: [{ id: section.id, paragraphs }] };
  }

  const sections: DraftSection[] = [];
  for (const section of part.sections) {
    const body = composeSection(section, 3);
    // A sub-topic with nothing to say and nothing owed (all skipped) is left out, and the
    // numbering closes up behind it.
    if (body.paragraphs.length === 0) continue;
    sections.push({
      id: section.id,
      heading: heading(2, sections.length + 1, section.heading),
      paragraphs: body.paragraphs,
    });
  }
  return { no: part.no, heading: partHeading, sections };
}

function composeOpening(
  openingParts: readonly Part[],
  composeSection: (section: Section) => ReturnType<typeof composeSectionBody>,
  orgName: string,
  year: number,
): Paragraph[] {
  // The opening carries only what was answered: no markers, no boilerplate of our own.
  const answered = openingParts
    .flatMap((p) => p.sections)
    .flatMap((s) => composeSection(s).paragraphs)
    .filter((p) => p.spans.every((s) => s.kind !== 'marker'));
  const formula: Paragraph['spans'] = [
    { kind: 'connective', text: connectivesTexts.openingLead },
    { kind: 'fact', text: orgName },
    { kind: 'fact', text: String(year) },
    { kind: 'connective', text: connectivesTexts.openingTail },
  ];
  const last = answered.at(-1);
  if (!last || last.lead) return [...answered, { spans: formula }];
  return [...answered.slice(0, -1), { spans: [...last.spans, ...formula] }];
}

function ownerLookup(report: Report, members: readonly Member[]) {
  return (sectionId: string): { owner: Owner } => {
    const state = report.sections.find((s) => s.sectionId === sectionId);
    const assignee = state?.assignee;
    const name = assignee ? members.find((m) => m.userid === assignee)?.name : undefined;
    const owner: Owner = {
      ...(assignee ? { assignee } : {}),
      ...(name ? { assigneeName: name } : {}),
    };
    return { owner };
  };
}
