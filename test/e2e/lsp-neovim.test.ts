import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { removeTempDirs, tempDir } from '../helpers/git.js';
import { learnerRepo, zodGolden } from '../helpers/learner.js';

/**
 * `archangel lsp` in a real editor: Debian's Neovim (0.7, `vim.lsp.start_client`), headless. It
 * opens a file of a temp repository, types a change, saves it, reads the diagnostics through its
 * own `vim.diagnostic` API, and runs the "Next hint" code action through its own LSP client; the
 * learner record must show the climb. Then it opens the golden example the hover links to, as the
 * README's setup does. `.ci/run` installs neovim; without it the test is skipped.
 */
const hasNeovim = spawnSync('nvim', ['--version']).status === 0;

/** A snake_case function: the note on it cites golden code, which the test opens. */
const CHANGE = `\nexport function load_user_profile(id: string) {\n  return users.get(id.trim());\n}\n`;

/** The editor's side, in Lua: everything a person would do, then what it saw, as JSON in $OUT. */
const SCRIPT = String.raw`
local root, out = os.getenv('LEARNER'), os.getenv('OUT')
local function done(result)
  local file = io.open(out, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qa!')
end
local id = vim.lsp.start_client({ name = 'archangel', cmd = { os.getenv('NODE'), os.getenv('BIN'), 'lsp', '--stdio' }, root_dir = root })
vim.cmd('edit ' .. root .. '/src/users.ts')
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, id)
local client = vim.lsp.get_client_by_id(id)
if not vim.wait(30000, function() return client.initialized end, 50) then return done({ error = 'the server did not initialize' }) end

vim.api.nvim_buf_set_lines(buf, -1, -1, false, vim.split(os.getenv('CHANGE'), '\n'))
vim.cmd('write')
if not vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50) then return done({ error = 'no diagnostics after the save' }) end
local diagnostics = vim.diagnostic.get(buf)

local first = diagnostics[1]
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = { line = first.lnum, character = first.col }, ['end'] = { line = first.end_lnum, character = first.end_col } },
  context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, first.lnum) },
}
local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}
local titles, climb = {}, nil
for _, response in pairs(responses) do
  for _, action in ipairs(response.result or {}) do
    table.insert(titles, action.title)
    if action.title:find('^Next hint') then climb = action end
  end
end
if climb then client.request_sync('workspace/executeCommand', climb.command, 10000, buf) end

-- The golden example the hover links to, opened as the README's setup does: a buffer the server fills.
local hover = client.request_sync('textDocument/hover', { textDocument = params.textDocument, position = params.range.start }, 10000, buf)
local golden = hover and hover.result and hover.result.contents.value:match('%((archangel%-golden://[^)]+)%)')
vim.api.nvim_create_autocmd('BufReadCmd', {
  pattern = 'archangel-golden://*',
  callback = function(args)
    local reply = client.request_sync('workspace/textDocumentContent', { uri = args.match }, 10000, buf)
    vim.api.nvim_buf_set_lines(args.buf, 0, -1, false, vim.split(reply and reply.result and reply.result.text or '', '\n'))
    vim.bo[args.buf].modifiable = false
  end,
})
local example = {}
if golden then
  vim.cmd('edit ' .. vim.fn.fnameescape(golden))
  example = { uri = golden, lines = vim.api.nvim_buf_get_lines(0, 0, -1, false), modifiable = vim.bo.modifiable }
end
local shown = {}
for _, diagnostic in ipairs(diagnostics) do
  local lsp = diagnostic.user_data and diagnostic.user_data.lsp or {}
  table.insert(shown, { line = diagnostic.lnum, severity = diagnostic.severity, source = diagnostic.source, message = diagnostic.message, code = lsp.code, noteId = lsp.data and lsp.data.noteId })
end
done({ diagnostics = shown, actions = titles, example = example })
`;

afterAll(removeTempDirs);

describe.skipIf(!hasNeovim)('archangel lsp in Neovim (skipped when nvim is not installed)', () => {
  it('shows the notes of a save as diagnostics, climbs a rung with a code action the record keeps, and opens the golden example read-only', async () => {
    const golden = zodGolden();
    const learner = learnerRepo(golden);
    const work = tempDir();
    const script = join(work, 'editor.lua');
    const out = join(work, 'out.json');
    writeFileSync(script, SCRIPT);
    const nvim = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${script}`], {
      cwd: learner.dir,
      env: { ...process.env, LEARNER: learner.dir, OUT: out, NODE: process.execPath, BIN, CHANGE, ARCHANGEL_CACHE_DIR: tempDir(), ANTHROPIC_API_KEY: '' },
      stdio: 'ignore',
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        nvim.kill();
        reject(new Error('nvim did not finish'));
      }, 90_000);
      nvim.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const seen = JSON.parse(readFileSync(out, 'utf8')) as {
      error?: string;
      diagnostics: Array<{ line: number; severity: number; source: string; message: string; code: string; noteId: string }>;
      actions: string[];
      example: { uri: string; lines: string[]; modifiable: boolean };
    };
    expect(seen.error).toBeUndefined();

    const db = new Database(join(learner.dir, '.archangel', 'state.db'), { readonly: true });
    try {
      const notes = db.prepare('SELECT id, topic, ladder FROM notes').all() as Array<{ id: string; topic: string; ladder: string }>;
      expect(seen.diagnostics.map((diagnostic) => diagnostic.noteId).sort()).toEqual(notes.map((note) => note.id).sort());
      for (const diagnostic of seen.diagnostics) {
        const note = notes.find((candidate) => candidate.id === diagnostic.noteId)!;
        expect(diagnostic).toMatchObject({ source: 'archangel', code: note.topic, message: (JSON.parse(note.ladder) as Array<{ text: string }>)[0]!.text });
      }
      expect(seen.actions.some((title) => title.startsWith('Next hint (2/4)'))).toBe(true);
      expect(db.prepare('SELECT note_id AS noteId, level FROM hint_events').all()).toEqual([{ noteId: seen.diagnostics[0]!.noteId, level: 2 }]);
      // The golden file at the pinned commit, read-only.
      const [, path, commit] = /^archangel-golden:\/\/zod\/(.+)\?commit=(\w+)#/.exec(seen.example.uri) ?? [];
      expect(commit).toBe(golden.git('rev-parse', 'HEAD'));
      expect(seen.example.lines.join('\n').trimEnd()).toBe(golden.git('show', `${commit}:${path}`));
      expect(seen.example.modifiable).toBe(false);
    } finally {
      db.close();
    }
  }, 120_000);
});
