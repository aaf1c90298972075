import { checkFile } from '../../conventions/check.js';
import type { Convention, Finding, Profile } from '../../conventions/types.js';
import { chunkFile, type Chunk } from '../../index/chunk/index.js';
import type { GoldenIndex } from '../../index/golden-index.js';
import { isParsedLanguage } from '../../index/language.js';
import { parse } from '../../index/parse/tree-sitter.js';
import { goldenLines } from '../../index/store/golden-lines.js';
import { formatHunkLines } from '../../tutor/claude/review-input.js';
import { mostImportantFirst } from '../../importance/concern.js';
import { mostSevereFirst } from '../../tutor/severity.js';
import type { Citation, Evidence } from '../../tutor/types.js';
import { exemplifies } from '../../conventions/exemplifies.js';
import type { Language } from '../../index/language.js';
import { configReadIn } from '../secrets/config-reads.js';
import { SECRET_FILE } from '../diff/read-diff.js';
import { isSecretRule, secretFileFinding, secretFindings } from '../secrets/findings.js';
import { findPitfalls } from '../../pitfalls/find-pitfalls.js';
import type { GoldenLinterConfig } from '../../pitfalls/golden-config/types.js';
import { isPitfallRule, pitfallFindings } from './pitfall-findings.js';
import { callsIn, sharedCalls } from './calls.js';
import { ComparableGolden, isComparable, whyChosen, type Candidate } from './comparable.js';
import { redactSecrets } from '../../redact/index.js';
import type { DiffResult, DiffTarget, FileChange, Hunk, HunkLine } from '../types.js';
import { readNewText, readOldText } from './file-versions.js';
import type { HunkContext, ReviewContext } from './types.js';

type GoldenEvidence = Extract<Evidence, { kind: 'golden' }>;

/**
 * Budgets that keep a review small enough to read and cheap to send. A save rarely touches more
 * than a few hunks; past these, the rest is left out rather than drowning the learner.
 */
export const CONTEXT_LIMITS = {
  /** Hunks reviewed per save, largest first. */
  maxHunks: 8,
  /** Golden code comparable to a hunk sent with it, whatever its findings (the model's neighbours). */
  neighboursPerHunk: 2,
  /** Pieces of evidence in one review (golden snippets, conventions and rules). */
  maxEvidence: 8,
  /** Of those, kept for neighbours: findings may not use the last ones, so a model always sees comparable code. */
  reservedForNeighbours: 2,
  /** Lines shown above a golden example's case of the habit, so it reads in its context. */
  exampleLead: 2,
  /** Golden candidates linted per pitfall when looking for the same work done without it (each is a linter run). */
  pitfallExampleTries: 4,
  /**
   * Lines of a golden snippet sent or shown: enough for a function's head and the habit in
   * question, and half a terminal pane beside the learner's code (at 24 lines a review sent
   * 0.31x the naive prompt's evidence; the target is 0.3x).
   */
  snippetLines: 16,
};

export interface BuildContextOptions {
  repoRoot: string;
  target: DiffTarget;
  diff: DiffResult;
  /** The golden index; without it there are no neighbours (conventions still work if a profile exists). */
  index?: GoldenIndex | undefined;
  profile?: Profile | undefined;
  level: ReviewContext['level'];
  maxNotes: number;
  /** Redact secrets in everything the context holds (privacy.redactSecrets). */
  redact: boolean;
  /** Linter rules the golden repos turn off: not raised against the learner either. */
  goldenLinterConfig?: GoldenLinterConfig | undefined;
}

/**
 * Turns a diff into the evidence a tutor works from: for each changed hunk, the enclosing symbol,
 * the convention findings on its added lines, and the golden code most like it; every piece of
 * evidence numbered once. Everything is redacted before it is put in the context; the diff comes
 * back redacted the same way, for showing.
 */
export async function buildReviewContext(options: BuildContextOptions): Promise<{ context: ReviewContext; diff: DiffResult; notices: string[] }> {
  const evidence = new EvidenceList(CONTEXT_LIMITS.maxEvidence);
  const files = new Map<string, Promise<FileView>>();
  const hunks: HunkContext[] = [];
  const golden = new Map<HunkContext, ComparableGolden>();
  for (const { file, hunk } of rankHunks(options.diff.files).slice(0, CONTEXT_LIMITS.maxHunks)) {
    let view = files.get(file.path);
    if (!view) files.set(file.path, (view = readFileView(file, options)));
    const built = await hunkContext(file, hunk, await view, options.redact);
    hunks.push(built.context);
    if (options.index) golden.set(built.context, new ComparableGolden(options.index, { code: built.code, language: file.language, path: file.path }));
  }
  hunks.push(...secretFileHunks(options.diff));
  await attachFindingEvidence(hunks, golden, options, evidence);
  await attachNeighbours(hunks, golden, options.redact, evidence);
  const context: ReviewContext = {
    hunks: hunks.sort((a, b) => a.path.localeCompare(b.path) || a.startLine - b.startLine),
    evidence: evidence.items,
    findings: describeFindings(hunks),
    level: options.level,
    maxNotes: options.maxNotes,
  };
  const notices = [...new Set((await Promise.all(files.values())).flatMap((view) => view.notices))];
  return { context, diff: options.redact ? await redactedDiff(options, files) : options.diff, notices };
}

