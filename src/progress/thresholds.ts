/**
 * Every threshold of the learner model, in one place, each with why. Tune them here: the model,
 * the mentor's adaptation and the tests all read these names.
 */

/**
 * Fixes in a row, unaided (only the L1 question seen, or no note at all before the fix) or quiz
 * answers right, that make a topic mastered. Three: once can be luck, twice a coincidence of
 * similar code; three times across different code is a habit (MENTOR.md, "fade after unaided fixes").
 */
export const MASTERY_STREAK = 3;

/**
 * How many of a topic's latest notes are weighed when deciding it is a struggle. Old trouble must
 * fade: a learner who needed the full ladder twice last month and has since fixed it with one hint
 * is no longer struggling.
 */
export const RECENT_NOTES = 4;

/** Among the recent notes, this many needing the full ladder (L4, the change itself) is a struggle. */
export const STRUGGLE_FULL_LADDER = 2;

/**
 * Opening the change (L4) less than this long after the first hint rung is going straight to the
 * answer: no time to try the hint in the code and save (MENTOR.md, "help abuse: L1→L4 in seconds").
 * Such a note counts as a full-ladder need (it is one), and `progress` names the rush as the reason.
 */
export const RUSH_MS = 30_000;

/**
 * Among the recent notes, this many rushed to the change is a habit rather than a bad day: the mentor
 * then asks for a one-line attempt before the change instead of opening at the hint (MENTOR.md).
 */
export const RUSHING_NOTES = 2;

/** Among the recent notes, this many that came back after a fix (relapses) is a struggle. */
export const STRUGGLE_RELAPSES = 2;

/** Among the recent notes, this many still open at once means it keeps recurring unfixed. */
export const STRUGGLE_OPEN = 3;

/**
 * A mastered topic not seen for this long is shown once in full again: spaced revisiting catches
 * a habit that faded. Thirty days is roughly a sprint and a half.
 */
export const REVISIT_AFTER_MS = 30 * 24 * 60 * 60 * 1000;

/** The focus list: the few topics worth working on next; more is a to-do list nobody reads. */
export const FOCUS_SIZE = 3;

/** A mastered topic's note is said in at most this many words (one terminal line). */
export const BRIEF_WORDS = 14;

/** Open notes listed under "ready for review?"; the rest are counted. */
export const READY_LIST = 5;

/** Questions in one quiz: a minute's work, so it gets done. */
export const QUIZ_SIZE = 3;

/** Options per multiple-choice question: the right one and two others, enough that guessing is a third. */
export const QUIZ_OPTIONS = 3;

/**
 * Saves a note survives with only its question ever opened before it opens once at the hint (L2):
 * a gap that stays while the learner never asks is help avoidance, and one unasked hint is the
 * nudge (MENTOR.md, "help avoidance"). Three: once or twice is a learner still typing.
 */
export const AVOIDED_SAVES = 3;
