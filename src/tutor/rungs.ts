import type { HintLevel, Note, Rung } from './types.js';

/**
 * Rung discipline, enforced in code (MENTOR.md principle 7): models hand out the fix even when told
 * not to, so every rung below the last is checked before a learner sees it. Levels 1-3 lose code
 * blocks, diff lines and literal replacements, and are trimmed to what fits a terminal glance;
 * level 4 (the change itself) may hold a minimal diff. Shared by the offline and the Claude mentor.
 */

/** Stands in for a removed code block or diff, as its own sentence. */
export const CHANGE_AT_LAST_RUNG = '(The change itself is at the last rung.)';

/** Stands in for a removed inline replacement, mid-sentence. */
const INLINE_CHANGE = 'that change (shown at the last rung)';

/** What may be said before the last rung; checking needs nothing else. */
export interface RungOptions {
  /**
   * The learner's current code. An inline span quoted from it ("your `catch (e) {}`") points at the
   * problem rather than the fix, so it is kept.
   */
  code?: string;
}

interface Limits {
  sentences: number;
  words: number;
}

/**
 * L1 is read at a glance on every save: one sentence, perhaps a short lead-in, ~60 words (the
 * rubric's "terminal fit"). L2 is a hint of at most three sentences. L3 sits beside two code panes,
 * so it gets a little more room but stays a short question about the difference.
 */
const LIMITS: Record<Exclude<HintLevel, 4>, Limits> = {
  1: { sentences: 2, words: 60 },
  2: { sentences: 3, words: 60 },
  3: { sentences: 4, words: 90 },
};

/** Inline spans at most this long that only name something (`getUserData`, `api.get()`) are fine. */
const MAX_IDENTIFIER_SPAN = 40;
/** Quotes of the learner's own code longer than this read as a block, not a pointer. */
const MAX_QUOTE_SPAN = 60;
/** Short spans with no statement syntax (`{ cause }`, `| undefined`) name an idea, not a fix. */
const MAX_PLAIN_SPAN = 24;

/** Returns the ladder with each rung's text made safe for its level; rungs are never dropped. */
export function enforceRungDiscipline(ladder: Rung[], options: RungOptions = {}): Rung[] {
  return ladder.map((rung) => ({ ...rung, text: enforceRungText(rung.level, rung.text, options) }));
}

/**
 * A note seen again (same place, topic and code) whose reply left rungs out keeps the ones written
 * for it before (on demand, in the learner record): its stand-ins give way to them.
 */
export function keepWrittenRungs(note: Note, earlier: readonly Rung[] | undefined): Note {
  if (!earlier || !note.ladder.some((rung) => rung.stock)) return note;
  const ladder = note.ladder.map((rung) => (rung.stock ? (earlier.find((old) => old.level === rung.level && !old.stock) ?? rung) : rung));
  return { ...note, ladder };
}

/** One rung's text, made safe for its level (see `enforceRungDiscipline`). */
export function enforceRungText(level: HintLevel, text: string, options: RungOptions = {}): string {
  if (level === 4) return dedent(text).trim();
  const cleaned = stripCode(text, options);
  return limitLength(cleaned === '' ? CHANGE_AT_LAST_RUNG : cleaned, LIMITS[level]);
}

/**
 * Removes fenced and indented code blocks, diff lines, bare statements and inline code that spells
 * out a replacement; collapses whitespace so the result reads as one paragraph.
 */
export function stripCode(text: string, options: RungOptions = {}): string {
  const kept: string[] = [];
  let fence: string | undefined;
  let removedBlock = false;
  const flushPlaceholder = (): void => {
    if (removedBlock && kept.at(-1) !== CHANGE_AT_LAST_RUNG) kept.push(CHANGE_AT_LAST_RUNG);
    removedBlock = false;
  };
  for (const line of dedent(text).split('\n')) {
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence !== undefined) {
      if (fenceMatch?.[1]?.startsWith(fence)) fence = undefined;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      removedBlock = true;
      continue;
    }
    if (isIndentedCode(line) || isDiffLine(line)) {
      removedBlock = true;
      continue;
    }
    flushPlaceholder();
    kept.push(line);
  }
  flushPlaceholder();
  const prose = kept.join(' ').replace(/\s+/g, ' ').trim();
  return collapsePlaceholders(stripBareStatements(stripInlineCode(prose, options)));
}

/** Keeps the first sentences and words that fit; a question beyond the cut replaces the last kept sentence. */
function limitLength(text: string, limits: Limits): string {
  const sentences = splitSentences(text);
  let kept = sentences.slice(0, limits.sentences);
  if (sentences.length > limits.sentences && !kept.some(isQuestion)) {
    const question = sentences.slice(limits.sentences).find(isQuestion);
    if (question !== undefined) kept = [...kept.slice(0, -1), question];
  }
  const words = kept.join(' ').split(' ');
  if (words.length <= limits.words) return kept.join(' ');
  return `${words.slice(0, limits.words).join(' ').replace(/[,;:]$/, '')}…`;
}

function isQuestion(sentence: string): boolean {
  return sentence.endsWith('?');
}