/**
 * The diff as the learner is shown it (the Changes pane, the example view): every line redacted as
 * the context's are, so a credential's value is on no screen either, a pair's navigator's included.
 */
async function redactedDiff(options: BuildContextOptions, files: Map<string, Promise<FileView>>): Promise<DiffResult> {
  const shown = await Promise.all(
    options.diff.files.map(async (file) => {
      let view = files.get(file.path);
      if (!view) files.set(file.path, (view = readFileView(file, options)));
      const read = await view;
      return { ...file, hunks: await Promise.all(file.hunks.map(async (hunk) => ({ ...hunk, lines: await redactedLines(hunk.lines, read, file.path) }))) };
    }),
  );
  return { ...options.diff, files: shown };
}

/** A note's place for each file of secrets git can see: it is never read, so its "hunk" shows nothing of it. */
function secretFileHunks(diff: DiffResult): HunkContext[] {
  return diff.skipped.flatMap(({ path, reason }) => {
    const finding = reason === SECRET_FILE ? secretFileFinding(path) : undefined;
    if (!finding) return [];
    return [{ path, language: undefined, startLine: 1, endLine: 1, text: '(not read: a file of secrets)', symbol: null, added: [], findings: [{ finding, evidence: [] }], neighbours: [] }];
  });
}

/** Hunks that add code, biggest change first (a one-line tweak matters less than a new function). */
function rankHunks(files: FileChange[]): Array<{ file: FileChange; hunk: Hunk }> {
  return files
    .filter((file) => file.status !== 'deleted')
    .flatMap((file) => file.hunks.map((hunk) => ({ file, hunk })))
    .filter(({ hunk }) => hunk.lines.some((line) => line.kind === 'add'))
    .sort((a, b) => addedCount(b.hunk) - addedCount(a.hunk));
}

function addedCount(hunk: Hunk): number {
  return hunk.lines.filter((line) => line.kind === 'add').length;
}

/** A changed file read once per review and shared by its hunks. */
interface FileView {
  /** The new file text, redacted (line count unchanged), or undefined when unreadable. */
  text: string | undefined;
  /** The old file text, redacted, when redacting: removed lines are redacted with the whole file around them. */
  oldText: string | undefined;
  chunks: Chunk[];
  findings: Finding[];
  /** One line per linter that could not check the file. */
  notices: string[];
}

async function readFileView(file: FileChange, options: BuildContextOptions): Promise<FileView> {
  const [raw, rawOld] = await Promise.all([readNewText(options.repoRoot, options.target, file.path), options.redact ? readOldText(options.repoRoot, options.diff.base, file) : undefined]);
  const changed = addedRanges(file.hunks);
  const [redacted, oldText] = await Promise.all([
    raw === undefined || !options.redact ? { text: raw, redactions: [] } : redactSecrets(raw, { path: file.path }),
    rawOld === undefined ? undefined : clean(rawOld, file.path, options.redact),
  ]);
  const { text } = redacted;
  // A credential is taught whatever the language: its kind and line, from the redacted text.
  const secrets = text === undefined ? [] : secretFindings(file, text, redacted.redactions, changed);
  if (text === undefined || !file.language) return { text, oldText, chunks: [], findings: secrets, notices: [] };
  // Parsed once for both, as the indexer does.
  const tree = isParsedLanguage(file.language) ? await parse(text, file.language).catch(() => null) : null;
  try {
    const chunks = await chunkFile(text, file.language, tree);
    const findings = options.profile ? await checkFile(options.profile, { path: file.path, language: file.language, text, changed }, tree) : [];
    const linted = await findPitfalls({ path: file.path, language: file.language, text }, { changed, ...(options.goldenLinterConfig ? { goldenConfig: options.goldenLinterConfig } : {}) });
    const pitfalls = pitfallFindings(file.path, file.language, linted.pitfalls, findings);
    return { text, oldText, chunks, findings: [...secrets, ...pitfalls, ...findings], notices: linted.notices };
  } finally {
    tree?.delete();
  }
}

