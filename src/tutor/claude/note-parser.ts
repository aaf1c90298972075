import { createHash } from 'node:crypto';
import { debug } from '../../log/logger.js';
import { enforceRungDiscipline, RungPreview } from '../rungs.js';
import type { Evidence, HintLevel, Note, Rung, Severity, TutorEvent } from '../types.js';
import { citationLabel, citeEvidence, type EvidenceAliases } from './prompt-data.js';
import { hunkLineText, type ReviewHunk } from './review-input.js';

/**
 * Turns the model's streamed reply into TutorEvents as it arrives. The reply is a sequence of
 * `<note path lines topic severity title evidence>` elements holding `<question>`, `<hint>`,
 * `<example>` and `<change>` (see prompts/review-system.md). Tags may be split across deltas at any
 * character. Guarantees: an evidence id that was not sent never reaches the learner; a reply that
 * ignores the format is still shown as one note; a reply cut mid-note keeps what arrived.
 */

/** What the parser checks the reply against. */
export interface NoteParserContext {
  /** The evidence sent, by the id the model cites it with. */
  aliases: EvidenceAliases;
  /** The hunks sent: default place for a note, and the learner's code for note ids. */
  hunks: ReviewHunk[];
  /** The learner's code on lines start..end of path, hashed into the note id (default: from the hunks). */
  lineText?: (path: string, startLine: number, endLine: number) => string;
  /** Notes after this many are ignored. */
  maxNotes?: number;
}

const CHILDREN = ['question', 'hint', 'example', 'change'] as const;
type Child = (typeof CHILDREN)[number];
const RUNG_OF: Record<Child, HintLevel> = { question: 1, hint: 2, example: 3, change: 4 };
/** Longest tag the parser must see whole before deciding (`</question>`, `</example>`...). */
const LONGEST_TAG = '</question >'.length;

interface OpenNote {
  head: Pick<Note, 'id' | 'path' | 'startLine' | 'endLine' | 'topic' | 'severity' | 'title' | 'source'>;
  evidence: Evidence[];
  code: string;
  rungs: Partial<Record<Child, string>>;
  loose: string;
  preview: RungPreview;
  /** Beyond maxNotes: parsed so the stream stays in step, never shown. */
  hidden: boolean;
}

/** Incremental parser for one reply. Feed `push` with text deltas, then call `end` once. */
export class NoteParser {
  readonly #context: NoteParserContext;
  #buffer = '';
  #mode: 'outside' | 'note' | Child = 'outside';
  #note: OpenNote | undefined;
  #outside = '';
  #started = 0;
  #finished = 0;

  constructor(context: NoteParserContext) {
    this.#context = context;
  }

  /** Notes emitted so far (note-end events). */
  get notes(): number {
    return this.#finished;
  }

