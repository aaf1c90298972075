import { basename } from 'node:path';
import type { Finding } from '../../conventions/types.js';
import type { ReviewContext } from '../../review/context/types.js';
import { noteId } from '../claude/note-parser.js';
import { citationLabel } from '../claude/prompt-data.js';
import { hunkLineText } from '../claude/review-input.js';
import { enforceRungDiscipline } from '../rungs.js';
import { driverName, type PairContext } from '../pair.js';
import type { Citation, Evidence, Note } from '../types.js';
import { percent } from '../../conventions/percent.js';
import { ruleEntry } from './rules.js';
import { composeRungs, loadSections } from './template.js';
import type { Change, Draft } from './types.js';

/**
 * Writes one note from a draft: the rule's template filled with this code's names, lines and the
 * evidence's numbers, the last rung from the rule's change builder, every rung checked for rung
 * discipline. The note id is the Claude tutor's (`noteId` over path, rule id and the lines' code),
 * so dismissals and dedup hold whichever mentor wrote the note.
 */
export async function buildNote(draft: Draft, context: ReviewContext, projectRoot: string, pair?: PairContext): Promise<Note> {
  const entry = ruleEntry(draft.key);
  const change = entry.change(draft);
  const citation = draft.golden[0]?.citation ?? (draft.grounds.kind === 'convention' ? draft.grounds.examples[0] : undefined) ?? draft.findings[0]?.examples[0];
  const sections = await loadSections(entry.template, { ...templateVars(draft, change, citation, entry.wholeFile === true), ...pairVars(pair) }, projectRoot);
  const texts = composeRungs(sections, context.level, citation !== undefined, pair !== undefined);
  const { path } = draft.hunk;
  const code = hunkLineText(context.hunks, path, draft.startLine, draft.endLine);
  const ladder = enforceRungDiscipline(
    ([1, 2, 3, 4] as const).map((level) => ({ level, text: level === 4 ? texts[level] : withoutFix(texts[level], change) })),
    { code },
  );
  return {
    id: noteId(path, draft.ruleId, code || `${draft.startLine}-${draft.endLine}`),
    path,
    startLine: draft.startLine,
    endLine: draft.endLine,
    topic: draft.ruleId,
    severity: draft.severity,
    // A linter's pitfall is named by what it is ("mutable default argument"), not by its category.
    title: draft.findings[0]?.rule?.title ?? entry.title,
    ladder,
    evidence: [draft.grounds, ...draft.golden],
    source: 'offline',
  };
}

/** Stands in for a literal replacement a (team-edited) template let slip above the last rung. */
const FIX_PLACEHOLDER = 'the team’s form (shown at the last rung)';

/** Removes the literal fix from a rung before the last: the learner should find it, not copy it. */
function withoutFix(text: string, change: Change): string {
  return change.fixed.filter((fixed) => fixed.length > 2).reduce((result, fixed) => result.split(`\`${fixed}\``).join(FIX_PLACEHOLDER).split(fixed).join(FIX_PLACEHOLDER), text);
}

/**
 * What a template may use. Every key is always filled (a template may use any of them), quoted
 * names carry their backticks so a template reads the same with or without a symbol. A rule about a
 * whole file (its name, place or length) names the file, not its line 1.
 */
