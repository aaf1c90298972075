import { exemplifies } from '../../conventions/exemplifies.js';
import type { Convention, Finding } from '../../conventions/types.js';
import type { Language } from '../../index/language.js';
import { goldenLines } from '../../index/store/golden-lines.js';
import { findPitfalls } from '../../pitfalls/find-pitfalls.js';
import { raisedFirst } from '../../tutor/severity.js';
import type { Citation, Evidence } from '../../tutor/types.js';
import type { BuildContextOptions } from './build-context.js';
import { callsIn, lineCalling, ownDeclarations, sharedCalls, telling } from './calls.js';
import { isComparable, isExact, whyChosen, type Candidate, type ComparableGolden } from './comparable.js';
import { clean } from './file-view.js';
import { fixShownFor } from './fix-shown.js';
import { CONTEXT_LIMITS } from './limits.js';
import { isPitfallRule } from './pitfall-findings.js';
import { firstHandlerLine, guardedBy, insideHandler, insideTry, rowsText } from './try-blocks.js';
import type { HunkContext } from './types.js';

/**
 * The evidence a review rests on, numbered once (E1, E2...): each finding's grounds and a golden
 * example chosen for the learner's code, then golden code comparable to each hunk.
 */

type GoldenEvidence = Extract<Evidence, { kind: 'golden' }>;

/**
 * Each finding's grounds (its convention, or the rule it breaks) and a golden example chosen for
 * this code, most important findings first: a tutor notes only findings with evidence, and `any`
 * nits near the top of a file used to fill the list before a `var` further down. The last few
 * places are kept for the neighbours.
 */
export async function attachFindingEvidence(hunks: HunkContext[], golden: ReadonlyMap<HunkContext, ComparableGolden>, options: BuildContextOptions, evidence: EvidenceList): Promise<void> {
  const conventions = new Map((options.profile?.conventions ?? []).map((c) => [c.id, c]));
  const limit = CONTEXT_LIMITS.maxEvidence - CONTEXT_LIMITS.reservedForNeighbours;
  const entries = hunks
    .flatMap((hunk) => hunk.findings.map((entry) => ({ hunk, entry })))
    .sort((a, b) => raisedFirst(a.entry.finding, b.entry.finding));
  for (const { hunk, entry } of entries) {
    const convention = conventions.get(entry.finding.ruleId);
    const id = evidence.add(groundsOf(entry.finding, convention), limit);
    if (id) entry.evidence.push(id);
    const example = await goldenExample(entry.finding, hunk, convention, golden.get(hunk), options);
    const shown = example && evidence.add({ ...example, snippet: await clean(example.snippet, example.citation.path, options.redact) }, limit);
    if (shown) entry.evidence.push(shown);
  }
}

/**
 * The golden example for a finding: among golden code like the learner's, the most alike that
 * shows the habit at work (for a convention) or handles the same situation (for a rule); else,
 * for a convention, one of its own cited cases, said to be only that.
 */
async function goldenExample(finding: Finding, hunk: HunkContext, convention: Convention | undefined, golden: ComparableGolden | undefined, options: BuildContextOptions): Promise<GoldenEvidence | undefined> {
  const language = hunk.language;
  if (golden && language) {
    const guardedText = guardedBy(hunk.added, finding.startLine);
    const { calls: near, own } = callsNear(finding, hunk, guardedText);
    const declaredHere = ownDeclarations(hunk.added.map((row) => row.text).join('\n'));
    const ownApis = own.filter((call) => !declaredHere(call));
    const accepts = finding.rule
      ? ruleExampleTest(finding, near, language)
      : convention
        ? async (candidate: Candidate) => exemplifies(candidate.result.text, language, convention, options.profile?.sizes[convention.id], lineCalling(candidate.result.text, near))
        : undefined;
    const fix = fixShownFor(finding.ruleId);
    const lookFor = fix?.lookFor(language);
    // A handler's note is best shown where the team makes the same call inside a `try` of its own.
    const guarded = finding.rule && guardedText !== undefined ? ruleExampleTest(finding, near, language, { insideTry: true }) : undefined;
    const shownFix = fix && lookFor ? { lookFor } : {};
    const ruleWhy = fix?.shown === 'instead' ? fix.why : finding.rule?.name ? `${finding.rule.source} finds no ${finding.rule.name} there` : finding.expected;
    const match =
      (guarded && (await golden.first(guarded, { near }))) ||
      (convention && (await sameSituation(finding, hunk, convention, golden, language, options))) ||
      (accepts && (await golden.first(accepts, { near, ...(fix?.shown === 'instead' ? shownFix : {}) })));
    if (match) return exampleFrom(match.candidate, match.found, ownApis, { habit: convention ? `follows "${convention.statement}"` : ruleWhy, ...(fix?.shown === 'instead' ? { fix: fix.why } : {}) });
    // No golden code makes the same call without the pitfall: show the fix at work elsewhere, done to a call of the same method first (`session.get(url, timeout=5)` for a `requests.get`).
    if (fix?.shown === 'fallback') {
      const methods = near.map((call) => call.split('.').at(-1) ?? '').filter((method) => method !== '');
      // One pass over the golden code: the first candidate that shows the fix at all is kept in case none shows it on the same method.
      let anyCall: { candidate: Candidate; found: { start: number; end: number } } | undefined;
      const fixed =
        (await golden.first(
          async (candidate) => {
            const found = fix.lineIn(candidate.result.text, language);
            if (found && !anyCall) anyCall = { candidate, found };
            return found && fix.lineIn(candidate.result.text, language, methods);
          },
          { near, ...shownFix },
        )) ?? anyCall;
      if (fixed) return exampleFrom(fixed.candidate, fixed.found, ownApis, { habit: fix.why, fix: fix.why });
    }
  }
  const cited = finding.examples[0];
  if (!cited || !options.index) return undefined;
  const end = Math.min(cited.endLine, cited.startLine + CONTEXT_LIMITS.snippetLines - 1);
  const snippet = goldenLines(options.index.db, cited.repo, cited.path, cited.startLine, end);
  if (snippet === undefined) return undefined;
  return { kind: 'golden', id: '', citation: { ...cited, endLine: end }, snippet, why: 'one of the habit\'s own golden cases (no golden code like these lines shows it)', comparable: false };
}

