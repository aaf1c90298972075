import { atLeast } from '../tutor/severity.js';
import type { SessionStore } from '../session/store.js';
import type { Note, Severity } from '../tutor/types.js';
import { topicProgress } from './model.js';
import { AVOIDED_SAVES, BRIEF_WORDS, REVISIT_AFTER_MS } from './thresholds.js';
import type { TopicProgress } from './types.js';

/**
 * How the mentor adapts a note to what the learner already knows (MENTOR.md, "Adapting to the
 * learner"): `full` as written; `brief` one line on a mastered topic; `drop` a mastered topic's note
 * at the lowest severity shown; `lower` opens a struggling topic at the hint (L2), golden example
 * first; `attempt` a struggling topic whose learner keeps going straight to the change: more help
 * would feed the habit, so the question asks for a one-line attempt before the change (MENTOR.md,
 * "help abuse"); `revisit` a mastered topic not seen for a long while, shown in full once.
 */
export type Adaptation = 'full' | 'brief' | 'drop' | 'lower' | 'attempt' | 'revisit';

/** Mastered topics are dropped below the severity one step above the configured minimum. */
const RAISED: Record<Severity, Severity> = { info: 'warn', warn: 'error', error: 'error' };

export function adaptationFor(topic: TopicProgress | undefined, severity: Severity, minSeverity: Severity, now: number): Adaptation {
  if (!topic) return 'full';
  if (topic.status === 'struggling') return topic.rushing ? 'attempt' : 'lower';
  if (topic.status !== 'mastered') return 'full';
  if (now - topic.lastSeen >= REVISIT_AFTER_MS) return 'revisit';
  return atLeast({ severity }, RAISED[minSeverity]) ? 'brief' : 'drop';
}

/** The note as the learner gets it under `adaptation` (`drop` is the caller's to honour: the note is returned as is). */
export function adaptNote(note: Note, adaptation: Adaptation): Note {
  switch (adaptation) {
    case 'full':
    case 'drop':
      return note;
    case 'revisit':
      return { ...note, adapted: 'mastered, not seen for a while: in full once' };
    case 'brief':
      return { ...note, ladder: note.ladder.map((rung) => (rung.level === 1 ? { level: 1, text: briefLine(note) } : rung)), adapted: 'mastered: one line' };
    case 'attempt':
      return { ...note, ladder: note.ladder.map((rung) => (rung.level === 1 ? { level: 1, text: `${rung.text} ${ATTEMPT_ASK}` } : rung)), adapted: 'went straight to the change lately: try a line first' };
    case 'lower': {
      // Golden code first: a struggling learner is better served by an example than by more words.
      const evidence = [...note.evidence.filter((e) => e.kind === 'golden'), ...note.evidence.filter((e) => e.kind !== 'golden')];
      return { ...note, evidence, opensAt: 2, adapted: 'hard topic: opens at the hint' };
    }
    default: {
      const unreachable: never = adaptation;
      return unreachable;
    }
  }
}

/** What the question adds when the learner keeps taking the change without trying (no "hints left" counter: MENTOR.md). */
const ATTEMPT_ASK = 'Before you open the change, write one line of your own here and save: the note follows your code.';

/** One line for a mastered topic: the convention it departs from, or the question's first words. */
function briefLine(note: Note): string {
  const convention = note.evidence.find((e) => e.kind === 'convention');
  const text = convention ? `Again: ${convention.statement.replace(/\.$/, '')}.` : `Again: ${note.ladder[0]?.text ?? note.title}`;
  const words = text.split(/\s+/);
  return words.length <= BRIEF_WORDS ? text : `${words.slice(0, BRIEF_WORDS).join(' ')}…`;
}

/** What a model writing notes is told for each adaptation; `full` needs no word. */
const GUIDANCE: Record<Exclude<Adaptation, 'full'>, string> = {
  brief: 'mastered: keep it to one line',
  drop: 'mastered: say nothing unless it is more serious than usual, and then in one line',
  lower: 'struggling: lead with the golden example, and let the hint name the habit plainly',
  attempt: 'goes straight to the change without trying the hints: end the question by asking for a one-line attempt, and keep every rung before the change short of the fix',
  revisit: 'mastered, but not seen for a while: a full note once is right',
};

/** Decides once per topic per review, from the learner's record as it stood when the review began. */
export interface LearnerAdapter {
  decide(note: Pick<Note, 'topic' | 'severity'>): Adaptation;
  apply(note: Note): Note;
  /** One line per topic the mentor treats differently (`ts.naming.function: mastered: keep it to one line`), for a model's prompt. */
  guidance(topics: ReadonlyArray<Pick<Note, 'topic' | 'severity'>>): string[];
}

/**
 * The one adaptation step every tutor's notes go through (run-review.ts). Reads the topic's note
 * counts (not their ladder and evidence text) and quiz answers through indexed per-topic queries,
 * so a save costs a few small reads.
 */
export function learnerAdapter(session: SessionStore, minSeverity: Severity, now: () => number = session.now): LearnerAdapter {
  const topics = new Map<string, TopicProgress | undefined>();
  const progressOf = (topic: string): TopicProgress | undefined => {
    if (!topics.has(topic)) {
      const notes = session.noteSummaries({ topic });
      const quiz = session.quizHistory({ topic });
      topics.set(topic, notes.length === 0 ? undefined : topicProgress(notes, quiz, null, now()));
    }
    return topics.get(topic);
  };
  const decide = (note: Pick<Note, 'topic' | 'severity'>): Adaptation => adaptationFor(progressOf(note.topic), note.severity, minSeverity, now());
  const guidance = (topics: ReadonlyArray<Pick<Note, 'topic' | 'severity'>>): string[] => {
    // One line per topic, decided at its most serious severity in this change.
    const worst = new Map<string, Severity>();
    for (const { topic, severity } of topics) if (!worst.has(topic) || atLeast({ severity }, worst.get(topic)!)) worst.set(topic, severity);
    return [...worst].flatMap(([topic, severity]) => {
      const adaptation = decide({ topic, severity });
      return adaptation === 'full' ? [] : [`${topic}: ${GUIDANCE[adaptation]}`];
    });
  };
  const apply = (note: Note): Note => {
    const adaptation = decide(note);
    return adaptation === 'full' && isAvoided(session, note.id) ? nudge(note) : adaptNote(note, adaptation);
  };
  return { decide, apply, guidance };
}

/**
 * Whether the learner has left this note at its question over AVOIDED_SAVES saves while it stayed
 * open. Once it has opened at the hint its record says L2, so the nudge comes once.
 */
function isAvoided(session: SessionStore, noteId: string): boolean {
  const record = session.getNote(noteId);
  return record !== undefined && record.timesSeen >= AVOIDED_SAVES && record.maxLevel === 1 && record.resolvedAt === null && record.dismissedAt === null;
}

/** Opens an avoided note at its hint, once (MENTOR.md, "help avoidance"). */
function nudge(note: Note): Note {
  return note.ladder.some((rung) => rung.level === 2) ? { ...note, opensAt: 2, adapted: `open for ${AVOIDED_SAVES} saves without a hint: here is one` } : note;
}
