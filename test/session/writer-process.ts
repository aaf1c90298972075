import { openSessionStore } from '../../src/session/store.js';
import type { Note } from '../../src/tutor/types.js';

/**
 * A second process for the concurrency test: `node --import tsx writer-process.ts <state.db> <name> <rounds>`.
 * Plays `watch` or the review hook: each round is a review with notes shared by both writers, a
 * climb and a chat turn, every one a separate short transaction. Says `ready` once the store is open,
 * starts when told `go` on stdin (so both writers really overlap), and prints how many rounds it did.
 */
const [path = '', name = '', rounds = '0'] = process.argv.slice(2);
const store = openSessionStore(path, { learner: 'pair@example.org' });
const shared: Note = {
  id: 'shared',
  path: 'src/a.ts',
  startLine: 1,
  endLine: 2,
  topic: 'naming.function',
  severity: 'info',
  title: 'naming',
  ladder: [1, 2, 3, 4].map((level) => ({ level: level as 1 | 2 | 3 | 4, text: `rung ${level}` })),
  evidence: [],
  source: 'offline',
};
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.destroy();
let done = 0;
for (let round = 0; round < Number(rounds); round++) {
  const reviewId = store.startReview({ repo: '/repo', branch: 'main', target: { kind: 'worktree' }, tutor: name, files: ['src/a.ts'] });
  store.recordNotes(reviewId, [shared, { ...shared, id: `${name}-${round}` }], (note) => note.id);
  store.climb('shared', 2);
  store.markResolved(reviewId, ['nothing-on-b']);
  store.appendChat({ repo: '/repo', branch: 'main', role: 'user', text: `${name} ${round}` });
  store.finishReview(reviewId, { notes: 2 });
  done++;
}
store.close();
process.stdout.write(String(done));
