import { apiPhrase } from '../conventions/api/words.js';
import type { Convention, Profile } from '../conventions/types.js';
import { SIZE_STATEMENTS, sizeAmount as amountIn } from '../conventions/rules.js';
import { percent } from '../conventions/percent.js';
import { languageName } from '../index/language.js';
import type { StyleLanguage } from './style-guide.js';

/**
 * "At a glance": each language's enforced rules as a few plain sentences a newcomer can keep in
 * mind (names, code, calls, size, tests), then the strong tendencies. Derived only from the profile, in
 * the guide's order; every phrase links to the rule it says, whose section holds the counts and
 * the golden snippets.
 */

/** A tendency is worth a newcomer's attention when most of enough cases follow it. */
const TENDENCY_MIN_SHARE = 0.75;
const TENDENCY_MIN_CASES = 10;

type Group = 'names' | 'code' | 'calls' | 'size' | 'tests';
const GROUP_LABEL: Record<Group, string> = { names: 'Names', code: 'Code', calls: 'Calls', size: 'Size', tests: 'Tests' };

/** What each naming key names, as a plural noun phrase. */
const NAMED: Record<string, string> = {
  function: 'functions',
  component: 'components',
  method: 'methods',
  type: 'classes and types',
  variable: 'local variables',
  constant: 'constants',
  parameter: 'parameters',
  field: 'fields',
  file: 'file names',
  folder: 'folder names',
};


/** The rule key of a convention: its id without the language prefix (`ts.naming.function` → `naming.function`). */
function ruleKey(convention: Convention): string {
  return convention.id.split('.').slice(1).join('.');
}

/** `n` in the unit of a size rule, singular or plural ("1 level of nesting", "52 lines"); undefined for other rules. */
export function sizeAmount(convention: Convention, n: number): string | undefined {
  const words = SIZE_STATEMENTS[ruleKey(convention)];
  return words ? amountIn(words, n) : undefined;
}

/** The in-page anchor of a rule's section (set on its heading by the style guide). */
export function ruleAnchor(convention: Convention): string {
  return convention.id;
}

/** A convention as a short noun phrase, and the sentence it belongs in. */
function phrase(convention: Convention, sizes: Profile['sizes']): { group: Group; text: string } {
  const key = ruleKey(convention);
  const e = convention.expected;
  const words = SIZE_STATEMENTS[key];
  const stats = sizes[convention.id];
  if (words && stats) return { group: 'size', text: `${amountIn(words, stats.median)} (rarely over ${stats.limit})` };
  const named = NAMED[/^naming\.(\w+)$/.exec(key)?.[1] ?? ''];
  if (named) return { group: 'names', text: `${e} ${named}` };
  if (convention.call) return { group: 'calls', text: apiPhrase(convention.language, convention.call) };
  const good = (value: string, text: string, group: Group = 'code'): { group: Group; text: string } => (e === value ? { group, text } : { group, text: lowerFirst(convention.statement) });
  switch (key) {
    case 'naming.boolean-function':
      return good('is/has/can… prefix', 'boolean functions named as questions (`is`/`has`/`can`…)', 'names');
    case 'naming.error-class':
      return { group: 'names', text: e.startsWith('no ') ? 'error classes without an Error suffix' : `error classes ending in ${e.replace(' suffix', '')}` };
    case 'naming.interface-prefix':
      return { group: 'names', text: e === 'I prefix' ? 'interfaces named `IThing`' : 'interfaces without an `I` prefix' };
    case 'naming.test':
      return { group: 'tests', text: `titles that ${e}` };
    case 'layout.test-location':
      return { group: 'tests', text: e };
    case 'layout.test-file-name':
      return { group: 'tests', text: `files named \`${e}\`` };
    case 'errors.empty-catch':
      return good('handles the error', 'no silent `catch`: each handles the error or says why not');
    case 'errors.rethrow-cause':
      return good('keeps the cause', 'errors rethrown with their cause');
    case 'errors.wrap':
      return good('wraps with %w', 'errors wrapped with `%w`');
    case 'imports.module-path':
      return { group: 'code', text: `local modules imported by ${e} path` };
    case 'imports.relative-extension':
      return { group: 'code', text: `relative imports written ${e.replace(' file ', ' the file ')}` };
    case 'imports.default-export':
      return { group: 'code', text: e === 'named exports' ? 'named exports, not default ones' : `a ${e} per module` };
    case 'docs.exported':
      return good('documented', 'doc comments on exported symbols');
    case 'idioms.any':
      return good('a precise type', 'no `any`');
    case 'idioms.async':
      return good('async/await', '`async`/`await` rather than `.then()` chains');
    case 'idioms.var':
      return good('let/const', '`let`/`const`, never `var`');
    case 'idioms.logging':
      return { group: 'code', text: e === 'logger' ? 'logging through a logger, not the console' : 'output printed straight to the console, not through a logger' };
    case 'idioms.type-hints':
      return good('type hints', 'type hints on functions');
    case 'idioms.string-format':
      return { group: 'code', text: `strings formatted with ${e}` };
    default:
      return { group: 'code', text: lowerFirst(convention.statement) };
  }
}