/** Conventions about how something is reported (the logger, not the console): their example is best one reporting the same kind of event. */
const REPORTING = /\.idioms\.logging$/;

/**
 * For a console call in a `catch` or `except`, golden code that logs in a handler of its own: rung 2
 * asks how the golden code reports the same kind of event, and a failure is logged differently from
 * progress. Undefined when the learner's line handles no failure, or no golden handler logs.
 */
async function sameSituation(finding: Finding, hunk: HunkContext, convention: Convention, golden: ComparableGolden, language: Language, options: BuildContextOptions): Promise<{ candidate: Candidate; found: { start: number; end: number } } | undefined> {
  if (!REPORTING.test(convention.id) || !insideHandler(rowsText(hunk.added), finding.startLine)) return undefined;
  return golden.first(async (candidate) => {
    const handler = firstHandlerLine(candidate.result.text);
    if (handler === undefined) return undefined;
    const found = await exemplifies(candidate.result.text, language, convention, options.profile?.sizes[convention.id], handler + 1);
    return found && insideHandler(candidate.result.text, found.start) ? found : undefined;
  });
}

/**
 * Golden code for a rule finding: for one best taught by the fix (a credential, an HTTP call with no
 * deadline: fix-shown.ts), code doing what the learner left out; for a linter's pitfall, code making
 * the same call on which the same linter finds nothing (the team doing the same work without the
 * pitfall).
 */
function ruleExampleTest(finding: Finding, around: readonly string[], language: Language, options: { insideTry?: boolean } = {}): ((candidate: Candidate) => Promise<{ start: number; end: number } | undefined>) | undefined {
  const fix = fixShownFor(finding.ruleId);
  if (fix?.shown === 'instead') return async (candidate) => fix.lineIn(candidate.result.text, language);
  if (!isPitfallRule(finding.ruleId)) return undefined;
  let linted = 0;
  return async (candidate) => {
    const shared = sharedCalls(around, candidate.calls);
    // A flagged stretch with no call at all (a `def` with a mutable default) is matched by the code around it.
    const alike = around.length === 0 ? isComparable(candidate) : shared.length > 0;
    if (!alike || linted >= CONTEXT_LIMITS.pitfallExampleTries) return undefined;
    const calling = lineCalling(candidate.result.text, shared);
    if (options.insideTry && (calling === undefined || !insideTry(candidate.result.text, calling))) return undefined;
    linted++;
    const text = dedent(candidate.result.text);
    const report = await findPitfalls({ path: candidate.result.path, language, text });
    if (report.notices.length > 0 || report.pitfalls.some((pitfall) => finding.ruleId.endsWith(`.${pitfall.ruleId.replaceAll('/', '.')}`))) return undefined;
    const line = calling ?? 1;
    return { start: line, end: line };
  };
}

/**
 * What a finding's lines call: for a handler (a bare `except:`, an empty `catch`), the telling
 * calls its `try` guards (`guarded`, the lines from the `try` to the handler); else those on its
 * lines; else those a few lines around them (a client built without a timeout is about a call
 * nearby, and SQL glued together with `fmt.Sprint` is about the `db.Query` it is sent to). `own`:
 * the calls of the handler's `try` or of the lines themselves, none when only the lines around call.
 */
function callsNear(finding: Finding, hunk: HunkContext, guarded: string | undefined): { calls: string[]; own: string[] } {
  const inTry = guarded === undefined ? [] : callsIn(guarded).filter(telling);
  if (inTry.length > 0) return { calls: inTry, own: inTry };
  const callsWithin = (margin: number) => callsIn(hunk.added.filter((row) => row.line >= finding.startLine - margin && row.line <= finding.endLine + margin).map((row) => row.text).join('\n')).filter(telling);
  const onLines = callsWithin(0);
  return onLines.length > 0 ? { calls: onLines, own: onLines } : { calls: callsWithin(CONTEXT_LIMITS.pitfallContextLines), own: [] };
}

