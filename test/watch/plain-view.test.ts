import { describe, expect, it } from 'vitest';
import { attachPlainView } from '../../src/watch/plain-view.js';
import type { WatchEvent } from '../../src/watch/types.js';
import { FakeController } from '../tui/fake-controller.js';
import { client, userService } from '../tui/fixtures.js';

/** `watch` without a terminal: one plain line per thing that happens. */
describe('the plain view', () => {
  it('lists the notes a save resolved, and says once which languages are held to no convention', () => {
    const controller = new FakeController();
    const lines: string[] = [];
    attachPlainView(controller, (line) => lines.push(line));
    const changes: WatchEvent = { type: 'changes', reviewId: 1, files: [userService, client], withoutRules: ['python'] };
    controller.push(changes, { ...changes, reviewId: 2 });
    controller.push({ type: 'resolved', reviewId: 2, notes: [{ id: 'n1', path: 'src/a.ts', startLine: 3, endLine: 3, title: 'naming', topic: 'ts.naming.function' }, { id: 'n2', path: 'src/b.ts', startLine: 7, endLine: 9, title: 'error handling', topic: 'ts.errors.empty-catch' }] });
    expect(lines).toEqual([
      'note: The golden repositories teach no Python conventions yet: Python changes are checked only for pitfalls and credentials (see `archangel conventions`).\n',
      '✓ resolved: naming (src/a.ts:3)\n✓ resolved: error handling (src/b.ts:7-9)\n',
    ]);
  });
});
