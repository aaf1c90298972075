import { afterEach, describe, expect, it } from 'vitest';
import { currentLearner, fallbackLearner } from '../../src/session/learner.js';
import { topicCategory } from '../../src/session/topic.js';
import { git, removeTempDirs, tempDir } from '../helpers/git.js';

/** An environment where git sees no global or system config, so only the repository's counts. */
function isolatedEnv(): NodeJS.ProcessEnv {
  return { ...process.env, HOME: tempDir(), XDG_CONFIG_HOME: tempDir(), GIT_CONFIG_NOSYSTEM: '1', USER: 'ada' };
}

describe('currentLearner', () => {
  afterEach(removeTempDirs);

  it("is the repository's git user.email, lower-cased", () => {
    const repo = tempDir();
    git(repo, 'init', '-q');
    git(repo, 'config', 'user.email', 'Ada.Lovelace@Example.org');
    expect(currentLearner(repo, isolatedEnv())).toBe('ada.lovelace@example.org');
  });

  it('falls back to $USER@local when git names nobody or the folder is not a repository', () => {
    const env = isolatedEnv();
    const repo = tempDir();
    git(repo, 'init', '-q');
    expect(currentLearner(repo, env)).toBe('ada@local');
    expect(currentLearner(tempDir(), env)).toBe('ada@local');
    expect(fallbackLearner({ USERNAME: 'Bob' })).toBe('bob@local');
  });
});

describe('topicCategory', () => {
  it('takes the family from rule ids with or without a language, and keeps one-word topics', () => {
    expect(topicCategory('ts.naming.function')).toBe('naming');
    expect(topicCategory('naming.function')).toBe('naming');
    expect(topicCategory('error-handling')).toBe('error-handling');
    expect(topicCategory('')).toBe('');
  });
});
