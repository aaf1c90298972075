import { messageOf } from '../errors/archangel-error.js';

/** A notice quotes at most this much of an error: one line in a review, never a stack trace or a parser's excerpt. */
const MAX_REASON_CHARS = 160;

/** The first line of an error's message, cut to a length a one-line notice can carry. */
export function reasonOf(error: unknown): string {
  const line = (messageOf(error).split('\n')[0] ?? '').trim().replace(/:$/, '');
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS - 1)}…` : line || 'no reason given';
}
