import { describe, expect, it } from 'vitest';
import { languagesWithoutRules, withoutRulesSentence } from '../../src/conventions/coverage.js';
import { buildProfile } from '../../src/conventions/index.js';
import { fixtureProfile } from './golden.js';

describe('languages the golden code teaches nothing about', () => {
  it('names code languages with no convention of their own or lent by a sibling', async () => {
    // The fixtures: TypeScript, Python, Java, Go and C#, no JavaScript, no Rust.
    const profile = await fixtureProfile();
    expect(languagesWithoutRules(profile, ['typescript', 'javascript', 'tsx', 'python', 'rust', 'markdown', undefined, 'rust'])).toEqual(['rust']);
    expect(withoutRulesSentence(['ruby', 'rust'])).toBe('The golden repositories teach no Ruby or Rust conventions yet: Ruby or Rust changes are checked only for pitfalls and credentials (see `archangel conventions`).');
  });

  it('says nothing of languages when there is no index, or nothing in it: that is reported on its own', () => {
    expect(languagesWithoutRules(undefined, ['rust'])).toEqual([]);
    expect(languagesWithoutRules(buildProfile([]), ['rust'])).toEqual([]);
  });
});
