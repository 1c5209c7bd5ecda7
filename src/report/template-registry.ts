/**
 * Every loaded template version, by id and version. A report records the template id and version
 * it was made from and is always read with exactly that version, so editing a template (a new
 * file with a higher version) never changes an existing report.
 */
import { TemplateError } from './template-error.js';
import { templateValidationTexts } from './texts/template-validation.js';
import type { Template } from './types.js';

export interface TemplateRegistry {
  /** Exactly the version a report was made from. */
  get(id: string, version: number): Template | undefined;
  /** The newest version of a template, for new reports. */
  latest(id: string): Template | undefined;
  /** The newest version of every template, ordered by id: what `新建` offers. */
  list(): Template[];
  /** Every version of every template, ordered by id then version. */
  all(): Template[];
}

export interface LoadedTemplate {
  readonly template: Template;
  /** Where it came from, for error messages. */
  readonly fileName: string;
}

/** Builds the registry; two files with the same id and version are refused. */
export function createTemplateRegistry(loaded: readonly LoadedTemplate[]): TemplateRegistry {
  const byKey = new Map<string, LoadedTemplate>();
  for (const entry of loaded) {
    const { id, version } = entry.template;
    const key = `${id}@${version}`;
    const first = byKey.get(key);
    if (first !== undefined) {
      throw new TemplateError(entry.fileName, [
        {
          path: 'version',
          en: `template ${id} version ${version} is already defined in ${first.fileName}`,
          zh: templateValidationTexts.versionAlreadyDefined(id, version, first.fileName),
        },
      ]);
    }
    byKey.set(key, entry);
  }
  const all = [...byKey.values()]
    .map((e) => e.template)
    .sort((a, b) => (a.id === b.id ? a.version - b.version : a.id < b.id ? -1 : 1));
  const latestById = new Map<string, Template>();
  for (const t of all) latestById.set(t.id, t);
  return {
    get: (id, version) => byKey.get(`${id}@${version}`)?.template,
    latest: (id) => latestById.get(id),
    list: () => [...latestById.values()],
    all: () => [...all],
  };
}
