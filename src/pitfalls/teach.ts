import type { Concern } from './types.js';

/**
 * The opening question for a rule nobody wrote one for: it sends the learner to the line with the
 * right worry in mind, and leaves the finding to them (the engine's message is the hint).
 */
const QUESTION_BY_CONCERN: Record<Concern, string> = {
  security: 'Who controls the data that reaches this line, and what could they make it do?',
  correctness: 'Run this line in your head with an unusual input: does it still do what you meant?',
  design: 'What will the next person who changes this code trip over here?',
  style: 'How would the golden code write this line?',
};

/** The question of every HTTP call that can wait forever, whichever engine finds it. */
export const NO_TIMEOUT_QUESTION = 'What happens to this request if the server never answers?';

/** The rule's own question when it has one, else the one for its concern. */
export function questionFor(concern: Concern, own?: string): string {
  return own ?? QUESTION_BY_CONCERN[concern];
}

/** A title from an engine message when no rule table names the pitfall: its first clause, without the trailing stop. */
export function titleFromMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/[.:]\s*$/, '');
}
