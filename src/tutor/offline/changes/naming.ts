import { basename, dirname, join } from 'node:path';
import type { Finding } from '../../../conventions/types.js';
import { convertCase, splitWords } from '../case-convert.js';
import type { Change, ChangeBuilder, Draft } from '../types.js';
import { diffBlock, escapeRegExp, lineAt, prose } from './lines.js';

/**
 * Last rungs for naming: the learner's own identifier rewritten the way the golden code names
 * that kind of thing, as a rename diff of the lines that declare it.
 */

/** How one naming rule turns an identifier into the expected one (undefined: no safe rewrite). */
type Rename = (symbol: string, expected: string) => string | undefined;

/** Declarations in the wrong case: `get_user_data` → `getUserData`. */
export const renameCase: ChangeBuilder = (draft) => renameAll(draft, (symbol, expected) => convertCase(symbol, expected));

/** Boolean functions read as questions: `validUser` → `isValidUser`, `valid_user` → `is_valid_user`. */
export const renameBoolean: ChangeBuilder = (draft) =>
  renameAll(draft, (symbol) => convertCase(`is_${splitWords(symbol).join('_')}`, styleOf(symbol)), (list) => `${RENAME_LEAD(list)} \`has…\` or \`can…\` may read truer than \`is…\`.`);

/** Error classes carry the team's suffix: `ParseFailure` → `ParseFailureError`. */
export const renameErrorClass: ChangeBuilder = (draft) =>
  renameAll(draft, (symbol, expected) => {
    const suffix = /^(\w+) suffix$/.exec(expected)?.[1];
    return suffix === undefined ? undefined : `${symbol.replace(/(Error|Exception)$/, '')}${suffix}`;
  });

/** Interfaces with or without the `I` prefix. */
export const renameInterface: ChangeBuilder = (draft) =>
  renameAll(draft, (symbol, expected) => (expected === 'I prefix' ? `I${symbol}` : /^I[A-Z]/.test(symbol) ? symbol.slice(1) : undefined));

/** Test titles that state the behaviour (`returns the user`) or start with "should". */
export const renameTestTitle: ChangeBuilder = (draft) =>
  renameAll(draft, (title, expected) => (expected.includes('should') ? `should ${baseForm(title)}` : thirdPerson(title.replace(/^should\s+/i, ''))), (list) => `Reword ${list}:`);

/** A file named in the wrong case: a `git mv` to the converted stem. */
export const renameFile: ChangeBuilder = (draft) => {
  const finding = draft.findings[0];
  const name = basename(draft.hunk.path);
  const dot = name.indexOf('.', 1);
  const [stem, extension] = dot === -1 ? [name, ''] : [name.slice(0, dot), name.slice(dot)];
  const converted = finding ? convertCase(stem, finding.expected) : undefined;
  if (converted === undefined) return prose(`Rename \`${name}\` so its name follows the golden file names (${finding?.expected ?? 'the team style'}).`);
  const target = join(dirname(draft.hunk.path), `${converted}${extension}`);
  return { text: `Rename the file, then update its imports:\n\n\`\`\`sh\ngit mv ${draft.hunk.path} ${target}\n\`\`\``, fixed: [converted] };
};

/** How a rename is introduced, given the `from` → `to` list. */
const RENAME_LEAD = (list: string): string => `Rename ${list}, at the declaration and every use (your editor's rename does both).`;

function renameAll(draft: Draft, rename: Rename, lead: (list: string) => string = RENAME_LEAD): Change {
  const pairs = unique(draft.findings).flatMap((finding) => {
    const to = finding.symbol === undefined ? undefined : rename(finding.symbol, finding.expected);
    return to === undefined || finding.symbol === undefined || to === finding.symbol ? [] : [{ finding, from: finding.symbol, to }];
  });
  if (pairs.length === 0) return prose(`Rename the declaration on line ${draft.startLine} so it follows the convention: ${draft.grounds.statement}.`);
  const before = pairs.map(({ finding }) => lineAt(draft.hunk, finding.startLine));
  const after = pairs.map(({ from, to }, index) => (before[index] ?? '').replace(new RegExp(`(?<![\\w$])${escapeRegExp(from)}(?![\\w$])`), to));
  const list = pairs.map(({ from, to }) => `\`${from}\` → \`${to}\``).join(', ');
  const text = `${lead(list)}\n\n${diffBlock(before, after)}`;
  return { text, fixed: pairs.map(({ to }) => to) };
}

/** One finding per symbol: a grouped finding may list the same name twice. */
function unique(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = finding.symbol ?? `${finding.startLine}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The style an identifier is already written in, so a prefix is added in the same style. */
function styleOf(symbol: string): string {
  if (symbol.includes('_')) return /[a-z]/.test(symbol) ? 'snake_case' : 'UPPER_SNAKE';
  return /^[A-Z]/.test(symbol) ? 'PascalCase' : 'camelCase';
}

/** `return the user` → `returns the user`; a title already in that form is unchanged. */
function thirdPerson(title: string): string {
  return title.replace(/^(\w+)/, (verb) => {
    if (/^(be|is)$/i.test(verb)) return 'is';
    if (/^(have|has)$/i.test(verb)) return 'has';
    if (/s$/.test(verb) && !/(ss|sh|ch|x|z)$/.test(verb)) return verb;
    if (/(ss|sh|ch|x|z|o)$/.test(verb)) return `${verb}es`;
    return /[^aeiou]y$/.test(verb) ? `${verb.slice(0, -1)}ies` : `${verb}s`;
  });
}

/** `returns the user` → `return the user`, for titles that start with "should". */
function baseForm(title: string): string {
  return title.replace(/^(\w+)/, (verb) => {
    if (verb === 'is') return 'be';
    if (verb === 'has') return 'have';
    if (/ies$/.test(verb)) return `${verb.slice(0, -3)}y`;
    if (/(ss|sh|ch|x|z|o)es$/.test(verb)) return verb.slice(0, -2);
    return /[^s]s$/.test(verb) ? verb.slice(0, -1) : verb;
  });
}