  /** Adds a text delta; returns the events it completes. */
  push(delta: string): TutorEvent[] {
    this.#buffer += delta;
    const events: TutorEvent[] = [];
    while (this.#step(events));
    return events;
  }

  /** Ends the reply. `truncated`: the stream was cut, so an open note is kept and marked partial. */
  end(options: { truncated: boolean }): TutorEvent[] {
    const events: TutorEvent[] = [];
    if (this.#note) {
      // A tag cut in half at the end of the stream is not content.
      const rest = this.#buffer.replace(/<\/?[a-z]*$/, '');
      if (this.#mode !== 'note' && this.#mode !== 'outside') this.#append(this.#mode, rest, events);
      else this.#note.loose += rest;
      this.#buffer = '';
      this.#finishNote(events, true);
      if (!options.truncated) debug('tutor', 'reply ended inside a note (max_tokens?)');
    } else {
      this.#outside += this.#buffer;
      this.#buffer = '';
    }
    if (this.#started === 0) this.#fallbackNote(events);
    else if (this.#outside.trim() !== '') debug('tutor', 'text outside notes ignored', { chars: this.#outside.trim().length });
    return events;
  }

  /** Consumes as much of the buffer as can be decided now; false when more text is needed. */
  #step(events: TutorEvent[]): boolean {
    switch (this.#mode) {
      case 'outside':
        return this.#stepOutside(events);
      case 'note':
        return this.#stepInNote(events);
      default:
        return this.#stepInChild(this.#mode, events);
    }
  }

  #stepOutside(events: TutorEvent[]): boolean {
    const start = this.#buffer.search(/<note[\s>]/);
    if (start === -1) {
      const keep = partialTagStart(this.#buffer, ['<note']);
      this.#outside += this.#buffer.slice(0, keep);
      this.#buffer = this.#buffer.slice(keep);
      return false;
    }
    const close = tagEnd(this.#buffer, start);
    this.#outside += this.#buffer.slice(0, start);
    this.#buffer = this.#buffer.slice(start);
    if (close === -1) return false;
    this.#openNote(parseAttributes(this.#buffer.slice('<note'.length, close - start)), events);
    this.#buffer = this.#buffer.slice(close - start + 1);
    this.#mode = 'note';
    return true;
  }

  #stepInNote(events: TutorEvent[]): boolean {
    const note = this.#note;
    if (!note) throw new Error('NoteParser: in a note without one');
    const lt = this.#buffer.indexOf('<');
    if (lt === -1) {
      note.loose += this.#buffer;
      this.#buffer = '';
      return false;
    }
    note.loose += this.#buffer.slice(0, lt);
    this.#buffer = this.#buffer.slice(lt);
    const tag = /^<(\/?)([a-z]+)\s*>/.exec(this.#buffer);
    if (tag) {
      const [whole, slash, name] = tag;
      if (!slash && isChild(name)) {
        this.#mode = name;
        this.#buffer = this.#buffer.slice(whole.length);
        return true;
      }
      if (slash && name === 'note') {
        this.#buffer = this.#buffer.slice(whole.length);
        this.#finishNote(events, false);
        return true;
      }
    }
    if (/^<note[\s>]/.test(this.#buffer)) {
      // A new note without closing the last one: close it and carry on.
      this.#finishNote(events, false);
      return true;
    }
    const expected = [...CHILDREN.map((child) => `<${child}>`), '</note>', '<note '];
    if (this.#buffer.length < LONGEST_TAG && expected.some((candidate) => candidate.startsWith(this.#buffer))) return false;
    note.loose += '<';
    this.#buffer = this.#buffer.slice(1);
    return true;
  }

  #stepInChild(child: Child, events: TutorEvent[]): boolean {
    const closing = /<\/(question|hint|example|change|note)\s*>/.exec(this.#buffer);
    if (!closing) {
      const keep = partialTagStart(this.#buffer, [`</${child}`, '</note']);
      this.#append(child, this.#buffer.slice(0, keep), events);
      this.#buffer = this.#buffer.slice(keep);
      return false;
    }
    this.#append(child, this.#buffer.slice(0, closing.index), events);
    this.#buffer = this.#buffer.slice(closing.index + closing[0].length);
    if (child === 'question') this.#flushPreview(events);
    if (closing[1] === 'note') this.#finishNote(events, false);
    else this.#mode = 'note';
    return true;
  }

  #append(child: Child, text: string, events: TutorEvent[]): void {
    const note = this.#note;
    if (!note || text === '') return;
    note.rungs[child] = (note.rungs[child] ?? '') + text;
    if (child !== 'question' || note.hidden) return;
    const shown = note.preview.push(decodeEntities(text));
    if (shown) events.push({ type: 'text', noteId: note.head.id, text: shown });
  }

  #flushPreview(events: TutorEvent[]): void {
    const note = this.#note;
    if (!note || note.hidden) return;
    const rest = note.preview.finish();
    if (rest) events.push({ type: 'text', noteId: note.head.id, text: rest });
  }

  #openNote(attributes: Record<string, string>, events: TutorEvent[]): void {
    const fallback = this.#context.hunks.find((hunk) => hunk.path === attributes.path) ?? this.#context.hunks[0];
    const path = attributes.path || fallback?.path || '';
    const [startLine, endLine] = parseLines(attributes.lines) ?? [fallback?.startLine ?? 1, fallback?.endLine ?? 1];
    const topic = attributes.topic?.trim() || 'general';
    const { evidence, invented } = this.#resolveEvidence(attributes.evidence ?? '');
    let severity = parseSeverity(attributes.severity);
    if (invented.length > 0 && evidence.length === 0 && severity !== 'info') {
      // Its only grounding was invented: it may stay as a question, not as "how we do it here".
      debug('tutor', 'note cited only evidence that was not sent; kept as info', { invented: invented.length });
      severity = 'info';
    }
    const code = this.#lineText(path, startLine, endLine);
    const hidden = this.#started >= (this.#context.maxNotes ?? Number.POSITIVE_INFINITY);
    this.#started += 1;
    this.#note = {
      head: { id: noteId(path, topic, code || `${startLine}-${endLine}`), path, startLine, endLine, topic, severity, title: attributes.title?.trim() || topic, source: 'model' },
      evidence,
      code,
      rungs: {},
      loose: '',
      preview: new RungPreview(1, { code }),
      hidden,
    };
    if (hidden) {
      debug('tutor', 'note beyond maxNotes ignored', { maxNotes: this.#context.maxNotes });
      return;
    }
    events.push({ type: 'note-start', note: this.#note.head });
    for (const item of evidence) events.push({ type: 'citation', noteId: this.#note.head.id, evidence: item });
  }

  #resolveEvidence(list: string): { evidence: Evidence[]; invented: string[] } {
    const evidence: Evidence[] = [];
    const invented: string[] = [];
    for (const id of new Set(list.split(/[\s,]+/).filter(Boolean))) {
      const item = this.#context.aliases.get(id);
      if (item) evidence.push(item);
      else invented.push(id);
    }
    if (invented.length > 0) debug('tutor', 'dropped evidence ids that were not sent', { invented });
    return { evidence, invented };
  }

  #finishNote(events: TutorEvent[], partial: boolean): void {
    this.#flushPreview(events);
    const note = this.#note;
    this.#note = undefined;
    this.#mode = 'outside';
    if (!note || note.hidden) return;
    const texts: Partial<Record<HintLevel, string>> = {};
    for (const child of CHILDREN) {
      const text = note.rungs[child];
      if (text !== undefined && text.trim() !== '') texts[RUNG_OF[child]] = citeEvidence(decodeEntities(text), this.#context.aliases);
    }
    if (texts[1] === undefined && note.loose.trim() !== '') texts[1] = citeEvidence(decodeEntities(note.loose), this.#context.aliases);
    const ladder = enforceRungDiscipline(completeLadder(texts, note.head, note.evidence), { code: note.code });
    const finished: Note = { ...note.head, ladder, evidence: note.evidence, ...(partial ? { partial: true } : {}) };
    this.#finished += 1;
    events.push({ type: 'note-end', note: finished });
  }

  /** A reply with no note at all: shown as one general note unless it is empty or `<none/>`. */
  #fallbackNote(events: TutorEvent[]): void {
    const text = this.#outside.replace(/<\/?[a-z_]+\s*\/?>/g, ' ').trim();
    if (text === '') return;
    const hunk = this.#context.hunks[0];
    const path = hunk?.path ?? '';
    const [startLine, endLine] = [hunk?.startLine ?? 1, hunk?.endLine ?? 1];
    const code = this.#lineText(path, startLine, endLine);
    const head = { id: noteId(path, 'general', code || text), path, startLine, endLine, topic: 'general', severity: 'info' as const, title: 'mentor note', source: 'model' as const };
    debug('tutor', 'reply did not follow the note format; shown as one note', { chars: text.length });
    // The whole reply is kept at the last rung, so trimming the first ones loses nothing.
    const ladder = enforceRungDiscipline(completeLadder({ 1: text, 2: text, 4: text }, head, []), { code });
    events.push({ type: 'note-start', note: head });
    events.push({ type: 'text', noteId: head.id, text: ladder[0]?.text ?? '' });
    events.push({ type: 'note-end', note: { ...head, ladder, evidence: [] } });
    this.#finished += 1;
  }

  #lineText(path: string, startLine: number, endLine: number): string {
    const read = this.#context.lineText ?? ((p: string, s: number, e: number) => hunkLineText(this.#context.hunks, p, s, e));
    return read(path, startLine, endLine);
  }
}

/**
 * Stable note id: the same path, topic and code give the same id on every save, whatever line the
 * code moved to, so dismissals and dedup survive edits elsewhere in the file.
 */
export function noteId(path: string, topic: string, code: string): string {
  const normalised = code.split('\n').map((line) => line.trim()).filter(Boolean).join('\n');
  return createHash('sha256').update(`${path}\0${topic}\0${normalised}`).digest('hex').slice(0, 16);
}

/** Fills the rungs the model left out (marked `stock`, written afresh when climbed to), so every note has exactly four. */
function completeLadder(texts: Partial<Record<HintLevel, string>>, head: OpenNote['head'], evidence: Evidence[]): Rung[] {
  const where = `${head.path}:${head.startLine}${head.endLine === head.startLine ? '' : `-${head.endLine}`}`;
  const golden = evidence.find((item) => item.kind === 'golden');
  const defaults: Record<HintLevel, string> = {
    1: `Look at ${where}: what does this code do when it runs, step by step?`,
    2: `Read ${where} again with ${head.title} in mind: what would a caller, or the next reader, expect to happen here?`,
    3: golden
      ? `Compare ${where} with ${citationLabel(golden.citation)}: what does the golden code do differently?`
      : 'No golden example was cited for this note; compare it with similar code elsewhere in the project.',
    4: 'The concrete change was not written for this note; ask about it in chat.',
  };
  return ([1, 2, 3, 4] as const).map((level) => {
    const text = texts[level];
    return text === undefined ? { level, text: defaults[level], stock: true } : { level, text };
  });
}

function isChild(name: string | undefined): name is Child {
  return (CHILDREN as readonly string[]).includes(name ?? '');
}

/** Index of the `>` ending the tag that starts at `start`, skipping quoted values; -1 if not there yet. */
function tagEnd(text: string, start: number): number {
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '>') return i;
  }
  return -1;
}

/** Where a trailing fragment that could still grow into one of `tags` begins (text.length if none). */
function partialTagStart(text: string, tags: string[]): number {
  const lt = text.lastIndexOf('<');
  if (lt === -1 || text.length - lt > LONGEST_TAG) return text.length;
  const tail = text.slice(lt).trimEnd();
  return tags.some((tag) => tag.startsWith(tail)) ? lt : text.length;
}

function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const key = match[1];
    if (key) attributes[key] = decodeEntities(match[2] ?? match[3] ?? '');
  }
  return attributes;
}

function parseLines(value: string | undefined): [number, number] | undefined {
  const match = /^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$/.exec(value ?? '');
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = Number(match[2] ?? match[1]);
  return start > 0 && end >= start ? [start, end] : undefined;
}

function parseSeverity(value: string | undefined): Severity {
  return value === 'error' || value === 'warn' ? value : 'info';
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}
