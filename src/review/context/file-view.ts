import { checkFile } from '../../conventions/check.js';
import type { Finding } from '../../conventions/types.js';
import { chunkFile, type Chunk } from '../../index/chunk/index.js';
import { isParsedLanguage } from '../../index/language.js';
import { parse } from '../../index/parse/tree-sitter.js';
import { findPitfalls } from '../../pitfalls/find-pitfalls.js';
import { redactSecrets } from '../../redact/index.js';
import { formatHunkLines } from '../../tutor/claude/review-input.js';
import { withoutConflictMarkers } from '../diff/conflicts.js';
import { conflictFindings } from './conflict-findings.js';
import { secretFindings } from '../secrets/findings.js';
import type { DiffResult, FileChange, Hunk, HunkLine } from '../types.js';
import type { BuildContextOptions } from './build-context.js';
import { readNewText, readOldText } from './file-versions.js';
import { pitfallFindings } from './pitfall-findings.js';
import { localModules } from './local-modules.js';
import type { HunkContext } from './types.js';

/**
 * A changed file as a review reads it, once: both versions redacted with the whole file around
 * every line, its chunks, and the findings on its changed lines (credentials, linters' pitfalls,
 * conventions).
 */

/** A changed file read once per review and shared by its hunks. */
export interface FileView {
  /** The new file text, redacted (line count unchanged), or undefined when unreadable. */
  text: string | undefined;
  /** The old file text, redacted, when redacting: removed lines are redacted with the whole file around them. */
  oldText: string | undefined;
  chunks: Chunk[];
  findings: Finding[];
  /** One line per linter that could not check the file. */
  notices: string[];
}

export async function readFileView(file: FileChange, options: BuildContextOptions): Promise<FileView> {
  const [raw, rawOld] = await Promise.all([readNewText(options.repoRoot, options.target, file.path), options.redact ? readOldText(options.repoRoot, options.diff.base, file) : undefined]);
  const changed = addedRanges(file.hunks);
  const [redacted, oldText] = await Promise.all([
    raw === undefined || !options.redact ? { text: raw, redactions: [] } : redactSecrets(raw, { path: file.path }),
    rawOld === undefined ? undefined : clean(rawOld, file.path, options.redact),
  ]);
  const { text } = redacted;
  // A credential is taught whatever the language: its kind and line, from the redacted text.
  const secrets = text === undefined ? [] : [...conflictFindings(file, text, changed), ...secretFindings(file, text, redacted.redactions, changed)];
  if (text === undefined || !file.language) return { text, oldText, chunks: [], findings: secrets, notices: [] };
  // Parsed once for both, as the indexer does; an unresolved merge's markers are not code.
  const code = withoutConflictMarkers(text);
  const tree = isParsedLanguage(file.language) ? await parse(code, file.language).catch(() => null) : null;
  try {
    const chunks = await chunkFile(code, file.language, tree);
    const findings = options.profile ? await checkFile(options.profile, { path: file.path, language: file.language, text: code, changed }, tree) : [];
    const linted = await findPitfalls({ path: file.path, language: file.language, text: code, imported: localModules(options.repoRoot, file.path) }, { changed, ...(options.goldenLinterConfig ? { goldenConfig: options.goldenLinterConfig } : {}) });
    const pitfalls = pitfallFindings(file.path, file.language, linted.pitfalls, findings);
    return { text, oldText, chunks, findings: [...secrets, ...pitfalls, ...findings], notices: linted.notices };
  } finally {
    tree?.delete();
  }
}

/** One hunk's context, and the code to find golden neighbours with (its enclosing chunk, or the added lines). */
export async function hunkContext(file: FileChange, hunk: Hunk, view: FileView, redact: boolean): Promise<{ context: HunkContext; code: string }> {
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

/**
 * The diff as the learner is shown it (the Changes pane, the example view): every line redacted as
 * the context's are, so a credential's value is on no screen either, a pair's navigator's included.
 */
export async function redactedDiff(options: BuildContextOptions, files: Map<string, Promise<FileView>>): Promise<DiffResult> {
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

export async function clean(text: string, path: string, redact: boolean): Promise<string> {
  return redact ? (await redactSecrets(text, { path })).text : text;
}