/** Sentence ends, not abbreviations such as "e.g." or member access such as `api.get`. */
function splitSentences(text: string): string[] {
  const parts = text.split(/(?<=[.?!…)])\s+(?=[A-Z(`"'])/);
  const sentences: string[] = [];
  for (const part of parts) {
    const previous = sentences.at(-1);
    if (previous !== undefined && /\b(e\.g|i\.e|etc|vs)\.$/i.test(previous)) sentences[sentences.length - 1] = `${previous} ${part}`;
    else if (part.trim() !== '') sentences.push(part.trim());
  }
  return sentences;
}

/** Statement syntax: an assignment, an arrow, a semicolon, a call with arguments, a keyword statement. */
const STATEMENT = /;|=>|[^=!<>]=[^=]|^=|\(\s*[^)\s]|\b(return|throw|new|await|const|let|var|import|export)\s/;

function stripInlineCode(text: string, options: RungOptions): string {
  const quoted = options.code === undefined ? '' : normaliseSpace(options.code);
  return text.replace(/(`+)([^`]+?)\1|`([^`]+)$/g, (span: string, _ticks: string, closed?: string, open?: string) => {
    const inner = (closed ?? open ?? '').trim();
    if (inner.length <= MAX_IDENTIFIER_SPAN && /^[\w$.#@:/\-<>[\]|]+(\(\))?$/.test(inner)) return span;
    if (inner.length <= MAX_QUOTE_SPAN && quoted !== '' && quoted.includes(normaliseSpace(inner))) return span;
    if (inner.length <= MAX_PLAIN_SPAN && !STATEMENT.test(inner)) return span;
    return INLINE_CHANGE;
  });
}

/** Code written into prose without backticks: "change it to throw new Error('x', { cause: e });". */
function stripBareStatements(text: string): string {
  const start = /\b(?:throw\s+new\b|return\s|(?:const|let|var)\s+[\w$]+\s*=|await\s+[\w$.]+\(|if\s*\(|try\s*\{|catch\s*\(|[\w$]+(?:\.[\w$]+)*\()/.source;
  const candidate = new RegExp(`${start}(?:(?!\\.\\s)[^?!\`])*?(?:;|\\}\\)?|\\)\\s*;)(?=\\s|$|[,.?!])`, 'g');
  return text.replace(candidate, (run) => (/[{};]|=>|\s=\s/.test(run) && /[({]/.test(run) ? INLINE_CHANGE : run));
}

function collapsePlaceholders(text: string): string {
  const twice = `${CHANGE_AT_LAST_RUNG} ${CHANGE_AT_LAST_RUNG}`;
  let result = text;
  while (result.includes(twice)) result = result.replace(twice, CHANGE_AT_LAST_RUNG);
  return result;
}

/** Code-looking line indented like a markdown code block. Indented prose is left alone. */
function isIndentedCode(line: string): boolean {
  return /^( {4}|\t)/.test(line) && looksLikeCode(line);
}

/** `+ code`, `- code`, `@@ -1,2 +1,3 @@`, `--- a/x`; a bulleted sentence ("- what happens?") is prose. */
function isDiffLine(line: string): boolean {
  if (/^\s*(@@ .*@@|\+\+\+ |--- (a\/|b\/|\/dev\/null))/.test(line)) return true;
  const match = /^\s*[+-](?![+-])\s?(.*)$/.exec(line);
  return match !== null && looksLikeCode(match[1] ?? '');
}

function looksLikeCode(line: string): boolean {
  const text = line.trim();
  return (
    /[;{}]\s*$|^[{}]|=>|\s=\s|^\/\/|^#/.test(text) ||
    /^(const|let|var|return|throw|await|import|export|function|class|def|try|catch|if|for|while)\b.*[({=:;]/.test(text)
  );
}

function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Removes the indentation every non-blank line shares (model output inside tags is often indented). */
function dedent(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((line) => line.slice(common)).join('\n');
}

/**
 * A live, safe preview of one rung while it streams: `push` returns only text that is already known
 * to survive `enforceRungText` (open code spans, fences and possible diff lines are held back). When a
 * later character changes what was already shown, the preview stops; the finished rung is authoritative.
 */
export class RungPreview {
  readonly #level: HintLevel;
  readonly #options: RungOptions;
  #raw = '';
  #shown = '';
  #stalled = false;

  constructor(level: HintLevel, options: RungOptions = {}) {
    this.#level = level;
    this.#options = options;
  }

  /** Adds streamed text; returns what may be shown now (possibly ''). */
  push(delta: string): string {
    this.#raw += delta;
    if (this.#level === 4) return delta;
    if (this.#stalled) return '';
    const settled = settledPrefix(this.#raw);
    const limits = LIMITS[this.#level];
    const words = stripCode(settled, this.#options).split(' ');
    const safe = words.slice(0, limits.words).join(' ');
    if (safe.startsWith(this.#shown)) return this.#advance(safe);
    this.#stalled = true;
    return '';
  }

  /** The rung is complete: returns the rest of its final text, if it still extends what was shown. */
  finish(): string {
    if (this.#level === 4 || this.#stalled) return '';
    this.#stalled = true;
    const final = enforceRungText(this.#level, this.#raw, this.#options);
    return final.startsWith(this.#shown) ? final.slice(this.#shown.length) : '';
  }

  #advance(safe: string): string {
    const next = safe.slice(this.#shown.length);
    this.#shown = safe;
    return next;
  }
}

/** The part of a growing text whose code-stripping cannot change any more. */
function settledPrefix(raw: string): string {
  let end = raw.length;
  const fences = [...raw.matchAll(/^\s*(`{3,}|~{3,})/gm)];
  if (fences.length % 2 === 1) end = Math.min(end, fences.at(-1)?.index ?? end);
  const ticks = [...raw.slice(0, end).matchAll(/`/g)];
  if (ticks.length % 2 === 1) end = Math.min(end, ticks.at(-1)?.index ?? end);
  // An unfinished line may still turn out to be a diff line or indented code.
  const lastLine = raw.lastIndexOf('\n', end - 1) + 1;
  if (/^\s*[+\-@]/.test(raw.slice(lastLine, end))) end = lastLine;
  const head = raw.slice(0, end);
  const lastSpace = head.search(/\s\S*$/);
  return lastSpace === -1 ? '' : head.slice(0, lastSpace);
}
