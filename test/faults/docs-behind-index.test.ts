import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createRepo, removeTempDirs } from '../helpers/git.js';

/**
 * `docs --check` compares the committed documents with what the index says. After a commit to a
 * golden repo the index is behind it, and a check that passed then would vouch for documents of
 * code nobody indexed: it fails and says what to run.
 */

afterAll(removeTempDirs);

const module = (name: string): string => `/** Reads ${name}. */\nexport function read${name}(id: string): string {\n  return id.trim();\n}\n`;

describe('docs --check after a golden commit', () => {
  it('says the index is behind the golden repo, until index and docs are run again', () => {
    const golden = createRepo();
    golden.commit('first', { 'README.md': '# Tools\n\nSmall helpers.\n', 'src/user.ts': module('User') });
    const learner = createRepo();
    learner.commit('start', { 'archangel.json': JSON.stringify({ golden: [{ path: golden.dir, name: 'tools' }] }), '.gitignore': '.archangel/\n' });
    expect(runCli(learner.dir, ['index', '--quiet']).status).toBe(0);
    expect(runCli(learner.dir, ['docs']).status).toBe(0);
    expect(runCli(learner.dir, ['docs', '--check']).status).toBe(0);

    const indexed = golden.git('rev-parse', 'HEAD');
    const current = golden.commit('second', { 'src/order.ts': module('Order') });
    const behind = runCli(learner.dir, ['docs', '--check']);
    expect(behind.status).toBe(11);
    expect(behind.stderr).toContain(`stale: the index is behind golden repo tools (indexed ${indexed.slice(0, 7)}, now ${current.slice(0, 7)}); run \`archangel index\`, then \`archangel docs --check\` again.`);

    const written = runCli(learner.dir, ['docs']);
    expect(written.stderr).toContain(`golden repo tools is at ${current.slice(0, 7)} but the index holds ${indexed.slice(0, 7)}`);

    expect(runCli(learner.dir, ['index', '--quiet']).status).toBe(0);
    expect(runCli(learner.dir, ['docs']).status).toBe(0);
    const check = runCli(learner.dir, ['docs', '--check']);
    expect(check.status, check.stderr).toBe(0);
  }, 120_000);
});
