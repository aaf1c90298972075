import { afterEach, describe, expect, it } from 'vitest';
import { openSessionStore } from '../../src/session/store.js';
import { removeTempDirs } from '../helpers/git.js';
import { fakeClock, REPO, statePath } from './fixtures.js';

describe('session chat history', () => {
  afterEach(removeTempDirs);

  it('gives back a conversation in order after a restart, with citations and usage', () => {
    const path = statePath();
    const clock = fakeClock();
    const store = openSessionStore(path, { learner: 'ada@example.org', now: clock.now });
    const citation = { repo: 'acme/api', path: 'src/client.ts', startLine: 40, endLine: 48, commit: 'abc123' };
    store.appendChat({ repo: REPO, branch: 'main', role: 'system', text: 'chat about src/a.ts' });
    store.appendChat({ repo: REPO, branch: 'main', role: 'user', text: 'why rethrow?', noteId: 'n1' });
    store.appendChat({
      repo: REPO,
      branch: 'main',
      role: 'assistant',
      text: 'What would the caller lose?',
      noteId: 'n1',
      citations: [citation],
      tutor: 'claude-sonnet-4-5',
      usage: { inputTokens: 900, outputTokens: 120, costUsd: 0.004, model: 'claude-sonnet-4-5' },
    });
    store.close();

    const reopened = openSessionStore(path, { learner: 'ada@example.org' });
    const history = reopened.chatHistory({ repo: REPO, branch: 'main' });
    expect(history.map((m) => [m.role, m.text])).toEqual([
      ['system', 'chat about src/a.ts'],
      ['user', 'why rethrow?'],
      ['assistant', 'What would the caller lose?'],
    ]);
    expect(history[0]).toMatchObject({ learner: 'ada@example.org', noteId: null, citations: [], tutor: null, usage: null, at: clock.now() });
    expect(history[2]).toMatchObject({ noteId: 'n1', citations: [citation], tutor: 'claude-sonnet-4-5', usage: { inputTokens: 900, outputTokens: 120, costUsd: 0.004, model: 'claude-sonnet-4-5' } });
    reopened.close();
  });

  it('keeps turns written in the same millisecond in the order they were written', () => {
    const store = openSessionStore(statePath(), { learner: 'ada@example.org', now: () => 1 });
    for (const text of ['b', 'a', 'c']) store.appendChat({ repo: REPO, branch: 'main', role: 'user', text });
    expect(store.chatHistory({ repo: REPO, branch: 'main' }).map((m) => m.text)).toEqual(['b', 'a', 'c']);
    store.close();
  });

  it('returns the last turns when limited, oldest first', () => {
    const store = openSessionStore(statePath(), { learner: 'ada@example.org' });
    for (let i = 1; i <= 5; i++) store.appendChat({ repo: REPO, branch: 'main', role: 'user', text: `turn ${i}` });
    expect(store.chatHistory({ repo: REPO, branch: 'main', limit: 2 }).map((m) => m.text)).toEqual(['turn 4', 'turn 5']);
    store.close();
  });

  it('keeps conversations apart per repository, branch and learner', () => {
    const path = statePath();
    const ada = openSessionStore(path, { learner: 'ada@example.org' });
    const bob = openSessionStore(path, { learner: 'bob@example.org' });
    ada.appendChat({ repo: REPO, branch: 'main', role: 'user', text: 'ada on main' });
    ada.appendChat({ repo: REPO, branch: 'feat/x', role: 'user', text: 'ada on feat/x' });
    ada.appendChat({ repo: '/other', branch: 'main', role: 'user', text: 'ada elsewhere' });
    bob.appendChat({ repo: REPO, branch: 'main', role: 'user', text: 'bob on main' });

    const texts = (store: typeof ada, query: Parameters<typeof ada.chatHistory>[0]) => store.chatHistory(query).map((m) => m.text);
    expect(texts(ada, { repo: REPO, branch: 'main' })).toEqual(['ada on main']);
    expect(texts(ada, { repo: REPO, branch: 'feat/x' })).toEqual(['ada on feat/x']);
    expect(texts(ada, { repo: '/other', branch: 'main' })).toEqual(['ada elsewhere']);
    expect(texts(bob, { repo: REPO, branch: 'main' })).toEqual(['bob on main']);
    expect(texts(ada, { repo: REPO, branch: 'main', learner: 'bob@example.org' })).toEqual(['bob on main']);
    ada.close();
    bob.close();
  });
});
