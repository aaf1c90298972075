import { describe, expect, it } from 'vitest';
import { splitIdentifier, stem, terms } from '../../src/index/tokens.js';

describe('splitIdentifier', () => {
  it.each([
    ['parseHTTPResponse2', ['parse', 'http', 'response', '2']],
    ['getUserById', ['get', 'user', 'by', 'id']],
    ['UserService', ['user', 'service']],
    ['MAX_RETRY_COUNT', ['max', 'retry', 'count']],
    ['snake_case_name', ['snake', 'case', 'name']],
    ['kebab-case-name', ['kebab', 'case', 'name']],
    ['__init__', ['init']],
    ['base64Encode', ['base', '64', 'encode']],
    ['XMLHttpRequest', ['xml', 'http', 'request']],
    ['getURLs', ['get', 'url']],
    ['IOError', ['io', 'error']],
    ['$scope', ['scope']],
    ['café', ['café']],
  ])('%s', (id, parts) => {
    expect(splitIdentifier(id)).toEqual(parts);
  });
});

describe('stem', () => {
  it('leaves words that only look inflected alone', () => {
    for (const word of ['class', 'process', 'status', 'address', 'string', 'alias', 'analysis', 'embed', 'speed', 'thing', 'bus']) {
      expect(stem(word)).toBe(word);
    }
  });

  it('brings plurals and inflections to the same stem as the base word', () => {
    const groups = [
      ['class', 'classes'],
      ['process', 'processes'],
      ['address', 'addresses'],
      ['status', 'statuses'],
      ['entry', 'entries'],
      ['query', 'queries'],
      ['parse', 'parses', 'parsed', 'parsing'],
      ['cache', 'caches', 'caching', 'cached'],
      ['match', 'matches', 'matched'],
      ['index', 'indexes'],
      ['map', 'mapping', 'mapped'],
      ['embed', 'embedded', 'embedding', 'embeddings'],
      ['add', 'added', 'adding'],
      ['use', 'uses', 'used'],
      ['test', 'tests', 'tested', 'testing'],
      ['type', 'types', 'typed'],
      ['string', 'strings'],
    ];
    for (const group of groups) {
      const stems = new Set(group.map(stem));
      expect([...stems], group.join('/')).toHaveLength(1);
    }
  });

  it('does not touch non-ASCII words', () => {
    expect(stem('données')).toBe('données');
  });
});

describe('terms', () => {
  it('splits code identifiers, stems the parts and keeps the whole identifier', () => {
    expect(terms('const userNames = getUserNames(req);')).toEqual(['const', 'user', 'nam', 'usernames', 'get', 'user', 'nam', 'getusernames', 'req']);
  });

  it('gives snake_case and camelCase the same whole-identifier term', () => {
    expect(terms('get_user_by_id')).toContain('getuserbyid');
    expect(terms('getUserById')).toContain('getuserbyid');
  });

  it('treats prose and code alike, dropping punctuation and one-letter words', () => {
    expect(terms('Parses the config files, a (b) c!')).toEqual(['pars', 'the', 'config', 'fil']);
  });

  it('keeps numeric literals whole and drops one-character ones', () => {
    expect(terms('status 404; x = 0xff + 1')).toEqual(['status', '404', '0xff']);
  });

  it('keeps hyphenated words together as one identifier', () => {
    expect(terms('--dry-run parse-config')).toEqual(['dry', 'run', 'dryrun', 'pars', 'config', 'parseconfig']);
  });

  it('drops blobs such as hashes and base64', () => {
    const blob = 'a'.repeat(60);
    expect(terms(`token ${blob} end`)).toEqual(['token', 'end']);
  });

  it('matches a prose query against the identifiers it names', () => {
    const code = new Set(terms('function parseHttpResponses(body) {}'));
    for (const term of terms('parsing HTTP response')) expect(code).toContain(term);
  });

  it('returns nothing for empty or symbol-only text', () => {
    expect(terms('')).toEqual([]);
    expect(terms('{}();=>!== ...')).toEqual([]);
  });
});
