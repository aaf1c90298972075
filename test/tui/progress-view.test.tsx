import { afterEach, describe, expect, it } from 'vitest';
import { learnerProgress } from '../../src/progress/model.js';
import type { NoteFacts } from '../../src/progress/types.js';
import { errorNote, namingNote, reviewEvents, status } from './fixtures.js';
import { renderApp, settle } from './render-app.js';

const ESC = '\u001b';
let app: ReturnType<typeof renderApp> | undefined;
afterEach(() => app?.unmount());

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 1);

/** A note as the record keeps it, relapsed twice: the learner keeps swallowing errors. */
const relapsing: NoteFacts = {
  ...errorNote,
  category: 'error-handling',
  firstSeen: NOW - 10 * DAY,
  lastSeen: NOW - DAY,
  timesSeen: 5,
  maxLevel: 4,
  dismissedAt: null,
  resolvedAt: null,
  resolvedUnaided: null,
  timesResolved: 2,
  unaidedFixes: 0,
  relapses: 2,
  climbMs: null,
};

describe('the progress overlay (p)', () => {
  it('asks the session for progress, shows the shared summary, and closes with p or Esc', async () => {
    const view = (app = renderApp());
    view.controller.push(status, ...reviewEvents(1, [errorNote, namingNote]));
    await settle();
    await view.type('p');
    expect(view.controller.called('progress')).toEqual([[]]);
    expect(view.lastFrame()).toContain('Reading your record');
    const progress = learnerProgress({ learner: 'ada@x.org', notes: [relapsing, { ...relapsing, id: 'other', relapses: 1 }], quiz: [], since: null, now: NOW });
    view.controller.push({ type: 'progress', report: { progress, ready: { branch: 'feat/retry', notes: [errorNote] } } });
    await settle();
    const frame = view.lastFrame();
    expect(frame).toContain('Progress of ada@x.org (all history)');
    expect(frame).toContain('struggling — keeps coming back');
    expect(frame).toContain('1. error handling (error-handling) — came back 3 times after a fix');
    expect(frame).toContain('golden: acme/api src/users.ts:20-24 @1a2b3c4');
    expect(frame).toContain('Not yet: 1 open note on feat/retry');
    await view.type('p');
    expect(view.lastFrame()).not.toContain('Focus next');
    await view.type('p');
    expect(view.lastFrame()).toContain('Focus next');
    expect(view.controller.called('progress')).toHaveLength(2);
    await view.type(ESC);
    expect(view.lastFrame()).not.toContain('Focus next');
  });

  it('lists p in the help generated from the key table', async () => {
    const view = (app = renderApp());
    await view.type('?');
    expect(view.lastFrame()).toMatch(/p\s+your progress: what recurs, what is mastered, what next/);
  });
});

describe('a note adapted to a struggling topic', () => {
  it('opens at the hint without a climb, and h goes on from there', async () => {
    const view = (app = renderApp());
    view.controller.push(status, ...reviewEvents(1, [{ ...errorNote, opensAt: 2, adapted: 'hard topic: opens at the hint' }]));
    await settle();
    expect(view.lastFrame()).toContain('An empty catch turns a timeout into a silent undefined.');
    await view.type('h');
    expect(view.controller.called('climb')).toEqual([['n-error', 3]]);
    expect(view.lastFrame()).toContain('what does { cause } keep?');
  });
});
