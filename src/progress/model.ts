import { worstSeverity } from '../tutor/severity.js';
import { FOCUS_SIZE, MASTERY_STREAK, RECENT_NOTES, RUSH_MS, RUSHING_NOTES, STRUGGLE_FULL_LADDER, STRUGGLE_OPEN, STRUGGLE_RELAPSES } from './thresholds.js';
import type { FocusItem, LearnerProgress, NoteFacts, QuizFacts, TopicProgress, TopicStatus, Trend } from './types.js';

/**
 * The learner model: a pure function from note records and quiz answers to per-topic progress.
 * No clock, no database: the store feeds it, the tests drive it, the mentor and `progress` read it.
 */
export function learnerProgress(input: { learner: string; notes: readonly NoteFacts[]; quiz: readonly QuizFacts[]; since: number | null; now: number }): LearnerProgress {
  const notesByTopic = groupBy(input.notes, (note) => note.topic);
  const quizByTopic = groupBy(input.quiz, (answer) => answer.topic);
  const topics: TopicProgress[] = [];
  for (const [topic, notes] of notesByTopic) topics.push(topicProgress(notes, quizByTopic.get(topic) ?? [], input.since, input.now));
  topics.sort(byStatusThenWeight);
  const counts: Record<TopicStatus, number> = { struggling: 0, learning: 0, new: 0, mastered: 0 };
  for (const topic of topics) counts[topic.status]++;
  return { learner: input.learner, since: input.since, now: input.now, topics, focus: focusList(topics, notesByTopic), counts };
}

/** One topic's progress from its notes (at least one) and its quiz answers. */
export function topicProgress(notes: readonly NoteFacts[], quiz: readonly QuizFacts[], since: number | null, now: number): TopicProgress {
  const newest = [...notes].sort((a, b) => b.lastSeen - a.lastSeen);
  const first = newest[0]!;
  const live = newest.filter((note) => note.dismissedAt === null);
  const open = live.filter((note) => note.resolvedAt === null);
  const fixTimes = live.flatMap((note) => (note.resolvedAt === null ? [] : [note.resolvedAt - note.firstSeen])).sort((a, b) => a - b);
  const streak = currentStreak(live, quiz);
  const recent = live.slice(0, RECENT_NOTES);
  const progress: Omit<TopicProgress, 'status'> = {
    topic: first.topic,
    category: first.category,
    title: first.title,
    trend: trendOf(notes, since, now),
    notes: notes.length,
    sightings: sum(notes, (note) => note.timesSeen),
    open: open.length,
    fixes: sum(live, (note) => note.timesResolved),
    unaidedFixes: sum(live, (note) => note.unaidedFixes),
    relapses: sum(live, (note) => note.relapses),
    dismissed: notes.length - live.length,
    fullLadder: live.filter((note) => note.maxLevel >= 4).length,
    rushed: live.filter(rushed).length,
    rushing: recent.filter(rushed).length >= RUSHING_NOTES,
    meanLevel: live.length === 0 ? 1 : sum(live, (note) => note.maxLevel) / live.length,
    medianFixMs: fixTimes.length === 0 ? null : fixTimes[Math.floor((fixTimes.length - 1) / 2)]!,
    streak,
    quizRight: quiz.filter((answer) => answer.correct).length,
    quizWrong: quiz.filter((answer) => !answer.correct).length,
    severity: worstSeverity(notes),
    firstSeen: Math.min(...notes.map((note) => note.firstSeen)),
    lastSeen: first.lastSeen,
  };
  return { ...progress, status: statusOf(progress, recent, live.length) };
}

/** The change (L4) opened within seconds of the first hint: the answer taken without trying. */
function rushed(note: NoteFacts): boolean {
  return note.maxLevel >= 4 && note.climbMs !== null && note.climbMs < RUSH_MS;
}

