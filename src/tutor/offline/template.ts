import { join } from 'node:path';
import { loadPrompt, shippedPromptsDir } from '../prompts/load-prompt.js';
import type { ReviewContext } from '../../review/context/types.js';
import type { HintLevel } from '../types.js';
import { DEFAULT_TEMPLATE } from './rules.js';

/**
 * The offline mentor's wording lives in markdown a team can edit: `prompts/offline/<name>.md`,
 * overridden by `.archangel/prompts/<name>.md` in the project. A template is a list of `## section`
 * blocks (question, hint parts, example, change...); a rule template may define only some of them
 * and the rest come from `offline-default.md`. Which sections make which rung depends on the
 * learner's level (see RUNGS). Sections: `question` (L1), `pointer` (L1 for seniors), `why`, `gap`
 * and `move` (L2), `example` or `example-missing` (L3), `change`, `because` and `next` (L4); in a
 * pair session `pair` leads the first rung, so the question is put to the two of them.
 */

/** The parts a ladder is assembled from. */
export type Section = 'question' | 'pointer' | 'why' | 'gap' | 'move' | 'example' | 'example-missing' | 'change' | 'because' | 'next' | 'pair';

export type Sections = Partial<Record<Section, string>>;

type Level = ReviewContext['level'];

/**
 * Tone by level, as data. A junior gets the full ladder: a question, then why it matters here, how
 * the team does it and one next move, and at the bottom the change with its reason and a question to
 * explain it (self-explanation, MENTOR.md principle 9). A mid-level developer gets no next move and
 * no reason at the bottom, only the question. A senior gets a pointer that already states the
 * convention, then the consequence, then the change alone (expertise reversal: guidance that helps
 * novices hinders experts). The evidence is the same at every level.
 */
const RUNGS: Record<Level, Record<HintLevel, Section[]>> = {
  junior: { 1: ['question'], 2: ['why', 'gap', 'move'], 3: ['example'], 4: ['change', 'because', 'next'] },
  mid: { 1: ['question'], 2: ['why', 'gap'], 3: ['example'], 4: ['change', 'next'] },
  senior: { 1: ['pointer'], 2: ['why'], 3: ['example'], 4: ['change'] },
};

/** Loads template `name` and the default beneath it, filled with `vars`; the rule's sections win. */
export async function loadSections(name: string, vars: Record<string, string | number>, projectRoot: string): Promise<Sections> {
  const shippedDir = join(await shippedPromptsDir(), 'offline');
  const options = { projectRoot, shippedDir };
  const base = parseSections(await loadPrompt(DEFAULT_TEMPLATE, vars, options));
  return name === DEFAULT_TEMPLATE ? base : { ...base, ...parseSections(await loadPrompt(name, vars, options)) };
}

/** The four rung texts for a level; `hasExample` picks the example section or its no-golden fallback. */
export function composeRungs(sections: Sections, level: Level, hasExample: boolean, inPair = false): Record<HintLevel, string> {
  const plan = inPair ? { ...RUNGS[level], 1: ['pair', ...RUNGS[level][1]] as Section[] } : RUNGS[level];
  const rung = (hint: HintLevel, separator: string): string =>
    plan[hint]
      .map((section) => (section === 'example' && !hasExample ? 'example-missing' : section))
      .map((section) => sections[section]?.trim() ?? '')
      .filter((text) => text !== '')
      .join(separator);
  return { 1: rung(1, ' '), 2: rung(2, ' '), 3: rung(3, ' '), 4: rung(4, '\n\n') };
}

const SECTION_NAMES = new Set<string>(['question', 'pointer', 'why', 'gap', 'move', 'example', 'example-missing', 'change', 'because', 'next', 'pair']);

/**
 * `## name` headings split a template into sections; text before the first heading (notes for the
 * team editing it) and HTML comments are ignored. Lines inside a fenced block are never headings,
 * so a filled-in diff cannot start a section.
 */
function parseSections(markdown: string): Sections {
  const sections: Sections = {};
  let current: Section | undefined;
  let fenced = false;
  for (const line of markdown.replace(/<!--[\s\S]*?-->/g, '').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^##\s+([\w-]+)\s*$/.exec(line);
    if (heading) {
      const name = heading[1] ?? '';
      current = SECTION_NAMES.has(name) ? (name as Section) : undefined;
      if (current !== undefined) sections[current] = '';
      continue;
    }
    if (current !== undefined) sections[current] = `${sections[current] ?? ''}${line}\n`;
  }
  return sections;
}