/** One hunk's context, and the code to find golden neighbours with (its enclosing chunk, or the added lines). */
async function hunkContext(file: FileChange, hunk: Hunk, view: FileView, redact: boolean): Promise<{ context: HunkContext; code: string }> {
  const lines = redact ? await redactedLines(hunk.lines, view, file.path) : hunk.lines;
  const added = lines.filter((l) => l.kind === 'add' && l.newLine !== undefined).map((l) => ({ line: l.newLine!, text: l.text }));
  const startLine = added[0]?.line ?? hunk.newStart;
  const endLine = added[added.length - 1]?.line ?? startLine;
  const enclosing = enclosingChunk(view.chunks, startLine, endLine);
  const inHunk = (f: Finding) => f.startLine >= hunk.newStart && f.startLine < hunk.newStart + Math.max(1, hunk.newLines);
  const context: HunkContext = {
    path: file.path,
    language: file.language,
    startLine,
    endLine,
    text: formatHunkLines(lines),
    symbol: enclosing?.symbol ?? null,
    added,
    findings: view.findings.filter(inHunk).map((finding) => ({ finding, evidence: [] })),
    neighbours: [],
  };
  return { context, code: enclosing?.text ?? added.map((a) => a.text).join('\n') };
}

/**
 * Every line of a hunk as redacted with its whole file around it: added and context lines from the
 * new version, removed lines from the old one, so a secret spanning lines is seen whole (replacing
 * a private key removes only its body lines; its BEGIN and END are context). Lines whose version
 * could not be read are redacted together as one block.
 */
async function redactedLines(lines: HunkLine[], view: FileView, path: string): Promise<HunkLine[]> {
  const newLines = view.text?.split('\n');
  const oldLines = view.oldText?.split('\n');
  const fromFile = (line: HunkLine): string | undefined =>
    line.kind === 'del' ? (line.oldLine === undefined ? undefined : oldLines?.[line.oldLine - 1]) : line.newLine === undefined ? undefined : newLines?.[line.newLine - 1];
  const orphans = lines.filter((line) => fromFile(line) === undefined).map((line) => line.text);
  const cleanOrphans = orphans.length > 0 ? (await redactSecrets(orphans.join('\n'), { path })).text.split('\n') : [];
  let o = 0;
  return lines.map((line) => ({ ...line, text: fromFile(line) ?? cleanOrphans[o++] ?? '' }));
}

function enclosingChunk(chunks: Chunk[], start: number, end: number): Chunk | undefined {
  let best: Chunk | undefined;
  let bestOverlap = 0;
  for (const chunk of chunks) {
    const overlap = Math.min(end, chunk.endLine) - Math.max(start, chunk.startLine) + 1;
    if (overlap > bestOverlap) {
      best = chunk;
      bestOverlap = overlap;
    }
  }
  return best;
}

/**
 * Each finding's grounds (its convention, or the rule it breaks) and a golden example chosen for
 * this code, most important findings first: a tutor notes only findings with evidence, and `any`
 * nits near the top of a file used to fill the list before a `var` further down. The last few
 * places are kept for the neighbours.
 */
async function attachFindingEvidence(hunks: HunkContext[], golden: ReadonlyMap<HunkContext, ComparableGolden>, options: BuildContextOptions, evidence: EvidenceList): Promise<void> {
  const conventions = new Map((options.profile?.conventions ?? []).map((c) => [c.id, c]));
  const limit = CONTEXT_LIMITS.maxEvidence - CONTEXT_LIMITS.reservedForNeighbours;
  const entries = hunks
    .flatMap((hunk) => hunk.findings.map((entry) => ({ hunk, entry })))
    .sort((a, b) => mostImportantFirst(a.entry.finding, b.entry.finding) || mostSevereFirst(a.entry.finding, b.entry.finding));
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
    const accepts = finding.rule ? ruleExampleTest(finding, hunk, language) : convention ? async (candidate: Candidate) => exemplifies(candidate.result.text, language, convention, options.profile?.sizes[convention.id]) : undefined;
    const match = accepts && (await golden.first(accepts));
    if (match) return exampleFrom(match.candidate, match.found, whyChosen(match.candidate, convention ? `follows "${convention.statement}"` : finding.expected));
  }
  const cited = finding.examples[0];
  if (!cited || !options.index) return undefined;
  const end = Math.min(cited.endLine, cited.startLine + CONTEXT_LIMITS.snippetLines - 1);
  const snippet = goldenLines(options.index.db, cited.repo, cited.path, cited.startLine, end);
  if (snippet === undefined) return undefined;
  return { kind: 'golden', id: '', citation: { ...cited, endLine: end }, snippet, why: 'one of the habit\'s own golden cases (no golden code like these lines shows it)', comparable: false };
}

/**
 * Golden code for a rule finding: for a credential, code that reads configuration the team's way;
 * for a linter's pitfall, code making the same call on which the same linter finds nothing (the
 * team doing the same work without the pitfall).
 */