function templateVars(draft: Draft, change: Change, citation: Citation | undefined, wholeFile: boolean): Record<string, string | number> {
  const { grounds, hunk, findings } = draft;
  // A rule known without the golden code has no golden numbers; its templates do not use them.
  const support = grounds.kind === 'convention' ? grounds.support : 0;
  const confidence = grounds.kind === 'convention' ? grounds.confidence : 0;
  const first = findings[0];
  const lines = draft.startLine === draft.endLine ? `${draft.startLine}` : `${draft.startLine}-${draft.endLine}`;
  const others = draft.lines.filter((line) => line !== draft.startLine);
  // A size note names its largest case; the other long ones are only mentioned.
  const measured = first?.measured !== undefined;
  const named = measured ? findings.slice(0, 1) : findings;
  const symbols = [...new Set(named.map((finding) => finding.symbol).filter((symbol): symbol is string => symbol !== undefined))];
  const enclosing = hunk.symbol?.split(/[.#:]/).at(-1);
  const quoted = symbols.map((symbol) => `\`${symbol}\``).join(', ');
  return {
    path: hunk.path,
    file: basename(hunk.path),
    line: draft.startLine,
    lines,
    where: `${hunk.path}:${lines}`,
    name: wholeFile ? `\`${basename(hunk.path)}\`` : quoted || 'this code',
    at: wholeFile ? `\`${basename(hunk.path)}\`` : quoted ? `${quoted}, line ${draft.startLine}` : `Line ${draft.startLine}`,
    fn: enclosing ? `\`${enclosing}\`` : 'this function',
    more: measured ? alsoPastTheLimit(findings.slice(1)) : others.length > 0 ? ` (and the same on line${others.length > 1 ? 's' : ''} ${others.join(', ')})` : '',
    observed: first?.observed ?? '',
    expected: (first?.expected ?? '').replace(/^<=\s*(.+)$/, '$1 or fewer'),
    statement: sentence(grounds.statement),
    support: count(support),
    followed: count(Math.round(support * confidence)),
    percent: percent(confidence, 0),
    rule: first?.rule?.name ? `${ruleOwner(first.rule.source)} ${first.rule.name}` : grounds.kind === 'rule' ? grounds.source : grounds.ruleId,
    docs: grounds.kind === 'rule' && grounds.docsUrl ? grounds.docsUrl : '',
    ruleQuestion: first?.rule?.question ?? '',
    golden: citation ? `${citationLabel(citation)}${shownFor(draft.golden[0])}` : '',
    likeness: likeness(draft.golden[0]),
    goldenName: draft.golden[0]?.symbol ? `\`${draft.golden[0].symbol}\`` : 'the golden code',
    change: change.text,
  };
}

/** Whose rule it is: a maintained linter's ("ruff's E722"), or ArchAngel's own check read from the tree-sitter parse (tree-sitter is only the parser). */
function ruleOwner(source: string): string {
  return source === 'tree-sitter' ? "ArchAngel's" : `${source}'s`;
}

type GoldenEvidence = Extract<Evidence, { kind: 'golden' }>;

/** Golden code that does other work than these lines is shown for the habit, or for the fix it shows, and says so. */
function shownFor(example: GoldenEvidence | undefined): string {
  if (example?.comparable) return '';
  return example?.fix ? ` (other code than yours: it ${example.fix})` : ' (other code than yours, shown for the habit)';
}

/** Said before the question at rung 3 only when the golden code does what these lines do. */
function likeness(example: GoldenEvidence | undefined): string {
  return example?.comparable ? 'the golden code does the same work; ' : '';
}

/** Other cases listed after a size note's largest: "; `a`, `b` and 2 more are past the team's limit too". */
const LISTED_OTHERS = 2;

function alsoPastTheLimit(rest: Finding[]): string {
  if (rest.length === 0) return '';
  const names = rest.slice(0, LISTED_OTHERS).map((finding) => (finding.symbol ? `\`${finding.symbol}\`` : `line ${finding.startLine}`));
  const left = rest.length - names.length;
  const list = left > 0 ? `${names.join(', ')} and ${left} more` : names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}` : names[0]!;
  return `; ${list} ${rest.length > 1 ? 'are' : 'is'} past the team's limit too`;
}

/** Who the first rung is put to in a pair session: the navigator by name, the driver by the name part of their git identity. */
function pairVars(pair: PairContext | undefined): Record<string, string> {
  return { navigator: pair?.navigator ?? '', driver: pair ? driverName(pair) : '' };
}

/** A rule's or a linter's statement as a sentence, whatever its own punctuation (`Unexpected empty block statements`). */
function sentence(text: string): string {
  const trimmed = text.trim().replace(/[.:;,]+$/, '');
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

/** `2100` → `2,100`: counts are read at a glance. */
function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** The first rung, for the `text` event on save. */
export function questionOf(note: Note): string {
  return note.ladder.find((rung) => rung.level === 1)?.text ?? '';
}
