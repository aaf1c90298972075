import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReviewContext } from '../../../src/review/context/build-context.js';
import { raisedFirst } from '../../../src/tutor/severity.js';
import { readDiff } from '../../../src/review/diff/read-diff.js';
import { createRepo, removeTempDirs } from '../../helpers/git.js';

afterAll(removeTempDirs);

/** The context alone (no last pass over the request), built from a real diff of a real repo. */
async function contextText(dir: string): Promise<string> {
  const diff = await readDiff(dir);
  const built = await buildReviewContext({ repoRoot: dir, target: { kind: 'worktree' }, diff, level: 'junior', maxNotes: 3, redact: true });
  // What is shown must hold no more than what is sent.
  const shown = built.diff.files.flatMap((file) => file.hunks.flatMap((hunk) => hunk.lines.map((line) => line.text)));
  return [...built.context.hunks.map((hunk) => hunk.text), ...shown].join('\n');
}

describe('the review context', () => {
  it('redacts removed lines with their old file around them: a replaced key shows only body lines as removed', async () => {
    const key = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    const [before, after] = [key(), key()];
    const repo = createRepo();
    repo.commit('key', { 'src/key.py': `KEY = """${before}"""\n` });
    writeFileSync(join(repo.dir, 'src/key.py'), `KEY = """${after}"""\n`);
    const text = await contextText(repo.dir);
    const body = (pem: string) => pem.trim().split('\n').slice(1, -1);
    // The removed rows are still there (the hunk keeps its shape), emptied by the key's redaction.
    expect(text.split('\n').filter((row) => /^\s+- /.test(row))).toHaveLength(body(before).length);
    expect(text).toContain('[REDACTED:private-key]');
    for (const line of [...body(before), ...body(after)]) expect(text).not.toContain(line);
  });

  it('redacts files in no language it parses, as it does code', async () => {
    const repo = createRepo();
    repo.commit('start', { 'deploy/notes.txt': 'deploy notes\n' });
    writeFileSync(join(repo.dir, 'deploy/notes.txt'), `deploy notes\ntoken: ghp_${'a1B2'.repeat(9)}\n`);
    const text = await contextText(repo.dir);
    expect(text).toContain('[REDACTED:github-token]');
    expect(text).not.toContain('a1B2a1B2');
  });
});

describe('a credential in the code, by who can use it', () => {
  it('raises a token first, then a SQL injection, then users\' passwords kept as typed, and a password a person chose for a database last', async () => {
    const token = 'sk_' + 'live_' + 'q8Zr1Wm4Xv7Tn2Lp9Yb3Kc6D';
    const repo = createRepo();
    repo.commit('start', { 'src/Users.java': 'class Users {}\n' });
    writeFileSync(
      join(repo.dir, 'src/Users.java'),
      [
        'import java.sql.*;',
        'class Users {',
        '  private final String password = "root";',
        `  private final String stripeKey = "${token}";`,
        '  ResultSet find(Connection connection, String login) throws SQLException {',
        '    Statement statement = connection.createStatement();',
        '    return statement.executeQuery("SELECT * FROM users WHERE login = \'" + login + "\'");',
        '  }',
        '  boolean check(User user, String password) {',
        '    return user.getPassword().equals(password);',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    const diff = await readDiff(repo.dir);
    const built = await buildReviewContext({ repoRoot: repo.dir, target: { kind: 'worktree' }, diff, level: 'junior', maxNotes: 3, redact: true });
    const findings = built.context.hunks.flatMap((hunk) => hunk.findings.map((entry) => entry.finding)).filter((finding) => finding.concern === 'security');
    const order = [...findings].sort(raisedFirst).map((finding) => `${finding.startLine} ${finding.ruleId.split('.').at(-1)}`);
    expect(order).toEqual(['4 stripe-key', '7 sql-built-from-strings', '10 plaintext-password', '3 assigned-secret']);
  });
});