function link(text: string, convention: Convention): string {
  return `[${text}](#${ruleAnchor(convention)})`;
}

/** `a`, `a and b`, `a, b and c`. */
function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * One language's enforced rules as sentences, one per group, in the guide's order. Names of one
 * case are said together ("camelCase functions and parameters"), and so are the sizes of one thing.
 */
function enforcedSentences(rules: Convention[], sizes: Profile['sizes']): string[] {
  // Names and sizes are said in a fixed order (functions before files), whatever their support.
  const order = (c: Convention): number => [...Object.keys(NAMED).map((k) => `naming.${k}`), ...Object.keys(SIZE_STATEMENTS)].indexOf(ruleKey(c));
  const slots = new Map<string, { group: Group; lead: string; parts: Array<{ text: string; order: number }> }>();
  const add = (slot: string, group: Group, lead: string, text: string, at: number): void => {
    const found = slots.get(slot) ?? { group, lead, parts: [] };
    found.parts.push({ text, order: at });
    slots.set(slot, found);
  };
  for (const convention of rules) {
    const named = NAMED[/^naming\.(\w+)$/.exec(ruleKey(convention))?.[1] ?? ''];
    if (named) {
      add(`case:${convention.expected}`, 'names', `${convention.expected} `, link(named, convention), order(convention));
      continue;
    }
    const { group, text } = phrase(convention, sizes);
    const noun = SIZE_STATEMENTS[ruleKey(convention)]?.noun.toLowerCase();
    if (group === 'size' && noun) add(`size:${noun}`, group, `${noun} of typically `, link(text, convention), order(convention));
    else add(convention.id, group, '', link(text, convention), -1);
  }
  return (['names', 'code', 'calls', 'size', 'tests'] as const).flatMap((group) => {
    const first = (parts: Array<{ order: number }>): number => Math.min(...parts.map((p) => p.order));
    const said = [...slots.values()]
      .filter((s) => s.group === group)
      .sort((a, b) => first(a.parts) - first(b.parts))
      .map((s) => `${s.lead}${list([...s.parts].sort((a, b) => a.order - b.order).map((p) => p.text))}`);
    return said.length > 0 ? [`${GROUP_LABEL[group]}: ${said.join('; ')}.`] : [];
  });
}

/** A few sentences a newcomer reads first: per language, what the team always does, then what it usually does. */
export function styleOverview(guide: StyleLanguage[], sizes: Profile['sizes']): string {
  const paragraphs: string[] = [];
  for (const section of guide) {
    const enforced = section.rules.map((r) => r.convention).filter((c) => c.enforced);
    // Where code lives is the wiki's to say (with its modules); here it would read as a second percentage.
    const tendencies = section.rules
      .map((r) => r.convention)
      .filter((c) => !c.enforced && c.confidence >= TENDENCY_MIN_SHARE && c.support >= TENDENCY_MIN_CASES && ruleKey(c) !== 'layout.top-folders');
    if (enforced.length === 0 && tendencies.length === 0) continue;
    const out: string[] = [];
    if (enforced.length > 0) {
      // The weakest enforced rule, rounded down: "at least 99%" never overstates.
      const floor = Math.floor(Math.min(...enforced.map((c) => c.confidence)) * 100);
      const one = enforced.length === 1;
      const share = floor === 100 ? `in every one of ${one ? 'its' : 'their'} cases` : `in at least ${floor}% of ${one ? 'its' : 'their'} cases`;
      const count = `${enforced.length} rule${one ? ' is' : 's are'} enforced, ${one ? 'followed' : 'each followed'} ${share}.`;
      out.push(`**${languageName(section.language)}.** ${count}`, '', ...enforcedSentences(enforced, sizes).map((s) => `- ${s}`));
    } else out.push(`**${languageName(section.language)}.** No rule is enforced.`);
    if (tendencies.length > 0) {
      const items = tendencies.map((c) => {
        const { group, text } = phrase(c, sizes);
        const subject = group === 'size' ? `${SIZE_STATEMENTS[ruleKey(c)]?.noun.toLowerCase() ?? ''} of typically ${text}` : group === 'tests' ? lowerFirst(c.statement) : text;
        return `${link(subject, c)} (${percent(c.confidence, 0)})`;
      });
      out.push('', `Usually, though not enforced: ${items.join('; ')}.`);
    }
    paragraphs.push(out.join('\n'));
  }
  if (paragraphs.length === 0) return 'No rule is enforced yet: the golden code is too small or too varied to call anything a convention.';
  return paragraphs.join('\n\n');
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
