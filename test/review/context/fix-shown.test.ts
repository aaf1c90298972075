import { describe, expect, it } from 'vitest';
import { fixShownFor } from '../../../src/review/context/fix-shown.js';
import type { Language } from '../../../src/index/language.js';

describe('the fix a finding is taught with', () => {
  it('is a deadline set on an HTTP call for every no-timeout rule, in each language', () => {
    const rules = ['py.pitfalls.ruff.S113', 'ts.pitfalls.tree-sitter.js.fetch-without-timeout', 'go.pitfalls.tree-sitter.go.http-without-timeout', 'java.pitfalls.tree-sitter.java.http-request-without-timeout'];
    for (const rule of rules) expect(fixShownFor(rule)?.why, rule).toBe('gives its HTTP call a deadline');
    const timeout = fixShownFor('py.pitfalls.ruff.S113');
    expect(timeout?.lineIn('def fetch(self, url):\n    # no timeout=None here\n    return self._session.get(url, timeout=self.timeout)\n', 'python')).toEqual({ start: 3, end: 3 });
    expect(timeout?.lineIn('resp = session.get(url, timeout=None)\n', 'python')).toBeUndefined();
    expect(timeout?.lineIn('const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });\n', 'typescript')).toEqual({ start: 1, end: 1 });
    expect(timeout?.lineIn('client := &http.Client{\n\tTimeout: 10 * time.Second,\n}\n', 'go')).toEqual({ start: 2, end: 2 });
    expect(timeout?.lineIn('HttpRequest request = HttpRequest.newBuilder(uri)\n    .timeout(Duration.ofSeconds(10))\n    .build();\n', 'java')).toEqual({ start: 2, end: 2 });
    // A deadline that is not an HTTP call's: better-sqlite3's busy timeout.
    expect(timeout?.lineIn("const db = new Database(filename, { timeout: 5000, readonly: true });\n", 'javascript')).toBeUndefined();
    expect(timeout?.shown).toBe('fallback');
    // Asked for a get, a send with a deadline will not do; a session's get with one will.
    const sessions = 'def resolve(self, req, timeout):\n    return self.send(req, timeout=timeout)\n\ndef fetch(self, url):\n    return self.session.get(url, timeout=self.timeout)\n';
    expect(timeout?.lineIn(sessions, 'python')).toEqual({ start: 2, end: 2 });
    expect(timeout?.lineIn(sessions, 'python', ['get'])).toEqual({ start: 5, end: 5 });
    // docker's client: every request goes through a helper that sets the default timeout.
    expect(timeout?.lineIn('def _get(self, url, **kwargs):\n    return self.get(url, **self._set_request_timeout(kwargs))\n', 'python', ['get'])).toEqual({ start: 2, end: 2 });
    expect(fixShownFor('ts.secrets.github-token')?.shown).toBe('instead');
  });

  it('is configuration read from the environment for a credential, whether found by its shape or by where it goes', () => {
    for (const rule of ['ts.secrets.github-token', 'js.pitfalls.tree-sitter.js.hardcoded-signing-key', 'java.pitfalls.tree-sitter.java.hardcoded-login-password', 'py.pitfalls.ruff.S106']) expect(fixShownFor(rule)?.why, rule).toBe('reads its configuration instead of holding it');
    expect(fixShownFor('js.pitfalls.tree-sitter.js.hardcoded-signing-key')?.lineIn("const secret = process.env.JWT_SECRET;\n", 'javascript')).toEqual({ start: 1, end: 1 });
  });

  it('is golden code that hashes or verifies a password for a password kept as plain text', () => {
    const fix = fixShownFor('py.pitfalls.tree-sitter.python.plaintext-password');
    expect(fix?.shown).toBe('instead');
    const werkzeug = 'def create(name, password):\n    # store it\n    user.hash = generate_password_hash(password)\n';
    expect(fix?.lineIn(werkzeug, 'python')).toEqual({ start: 3, end: 3 });
    expect(fix?.lineIn('if user.password == password:\n    ok()\n', 'python')).toBeUndefined();
  });

  it('is golden code drawing from a cryptographic source for a secret made with a predictable generator, in each language', () => {
    const sources: Array<[string, Language, string]> = [
      ['js', 'javascript', "const key = randomBytes(16).toString('base64');"],
      ['python', 'python', 'token = secrets.token_urlsafe(32)'],
      ['java', 'java', 'SecureRandom random = new SecureRandom();'],
      ['go', 'go', 'if _, err := rand.Read(b); err != nil {'],
    ];
    for (const [family, language, line] of sources) {
      const fix = fixShownFor(`${language}.pitfalls.tree-sitter.${family}.weak-random-secret`);
      expect(fix?.shown).toBe('instead');
      expect(fix?.lineIn(`// a comment: Math.random() is not enough\n${line}\n`, language), language).toEqual({ start: 2, end: 2 });
    }
    expect(fixShownFor('js.pitfalls.tree-sitter.js.weak-random-secret')?.lineIn('const id = Math.random().toString(36).slice(2);\n', 'javascript')).toBeUndefined();
  });

  it('is golden code answering one request with its error for a handler that stops the whole server', () => {
    const go = fixShownFor('go.pitfalls.tree-sitter.go.exit-in-handler');
    expect(go?.shown).toBe('instead');
    expect(go?.lineIn('func show(w http.ResponseWriter, r *http.Request) {\n\tif err != nil {\n\t\tjson.ServerError(w, r, err)\n', 'go')).toEqual({ start: 3, end: 3 });
    expect(go?.lineIn('func TestX(t *testing.T) {\n\tlog.Fatalf("bad: %v", err)\n', 'go')).toBeUndefined();
    const js = fixShownFor('ts.pitfalls.tree-sitter.js.exit-in-handler');
    expect(js?.lineIn('} catch (err) {\n  res.status(500).json({ error: "failed" });\n', 'typescript')).toEqual({ start: 2, end: 2 });
  });

  it('is golden code that refuses a value below zero, stops on the bad case, checks each error, or opens the database outside a handler', () => {
    const refuses = fixShownFor('js.pitfalls.tree-sitter.js.amount-not-checked-positive');
    expect(refuses?.lineIn("if (!Number.isInteger(timeout) || timeout < 0) throw new TypeError('positive');\n", 'javascript')).toEqual({ start: 1, end: 1 });
    expect(refuses?.lineIn('if amount < 0:\n    raise ValueError(amount)\n', 'python')).toEqual({ start: 1, end: 2 });
    expect(refuses?.lineIn('if (timeout < 0) {\n  log(timeout);\n}\n', 'javascript')).toBeUndefined();
    const stops = fixShownFor('py.pitfalls.tree-sitter.python.check-stops-nothing');
    expect(stops?.lineIn('def f(x):\n    if not x:\n        return\n', 'python')).toEqual({ start: 2, end: 3 });
    // An error built and dropped is shown a check that throws what it builds.
    for (const rule of ['ts.pitfalls.tree-sitter.js.error-not-thrown', 'py.pitfalls.ruff.PLW0133']) {
      const throws = fixShownFor(rule);
      expect(throws?.lineIn('if (!user) {\n  throw new NotFound("no user");\n}\n', 'typescript')).toEqual({ start: 1, end: 2 });
      expect(throws?.lineIn('if not user:\n    raise LookupError(user_id)\n', 'python')).toEqual({ start: 1, end: 2 });
      expect(throws?.lineIn('if (!user) {\n  new NotFound("no user");\n}\n', 'typescript')).toBeUndefined();
    }
    const checks = fixShownFor('go.pitfalls.tree-sitter.go.error-overwritten');
    expect(checks?.lineIn('\tpage, err := strconv.Atoi(p)\n\tif err != nil {\n', 'go')).toEqual({ start: 1, end: 2 });
    const opens = fixShownFor('go.pitfalls.tree-sitter.go.db-open-per-request');
    expect(opens?.lineIn('func NewPool(dsn string) (*sql.DB, error) {\n\tdb, err := sql.Open("postgres", dsn)\n', 'go')).toEqual({ start: 2, end: 2 });
    expect(opens?.lineIn('func Show(w http.ResponseWriter, r *http.Request) {\n\tdb, _ := sql.Open("mysql", dsn)\n', 'go')).toBeUndefined();
  });

  it('is nothing special for other rules: they are taught with code making the same call', () => {
    expect(fixShownFor('py.pitfalls.ruff.E722')).toBeUndefined();
    expect(fixShownFor('ts.naming.function')).toBeUndefined();
  });
});