function ruleExampleTest(finding: Finding, hunk: HunkContext, language: Language): ((candidate: Candidate) => Promise<{ start: number; end: number } | undefined>) | undefined {
  if (isSecretRule(finding.ruleId)) return async (candidate) => configReadIn(candidate.result.text, language);
  if (!isPitfallRule(finding.ruleId)) return undefined;
  const onLines = callsIn(hunk.added.filter((row) => row.line >= finding.startLine && row.line <= finding.endLine).map((row) => row.text).join('\n'));
  let linted = 0;
  return async (candidate) => {
    const shared = sharedCalls(onLines, callsIn(candidate.result.text));
    if (shared.length === 0 || linted >= CONTEXT_LIMITS.pitfallExampleTries) return undefined;
    linted++;
    const text = dedent(candidate.result.text);
    const report = await findPitfalls({ path: candidate.result.path, language, text });
    if (report.notices.length > 0 || report.pitfalls.some((pitfall) => finding.ruleId.endsWith(`.${pitfall.ruleId.replaceAll('/', '.')}`))) return undefined;
    const line = text.split('\n').findIndex((row) => shared.some((call) => row.includes(`${call.split('.').at(-1) ?? call}(`)));
    return { start: line + 1, end: line + 1 };
  };
}

/** A chunk cut from inside a class or block, moved to the left margin so a linter can parse it alone. */
function dedent(text: string): string {
  const lines = text.split('\n');
  const margin = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0));
  return Number.isFinite(margin) && margin > 0 ? lines.map((line) => line.slice(margin)).join('\n') : text;
}

/** A candidate as evidence: the window of its text around the case that shows the habit. */
function exampleFrom(candidate: Candidate, at: { start: number; end: number }, why: string): GoldenEvidence {
  const { result } = candidate;
  const lines = result.text.split('\n');
  const fits = at.end <= CONTEXT_LIMITS.snippetLines;
  const from = fits ? 0 : Math.max(0, Math.min(at.start - 1 - CONTEXT_LIMITS.exampleLead, lines.length - CONTEXT_LIMITS.snippetLines));
  const shown = lines.slice(from, from + CONTEXT_LIMITS.snippetLines);
  const citation: Citation = { repo: result.repo, path: result.path, startLine: result.startLine + from, endLine: Math.min(result.endLine, result.startLine + from + shown.length - 1), commit: result.commit };
  return { kind: 'golden', id: '', citation, snippet: shown.join('\n'), symbol: result.symbol, why, comparable: isComparable(candidate) };
}

/**
 * Golden code comparable to each hunk (sharing its calls), sent with it whatever its findings, so
 * a model always sees how the team does what these lines do. A hunk with none is marked so: the
 * model is told there is nothing comparable rather than shown unrelated code.
 */
async function attachNeighbours(hunks: HunkContext[], golden: ReadonlyMap<HunkContext, ComparableGolden>, redact: boolean, evidence: EvidenceList): Promise<void> {
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

async function clean(text: string, path: string, redact: boolean): Promise<string> {
  return redact ? (await redactSecrets(text, { path })).text : text;
}

/** Numbered evidence (E1, E2...), each piece once, up to a limit. */
class EvidenceList {
  readonly items: Evidence[] = [];
  readonly #byKey = new Map<string, string>();

  constructor(private readonly limit: number) {}

  /** The id of `item`, added if new; undefined when the list holds `limit` items already. */
  add(item: Evidence, limit = this.limit): string | undefined {
    const key = item.kind === 'golden' ? `g:${item.citation.repo}:${item.citation.path}:${item.citation.startLine}` : `${item.kind}:${item.ruleId}`;
    const known = this.#byKey.get(key);
    if (known) return known;
    if (this.items.length >= Math.min(limit, this.limit)) return undefined;
    const id = `E${this.items.length + 1}`;
    this.items.push({ ...item, id });
    this.#byKey.set(key, id);
    return id;
  }
}

function addedRanges(hunks: Hunk[]): Array<{ start: number; end: number }> {
  const ranges: Array<{ start: number; end: number }> = [];
  for (const hunk of hunks) {
    for (const line of hunk.lines) {
      if (line.kind !== 'add' || line.newLine === undefined) continue;
      const last = ranges[ranges.length - 1];
      if (last && last.end === line.newLine - 1) last.end = line.newLine;
      else ranges.push({ start: line.newLine, end: line.newLine });
    }
  }
  return ranges;
}

/** The findings as short lines for the model, most important first, citing their evidence ids. */
function describeFindings(hunks: HunkContext[]): string {
  return hunks
    .flatMap((hunk) => hunk.findings)
    .sort((a, b) => mostImportantFirst(a.finding, b.finding) || mostSevereFirst(a.finding, b.finding))
    .map(({ finding, evidence }) => `${finding.path}:${finding.startLine} ${finding.ruleId} (${finding.concern}, ${finding.severity}): ${finding.message}${evidence.length ? ` [${evidence.join(', ')}]` : ''}`)
    .join('\n');
}
