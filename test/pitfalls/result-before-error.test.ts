import { describe, expect, it } from 'vitest';
import { found, syntaxEngine as engine } from './syntax-hits.js';

const go = (body: string[]): string => ['package main', '', 'func handler(c *gin.Context, url string) {', ...body.map((line) => `\t${line}`), '}'].join('\n');
const hits = async (code: string): Promise<string[]> => (await found('go', code)).filter((hit) => hit.includes('result-before-error'));

describe('a Go result used before its error is checked', () => {
  it('is a field read, a method called or a deferred Close on the result before the `if err != nil`', async () => {
    expect(await hits(go(['claims, err := util.ParseToken(token)', 'c.Set("userId", claims.UserId)', 'if err != nil {', '\treturn', '}']))).toEqual(['5 go/result-before-error']);
    expect(await hits(go(['resp, err := http.Get(url)', 'defer resp.Body.Close()', 'if err != nil {', '\treturn', '}']))).toEqual(['5 go/result-before-error']);
  });

  it('leaves alone a result checked first, tested for nil, handed on, or paired with no error', async () => {
    expect(await hits(go(['resp, err := http.Get(url)', 'if err != nil {', '\treturn', '}', 'defer resp.Body.Close()']))).toEqual([]);
    expect(await hits(go(['tok, err := parse(token)', 'if tok != nil {', '\tuse(tok.Claims)', '}', 'if err != nil {', '\treturn', '}']))).toEqual([]);
    expect(await hits(go(['n, err := w.Write(p)', 'total += n', 'if err != nil {', '\treturn', '}']))).toEqual([]);
    expect(await hits(go(['v, ok := cache[key]', 'use(v.Name)', 'if !ok {', '\treturn', '}']))).toEqual([]);
    // In a test, the panic fails the test as the check would.
    const inTest = await engine.check({ path: 'handler_test.go', language: 'go', text: go(['r, err := http.NewRequest("GET", "/", nil)', 'r.Header.Set("Accept", "x")', 'if err != nil {', '\treturn', '}']) });
    expect(inTest.filter((p) => p.ruleId.includes('result-before-error'))).toEqual([]);
  });
});
