import { describe, expect, it } from 'vitest';
import { classifyCase, styleConforms } from '../../../src/conventions/naming/cases.js';

describe('classifyCase', () => {
  it('names the common styles', () => {
    expect(classifyCase('parseConfig')).toBe('camelCase');
    expect(classifyCase('ParseConfig')).toBe('PascalCase');
    expect(classifyCase('parse_config')).toBe('snake_case');
    expect(classifyCase('MAX_RETRIES')).toBe('UPPER_SNAKE');
    expect(classifyCase('parse-config')).toBe('kebab-case');
  });

  it('treats single words as ambiguous and never as a departure from camel or snake case', () => {
    expect(classifyCase('parse')).toBe('lower');
    expect(styleConforms('lower', 'camelCase')).toBe(true);
    expect(styleConforms('lower', 'snake_case')).toBe(true);
    expect(styleConforms('lower', 'PascalCase')).toBe(false);
  });

  it('ignores privacy markers, digits and dunder names', () => {
    expect(classifyCase('_privateThing')).toBe('camelCase');
    expect(classifyCase('utf8Decode')).toBe('camelCase');
    expect(classifyCase('__init__')).toBeUndefined();
    expect(classifyCase('_')).toBeUndefined();
  });

  it('folds camel and Pascal case into mixedCaps for Go, where the first letter is visibility', () => {
    expect(classifyCase('ServeHTTP', { mixedCaps: true })).toBe('mixedCaps');
    expect(classifyCase('serveHttp', { mixedCaps: true })).toBe('mixedCaps');
    expect(classifyCase('serve_http', { mixedCaps: true })).toBe('snake_case');
  });
});
