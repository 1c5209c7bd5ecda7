import type { Template } from '../report/types.js';

/** What the bot needs of the template registry (implemented by `store/template-files.ts`). */
export interface TemplateSource {
  get(id: string, version: number): Template | undefined;
  list(): readonly Template[];
}
