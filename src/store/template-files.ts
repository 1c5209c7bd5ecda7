/**
 * Loads the report templates from `templates/` at start-up. Every file is validated; one bad file
 * stops the start with a message naming the file and the field, so a broken template never
 * reaches a user. Files are named `<id>.v<version>.yaml`; old versions stay in the folder so
 * reports made from them keep working.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TemplateError } from '../report/template-error.js';
import { parseTemplate } from '../report/template-parse.js';
import {
  createTemplateRegistry,
  type LoadedTemplate,
  type TemplateRegistry,
} from '../report/template-registry.js';
import { templateFilesTexts } from './texts/template-files.js';

/** `<project>/templates`, from both `src/store` and the built `dist/store`. */
export const DEFAULT_TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export function loadTemplates(dir: string = DEFAULT_TEMPLATE_DIR): TemplateRegistry {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  if (files.length === 0) {
    throw new TemplateError(dir, [
      { path: '', en: 'no template files (*.yaml) found', zh: templateFilesTexts.noTemplateFiles },
    ]);
  }
  const loaded: LoadedTemplate[] = files.map((file) => {
    const fileName = path.join(path.basename(dir), file);
    const template = parseTemplate(readFileSync(path.join(dir, file), 'utf8'), fileName);
    const expected = `${template.id}.v${template.version}`;
    if (file.replace(/\.ya?ml$/, '') !== expected) {
      throw new TemplateError(fileName, [
        {
          path: 'version',
          en: `file name must match id and version: ${expected}.yaml`,
          zh: templateFilesTexts.fileNameMismatch(expected),
        },
      ]);
    }
    return { template, fileName };
  });
  return createTemplateRegistry(loaded);
}
