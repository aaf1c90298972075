import { access, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArchangelError } from '../../errors/archangel-error.js';

/**
 * Prompt templates are markdown files a team can read and edit. The shipped ones live in the package's
 * `prompts/` folder; a project overrides one by placing a file of the same name in
 * `.archangel/prompts/`. Placeholders are `{{name}}`; values are inserted in one pass, so a value that
 * itself contains `{{...}}` (a golden snippet, a diff) is never expanded.
 */

/** Where a project keeps its prompt overrides, relative to its root. */
export const PROJECT_PROMPTS_DIR = join('.archangel', 'prompts');

export interface LoadPromptOptions {
  /** The project root; `<projectRoot>/.archangel/prompts/<name>.md` wins over the shipped template. */
  projectRoot: string;
  /** Where the shipped templates live (default: the package's `prompts/`). Tests point it elsewhere. */
  shippedDir?: string;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][\w]*)\s*\}\}/g;

/** Reads template `name` (override first), fills its placeholders, and fails on any it cannot fill. */
export async function loadPrompt(name: string, vars: Record<string, string | number>, options: LoadPromptOptions): Promise<string> {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new ArchangelError('INTERNAL', `"${name}" is not a prompt template name.`);
  const override = resolve(options.projectRoot, PROJECT_PROMPTS_DIR, `${name}.md`);
  const isOverride = await exists(override);
  const file = isOverride ? override : join(options.shippedDir ?? (await shippedPromptsDir()), `${name}.md`);
  let template: string;
  try {
    template = await readFile(file, 'utf8');
  } catch (error) {
    throw new ArchangelError('INTERNAL', `The prompt template ${file} could not be read.`, {
      hint: 'Reinstall ArchAngel, or add the file to .archangel/prompts/ in your project.',
      cause: error,
    });
  }
  const unknown = new Set<string>();
  const text = template.replace(PLACEHOLDER, (match, key: string) => {
    const value = vars[key];
    if (value === undefined) unknown.add(key);
    return value === undefined ? match : String(value);
  });
  if (unknown.size > 0) {
    const names = [...unknown].map((key) => `{{${key}}}`).join(', ');
    throw new ArchangelError(isOverride ? 'CONFIG_INVALID' : 'INTERNAL', `The prompt template ${file} uses ${names}, which ArchAngel does not fill.`, {
      hint: `Remove it or use one of: ${Object.keys(vars).map((key) => `{{${key}}}`).join(', ') || '(none)'}.`,
    });
  }
  return text;
}

/**
 * The package's `prompts/` folder: the nearest ancestor of this module holding a `package.json`.
 * That is the repository root both from `src/tutor/prompts/` (tsx, tests) and from
 * `dist/tutor/prompts/` (the built CLI), and it stays right if the build layout changes depth.
 */
export async function shippedPromptsDir(moduleUrl: string = import.meta.url): Promise<string> {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (await exists(join(dir, 'package.json'))) return join(dir, 'prompts');
    const parent = dirname(dir);
    if (parent === dir) throw new ArchangelError('INTERNAL', `No package.json above ${fileURLToPath(moduleUrl)}, so the shipped prompts cannot be found.`);
    dir = parent;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
