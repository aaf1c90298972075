import { describe, expect, it } from 'vitest';
import { isSecretValue, looksRandom } from '../../src/redact/assignments.js';
import { shannonEntropy } from '../../src/redact/entropy.js';
import { nameStrength, nameWords } from '../../src/redact/names.js';
import { isPlaceholder } from '../../src/redact/placeholder.js';

describe('names', () => {
  it('splits camelCase, snake_case and kebab-case alike', () => {
    expect(nameWords('stripeSecretKey')).toEqual(['stripe', 'secret', 'key']);
    expect(nameWords('AWS_SECRET_ACCESS_KEY')).toEqual(['aws', 'secret', 'access', 'key']);
    expect(nameWords('X-Api-Key')).toEqual(['x', 'api', 'key']);
  });

  it('judges a name by its last words', () => {
    expect(nameStrength('DB_PASSWORD')).toBe('strong');
    expect(nameStrength('apiKey')).toBe('strong');
    expect(nameStrength('hmacKey')).toBe('weak');
    expect(nameStrength('tokenType')).toBe('none');
    expect(nameStrength('passwordMinLength')).toBe('none');
  });
});

describe('values', () => {
  it('measures entropy in bits per character', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });

  it('takes random mixes of letters and digits for keys, not words or short values', () => {
    expect(looksRandom('9f8a7s6d5f4g3h2j1k0lQwErTy')).toBe(true);
    expect(looksRandom('users-list-page-cache')).toBe(false);
    expect(looksRandom('abc123')).toBe(false);
  });

  it('knows placeholders from values', () => {
    for (const value of ['', '<your key>', '${API_KEY}', '{{ secret }}', 'changeme', '********', 'your-token-here', 'process.env.X', '%s']) {
      expect(isPlaceholder(value), value).toBe(true);
    }
    expect(isPlaceholder('hunter42')).toBe(false);
  });

  it('hides any real password but only random keys', () => {
    expect(isSecretValue('password', 'hunter42')).toBe(true);
    expect(isSecretValue('password', '12')).toBe(false);
    expect(isSecretValue('cacheKey', 'users:list')).toBe(false);
    expect(isSecretValue('cacheKey', '9f8a7s6d5f4g3h2j1k0lQwErTy')).toBe(true);
  });

  it('takes a variable joined between two strings for code, not a password', () => {
    // out.println("<h2>Password = "+password+" </h2>") reads as Password = "+password+".
    expect(isSecretValue('Password', '+password+')).toBe(false);
    expect(isSecretValue('Password', '+user.getPassword()+')).toBe(false);
    expect(isSecretValue('password', '+hunter42')).toBe(true);
  });
});
