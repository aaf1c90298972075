import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver/node';
import { BIN, runCli } from '../helpers/cli.js';
import { removeTempDirs, tempDir } from '../helpers/git.js';
import { learnerRepo, SWALLOWED_ERROR, USERS_START, zodGolden } from '../helpers/learner.js';
import { spawnedServer, type LspClient } from '../helpers/lsp-client.js';
import { capture, hasTmux, tmux as tmuxOn, waitForScreen } from '../helpers/tmux.js';

/**
 * `watch` in a terminal and `lsp` in an editor on one repository, both the built binary: a save is
 * reviewed once and both show its notes; a note dismissed in one is gone from the other.
 */
const SESSION = `archangel-lsp-watch-${process.pid}`;
const ORDERS = `export function load_order(id: string) {\n  return fetch(\`/api/orders/\${id}\`);\n}\n`;

let socket = '';
const tmux = (...args: string[]): string => tmuxOn(socket, ...args);
const waitFor = (pattern: RegExp): Promise<string> => waitForScreen(() => capture(socket, SESSION), pattern);

/** Reviews recorded that covered `path`: one per save, whichever process ran it. */
function reviewsOf(dir: string, path: string): number {
  const db = new Database(join(dir, '.archangel', 'state.db'), { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM reviews WHERE files LIKE ? AND (error IS NULL OR error != 'superseded')").get(`%"${path}"%`) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** A note's head in watch's Mentor pane: its severity mark and place (`● src/a.ts:3`). */
const onScreen = (path: string, diagnostic: Diagnostic): RegExp => new RegExp(`[✖●○] ${path.replace('.', '\\.')}:${diagnostic.range.start.line + 1}\\b`);

const noteIds = (client: LspClient, path: string): string[] => (client.diagnostics.get(client.uri(path)) ?? []).map((diagnostic) => (diagnostic.data as { noteId: string }).noteId);

beforeAll(() => {
  socket = join(tempDir(), 'tmux.sock');
});
afterAll(() => {
  spawnSync('tmux', ['-S', socket, 'kill-server']);
  removeTempDirs();
});

describe.skipIf(!hasTmux)('watch and lsp on one repository', () => {
  it('review each save once, show the same notes, and drop a note the other dismissed', async () => {
    const learner = learnerRepo(zodGolden());
    const cache = tempDir();
    expect(runCli(learner.dir, ['index', '--quiet'], { ARCHANGEL_CACHE_DIR: cache }).status).toBe(0);
    tmux('new-session', '-d', '-s', SESSION, '-x', '120', '-y', '34', `cd ${JSON.stringify(learner.dir)} && env -u ANTHROPIC_API_KEY CI=true ARCHANGEL_CACHE_DIR=${JSON.stringify(cache)} TERM=xterm-256color ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} watch`);
    await waitFor(/offline mentor/);
    const { client, child } = spawnedServer(learner.dir, { ARCHANGEL_CACHE_DIR: cache, ANTHROPIC_API_KEY: '' });
    try {
      await client.initialize(learner.dir);
      client.open('src/users.ts');
      await client.diagnosticsOn('src/users.ts', (found) => found.length === 0);

      // One save, seen by watch's watcher and by the editor.
      writeFileSync(join(learner.dir, 'src/users.ts'), `${USERS_START}${SWALLOWED_ERROR}`);
      client.save('src/users.ts');
      const [noted] = await client.diagnosticsOn('src/users.ts', (found) => found.length > 0);
      await waitFor(onScreen('src/users.ts', noted!));
      expect(reviewsOf(learner.dir, 'src/users.ts')).toBe(1);
      const [shared] = noteIds(client, 'src/users.ts');

      // Dismissed in watch (`d` on the selected note): gone from the editor.
      tmux('send-keys', '-t', SESSION, 'd');
      await client.diagnosticsOn('src/users.ts', (found) => !found.some((diagnostic) => (diagnostic.data as { noteId: string }).noteId === shared));

      // A new file saved in the editor: reviewed once, shown in watch, dismissed in the editor, gone from watch.
      writeFileSync(join(learner.dir, 'src/orders.ts'), ORDERS);
      client.open('src/orders.ts');
      client.save('src/orders.ts');
      const [order] = await client.diagnosticsOn('src/orders.ts', (found) => found.length > 0);
      await waitFor(onScreen('src/orders.ts', order!));
      expect(reviewsOf(learner.dir, 'src/orders.ts')).toBe(1);
      await client.connection.sendRequest('workspace/executeCommand', { command: 'archangel.dismiss', arguments: [(order!.data as { noteId: string }).noteId] });
      // The Mentor pane had that one note for this save.
      await waitFor(/Nothing to say about this save/);
    } finally {
      await client.close();
      child.kill();
      tmux('send-keys', '-t', SESSION, 'q');
    }
  }, 120_000);
});
