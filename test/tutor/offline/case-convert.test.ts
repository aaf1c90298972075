import { describe, expect, it } from 'vitest';
import { convertCase, splitWords } from '../../../src/tutor/offline/case-convert.js';

describe('convertCase', () => {
  it('converts between the styles the checker reports', () => {
    expect(convertCase('get_user_data', 'camelCase')).toBe('getUserData');
    expect(convertCase('getUserData', 'snake_case')).toBe('get_user_data');
    expect(convertCase('user_service', 'PascalCase')).toBe('UserService');
    expect(convertCase('UserService', 'kebab-case')).toBe('user-service');
    expect(convertCase('maxRetries', 'UPPER_SNAKE')).toBe('MAX_RETRIES');
    expect(convertCase('MAX_RETRIES', 'camelCase')).toBe('maxRetries');
    expect(convertCase('user-service', 'camelCase')).toBe('userService');
  });

  it('treats an acronym as one word', () => {
    expect(splitWords('parseHTTPResponse')).toEqual(['parse', 'http', 'response']);
    expect(convertCase('parseHTTPResponse', 'snake_case')).toBe('parse_http_response');
    expect(convertCase('HTTPServer', 'camelCase')).toBe('httpServer');
    expect(convertCase('get_url_v2', 'camelCase')).toBe('getUrlV2');
  });

  it('keeps privacy markers and, for Go, the visibility of the first letter', () => {
    expect(convertCase('_private_helper', 'camelCase')).toBe('_privateHelper');
    expect(convertCase('$el_ref', 'camelCase')).toBe('$elRef');
    expect(convertCase('Get_user', 'mixedCaps')).toBe('GetUser');
    expect(convertCase('get_user', 'mixedCaps')).toBe('getUser');
  });

  it('declines styles it cannot write and names with no words', () => {
    expect(convertCase('getUser', 'mixed')).toBeUndefined();
    expect(convertCase('__', 'camelCase')).toBeUndefined();
  });
});