/** A chunk cut from inside a class or block, moved to the left margin so a linter can parse it alone. */
function dedent(text: string): string {
  const lines = text.split('\n');
  const margin = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0));
  return Number.isFinite(margin) && margin > 0 ? lines.map((line) => line.slice(margin)).join('\n') : text;
}

/**
 * A candidate as evidence: the window of its text around the case that shows the habit. It is
 * presented as code like the learner's only when it makes one of the calls on the note's own lines
 * (`own`; a handler's, those of its `try`) the same way: `requests.get`, not merely some `.get`, nor
 * a call a few lines away. Else it is other code, shown for the habit or for the fix it shows
 * (`chosen.fix`).
 */
function exampleFrom(candidate: Candidate, at: { start: number; end: number }, own: readonly string[], chosen: { habit: string; fix?: string }): GoldenEvidence {
  const { result } = candidate;
  const lines = result.text.split('\n');
  const fits = at.end <= CONTEXT_LIMITS.snippetLines;
  const from = fits ? 0 : Math.max(0, Math.min(at.start - 1 - CONTEXT_LIMITS.exampleLead, lines.length - CONTEXT_LIMITS.snippetLines));
  const shown = lines.slice(from, from + CONTEXT_LIMITS.snippetLines);
  const citation: Citation = { repo: result.repo, path: result.path, startLine: result.startLine + from, endLine: Math.min(result.endLine, result.startLine + from + shown.length - 1), commit: result.commit };
  // What the learner sees is the window, not the whole chunk: a call it shares must be in it.
  const shared = sharedCalls(own, callsIn(shown.join('\n')));
  const alike = shared.some(isExact);
  // Said the way rung 3 says it: as code like these lines only when it is.
  const like = alike ? `calls ${shared.filter(isExact).slice(0, 3).join(', ')} as these lines do` : shared.length > 0 ? `other code than these lines, calling ${shared.slice(0, 3).join(', ')} on other values` : 'other code than these lines';
  return { kind: 'golden', id: '', citation, snippet: shown.join('\n'), symbol: result.symbol, why: `${like}; ${chosen.habit}`, comparable: alike, ...(chosen.fix ? { fix: chosen.fix } : {}) };
}

/**
 * Golden code comparable to each hunk (sharing its calls), sent with it whatever its findings, so
 * a model always sees how the team does what these lines do. A hunk with none is marked so: the
 * model is told there is nothing comparable rather than shown unrelated code.
 */
export async function attachNeighbours(hunks: HunkContext[], golden: ReadonlyMap<HunkContext, ComparableGolden>, redact: boolean, evidence: EvidenceList): Promise<void> {
  for (const hunk of hunks) {
    const comparable = golden.get(hunk);
    if (!comparable) continue;
    const found = await comparable.comparable(CONTEXT_LIMITS.neighboursPerHunk);
    hunk.comparable = found.length > 0;
    for (const candidate of found) {
      const { result } = candidate;
      const citation: Citation = { repo: result.repo, path: result.path, startLine: result.startLine, endLine: Math.min(result.endLine, result.startLine + CONTEXT_LIMITS.snippetLines - 1), commit: result.commit };
      const snippet = result.text.split('\n').slice(0, CONTEXT_LIMITS.snippetLines).join('\n');
      const id = evidence.add({ kind: 'golden', id: '', citation, snippet: await clean(snippet, result.path, redact), symbol: result.symbol, why: whyChosen(candidate), comparable: true });
      if (id) hunk.neighbours.push(id);
    }
  }
}

/** What a finding rests on: the rule it breaks, or the convention it departs from. */
function groundsOf(finding: Finding, convention: Convention | undefined): Evidence {
  if (finding.rule) return { kind: 'rule', id: '', ruleId: finding.ruleId, statement: finding.expected, source: finding.rule.source, ...(finding.rule.docsUrl ? { docsUrl: finding.rule.docsUrl } : {}) };
  return {
    kind: 'convention',
    id: '',
    ruleId: finding.ruleId,
    statement: convention?.statement ?? finding.expected,
    support: finding.support,
    confidence: finding.confidence,
    examples: finding.examples,
  };
}

/** Numbered evidence (E1, E2...), each piece once, up to a limit. */
export class EvidenceList {
  readonly items: Evidence[] = [];
  readonly #byKey = new Map<string, string>();

  constructor(private readonly limit: number) {}

  /** The id of `item`, added if new; undefined when the list holds `limit` items already. */
  add(item: Evidence, limit = this.limit): string | undefined {
    // The same golden lines can be like one note's code and only show the habit to another's: each presentation is its own piece.
    const key = item.kind === 'golden' ? `g:${item.citation.repo}:${item.citation.path}:${item.citation.startLine}:${item.comparable === true}:${item.fix ?? ''}` : `${item.kind}:${item.ruleId}`;
    const known = this.#byKey.get(key);
    if (known) return known;
    if (this.items.length >= Math.min(limit, this.limit)) return undefined;
    const id = `E${this.items.length + 1}`;
    this.items.push({ ...item, id });
    this.#byKey.set(key, id);
    return id;
  }
}