function statusOf(progress: Omit<TopicProgress, 'status'>, recent: readonly NoteFacts[], live: number): TopicStatus {
  if (progress.open === 0 && progress.streak >= MASTERY_STREAK) return 'mastered';
  // A rushed note is a full-ladder note (it reached L4): counted here alike, named apart in the reason.
  const fullLadder = recent.filter((note) => note.maxLevel >= 4).length;
  const relapsed = recent.filter((note) => note.relapses > 0).length;
  const open = recent.filter((note) => note.resolvedAt === null).length;
  if (fullLadder >= STRUGGLE_FULL_LADDER || relapsed >= STRUGGLE_RELAPSES || open >= STRUGGLE_OPEN) return 'struggling';
  const untouched = progress.fixes === 0 && progress.quizRight + progress.quizWrong === 0;
  if (live <= 1 && progress.sightings <= 1 && untouched) return 'new';
  return 'learning';
}

/**
 * Unaided fixes and right quiz answers in a row, counted back from the newest outcome. A fix after
 * a hint, a wrong answer, or a note that came back after its fix (a relapse, open again) ends it.
 * Only the latest fix of a note has a time, so each note contributes its latest outcome.
 */
function currentStreak(live: readonly NoteFacts[], quiz: readonly QuizFacts[]): number {
  const outcomes: Array<{ at: number; ok: boolean }> = [];
  for (const note of live) {
    if (note.resolvedAt !== null) outcomes.push({ at: note.resolvedAt, ok: note.resolvedUnaided === true });
    else if (note.relapses > 0) outcomes.push({ at: note.lastSeen, ok: false });
  }
  for (const answer of quiz) outcomes.push({ at: answer.at, ok: answer.correct });
  outcomes.sort((a, b) => b.at - a.at);
  let streak = 0;
  for (const outcome of outcomes) {
    if (!outcome.ok) break;
    streak++;
  }
  return streak;
}

/** New occurrences (first sightings) in the recent half of the window against the older half. */
function trendOf(notes: readonly NoteFacts[], since: number | null, now: number): Trend {
  if (notes.length < 2) return 'steady';
  const start = since ?? Math.min(...notes.map((note) => note.firstSeen));
  const middle = start + (now - start) / 2;
  const recent = notes.filter((note) => note.firstSeen >= middle).length;
  const older = notes.length - recent;
  if (recent < older) return 'improving';
  if (recent > older) return 'worsening';
  return 'steady';
}

/** The topics to work on next: struggling ones, then learning ones still open, with their golden example. */
function focusList(topics: readonly TopicProgress[], notesByTopic: ReadonlyMap<string, readonly NoteFacts[]>): FocusItem[] {
  const candidates = topics.filter((topic) => topic.status === 'struggling' || (topic.status !== 'mastered' && topic.open > 0));
  return candidates.slice(0, FOCUS_SIZE).map((topic) => ({
    topic: topic.topic,
    title: topic.title,
    status: topic.status,
    reason: reasonOf(topic),
    example: exampleOf(notesByTopic.get(topic.topic) ?? []),
  }));
}

function reasonOf(topic: TopicProgress): string {
  if (topic.rushed > 0) return `went straight to the answer on ${topic.rushed} of ${topic.notes} ${topic.notes === 1 ? 'note' : 'notes'}: try the hint in the code before opening the change`;
  if (topic.relapses > 0) return `came back ${times(topic.relapses)} after a fix`;
  if (topic.fullLadder > 0) return `needed the change itself on ${topic.fullLadder} of ${topic.notes} notes`;
  if (topic.open > 1) return `${topic.open} notes open now`;
  return `seen in ${topic.sightings} ${topic.sightings === 1 ? 'review' : 'reviews'}`;
}

/** The newest golden snippet on record for the topic; else the newest convention (it carries its examples). */
export function exampleOf(notes: readonly NoteFacts[]): FocusItem['example'] {
  const newest = [...notes].sort((a, b) => b.lastSeen - a.lastSeen);
  for (const note of newest) {
    const golden = note.evidence?.find((evidence) => evidence.kind === 'golden');
    if (golden) return golden;
  }
  for (const note of newest) {
    const convention = note.evidence?.find((evidence) => evidence.kind === 'convention');
    if (convention) return convention;
  }
  return undefined;
}

const STATUS_ORDER: Record<TopicStatus, number> = { struggling: 0, learning: 1, new: 2, mastered: 3 };

function byStatusThenWeight(a: TopicProgress, b: TopicProgress): number {
  return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.open - a.open || b.sightings - a.sightings || b.lastSeen - a.lastSeen || a.topic.localeCompare(b.topic);
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += of(item);
  return total;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
