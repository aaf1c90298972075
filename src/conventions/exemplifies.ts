import type { Language } from '../index/language.js';
import { exemplifiesCall } from './api/exemplifies.js';
import { collectFacts } from './observe.js';
import { ruleMeta } from './rules.js';
import type { Convention, SizeStats } from './types.js';

/** Habits judged on a whole file (its name, place or length): a piece of a file cannot show them. */
const WHOLE_FILE = /^(layout\.|naming\.file$|naming\.folder$|size\.file-lines$)/;

/**
 * Where a piece of golden code shows a convention being followed: it must hold at least one case
 * of the habit, and every case in it must be the habit (a catch that handles its error, a function
 * within the size limit). Putting such code beside a departure shows the habit at work, where merely
 * similar code might show nothing of it, or the same departure. Returns the lines (1-based in
 * `text`) of the case nearest `near` (the line of the call a note is about; the first case without
 * it), or undefined when the code is no example of it.
 */
export async function exemplifies(text: string, language: Language, convention: Convention, size?: SizeStats, near?: number): Promise<{ start: number; end: number } | undefined> {
  const key = convention.id.slice(convention.id.indexOf('.') + 1);
  if (WHOLE_FILE.test(key)) return undefined;
  if (convention.call) return exemplifiesCall(text, language, convention.call);
  const facts = await collectFacts(text, language);
  if (key.startsWith('size.')) {
    const cases = facts.measures.filter((measure) => measure.key === key);
    return size !== undefined && cases.length > 0 && cases.every((measure) => measure.value <= size.limit) ? nearest(cases, near) : undefined;
  }
  const meta = ruleMeta(key);
  const cases = facts.facts.filter((fact) => fact.key === key);
  return meta && cases.length > 0 && cases.every((fact) => meta.conforms(fact.value, convention.expected)) ? nearest(cases, near) : undefined;
}

/** The case whose lines are nearest `line`; the first case when there is no line. */
function nearest<T extends { start: number; end: number }>(cases: readonly T[], line: number | undefined): T | undefined {
  if (line === undefined) return cases[0];
  const distance = (at: T) => Math.max(at.start - line, line - at.end, 0);
  return cases.reduce((best, at) => (distance(at) < distance(best) ? at : best));
}
