// What settle time editors need: how they write a file on save, measured rather than guessed.
// Run: npx tsx bench/watch-settle.ts [--saves 15]
//
// 1. Each editor's save is traced (strace -f -ttt) and the window in which the file on disk is not
//    its new content is measured: from the first step that takes the old content away (a rename
//    to a backup, an open with O_TRUNC, an ftruncate) to the last step that puts the new content
//    in place (the write, or the rename of the temp file). A settle longer than that window
//    never reads a half-saved file. vim runs for real (with its defaults, in a folder outside
//    /tmp so that it makes its backup by rename, as in a project); VS Code and JetBrains are
//    replayed from their source (VS Code's DiskFileSystemProvider: open 'w', write, fdatasync,
//    close, or a `.vsctmp` file renamed over the file for atomic writes; IntelliJ's safe write:
//    `___jb_tmp___`, the file renamed to `___jb_old___`, the temp renamed in, the old deleted).
// 2. The same saves are then watched with `watchWorkingTree` (native events) at a few settle times,
//    counting how often each save is reported: once is right; twice would mean a half-saved file
//    was reported, then the saved one.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTLE_MS, watchWorkingTree } from '../src/watch/watcher/index.js';
import { percentile } from './lib/corpus.js';

const SAVES = Number(process.argv[process.argv.indexOf('--saves') + 1]) || 15;
/** Between two saves of one editor: each is its own burst. */
const GAP_MS = 400;
const SETTLES_MS = [...new Set([10, 25, DEFAULT_SETTLE_MS, 150])].sort((a, b) => a - b);
/** vim skips its backup for files under /tmp (`backupskip`): a project folder is elsewhere. */
const BASE = '/var/tmp';
const FILE = 'app.ts';
/** A 40 KB file: big enough that a write is not instant, as a real source file. */
const CONTENT = Array.from({ length: 1000 }, (_, i) => `export const value${i} = ${i}; // a line of code\n`).join('');

type Editor = 'vim' | 'vscode' | 'vscode-atomic' | 'jetbrains';
const EDITORS: Record<Editor, string> = {
  vim: 'vim 9 (real; backup by rename, then write and fsync)',
  vscode: 'VS Code (in place: open w, write, fdatasync, close)',
  'vscode-atomic': 'VS Code atomic write (.vsctmp renamed over the file)',
  jetbrains: 'JetBrains safe write (___jb_tmp___, ___jb_old___)',
};

/** The saves of one editor, as a child process that `strace` can follow. */
function saveCommand(editor: Editor, dir: string): string[] {
  if (editor === 'vim') {
    const script = join(dir, '..', 'saves.vim');
    writeFileSync(script, Array.from({ length: SAVES }, (_, i) => `normal Go// save ${i}\nwrite\nsleep ${GAP_MS}m\n`).join('') + 'quit\n');
    return ['vim', '-u', 'DEFAULTS', '-i', 'NONE', '-n', '-es', '-S', script, join(dir, FILE)];
  }
  return [process.execPath, '--import', 'tsx', new URL(import.meta.url).pathname, '--save', editor, join(dir, FILE), String(SAVES)];
}

/** Replays one editor's save `count` times (the child side of `saveCommand`). */
async function replay(editor: Editor, path: string, count: number): Promise<void> {
  const fs = await import('node:fs/promises');
  for (let i = 0; i < count; i++) {
    const bytes = Buffer.from(`${CONTENT}// save ${i}\n`);
    if (editor === 'vscode') {
      const handle = await fs.open(path, 'w');
      // VS Code's buffered writes go through its provider in 64 KB chunks.
      for (let at = 0; at < bytes.length; at += 65_536) await handle.write(bytes, at, Math.min(65_536, bytes.length - at));
      await handle.datasync();
      await handle.close();
    } else if (editor === 'vscode-atomic') {
      const temp = `${path}.vsctmp`;
      const handle = await fs.open(temp, 'w');
      await handle.write(bytes);
      await handle.datasync();
      await handle.close();
      await fs.rename(temp, path);
    } else {
      const { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } = await import('node:fs');
      const fd = openSync(`${path}___jb_tmp___`, 'w');
      writeSync(fd, bytes);
      fsyncSync(fd);
      closeSync(fd);
      renameSync(path, `${path}___jb_old___`);
      renameSync(`${path}___jb_tmp___`, path);
      unlinkSync(`${path}___jb_old___`);
    }
    await new Promise((resolve) => setTimeout(resolve, GAP_MS));
  }
}

interface Window {
  /** From the old content going away to the new content in place (ms). */
  incompleteMs: number;
  /** From the first step to the last one touching the file (attributes after an fsync included). */
  spanMs: number;
}

/**
 * Reads an strace -f -ttt -T log and returns one window per save of `name`. A save starts at the
 * first step that takes the old content away and ends at the last one putting the new content in.
 */
function windows(trace: string, name: string): Window[] {
  const fds = new Set<string>();
  const found: Window[] = [];
  let open: { start: number; complete: number; last: number } | undefined;
  const close = () => {
    if (open) found.push({ incompleteMs: (open.complete - open.start) * 1000, spanMs: (open.last - open.start) * 1000 });
    open = undefined;
  };
  for (const line of joinResumed(trace)) {
    const match = /^\d+\s+(\d+\.\d+) (\w+)\((.*)\) += (-?\d+)(?: .*)?<(\d+\.\d+)>$/.exec(line);
    if (!match) continue;
    const [, at, call = '', args = '', result = '', took] = match;
    const start = Number(at);
    const end = start + Number(took);
    const quoted = [...args.matchAll(/"([^"]*)"/g)].map((m) => m[1]!.split('/').pop());
    const fd = args.split(',')[0]!;
    const target = quoted.includes(name);
    // A gap of more than the pause between saves: the next save.
    if (open && start - open.last > GAP_MS / 2000) close();
    if (call === 'rename' || call === 'renameat' || call === 'renameat2') {
      if (quoted[0] === name) {
        open ??= { start, complete: end, last: end };
      } else if (quoted.at(-1) === name) {
        open ??= { start, complete: end, last: end };
        open.complete = end;
      }
      if (target && open) open.last = end;
    } else if (call === 'openat' && target && /O_WRONLY|O_RDWR/.test(args)) {
      fds.add(result);
      if (/O_TRUNC/.test(args)) open ??= { start, complete: end, last: end };
      if (open) open.last = end;
    } else if (call === 'ftruncate' && fds.has(fd)) {
      open ??= { start, complete: end, last: end };
      open.last = end;
    } else if ((call === 'write' || call === 'pwrite64') && fds.has(fd) && open) {
      open.complete = end;
      open.last = end;
    } else if ((call === 'fchmod' || call === 'fsync' || call === 'fdatasync' || call === 'close') && fds.has(fd) && open) {
      open.last = end;
      if (call === 'close') fds.delete(fd);
    } else if (target && open && (call === 'setxattr' || call === 'chmod' || call === 'unlink')) {
      open.last = end;
    }
  }
  close();
  return found;
}

/** strace -f splits a call that another thread interrupted into `<unfinished ...>` and `<... resumed>` lines: joins them. */
function joinResumed(trace: string): string[] {
  const pending = new Map<string, string>();
  const lines: string[] = [];
  for (const line of trace.split('\n')) {
    const unfinished = /^(\d+)\s+(.*) <unfinished \.\.\.>$/.exec(line);
    const resumed = /^(\d+)\s+\d+\.\d+ <\.\.\. \w+ resumed>(.*)$/.exec(line);
    if (unfinished) pending.set(unfinished[1]!, line.slice(0, -' <unfinished ...>'.length));
    else if (resumed && pending.has(resumed[1]!)) {
      lines.push(`${pending.get(resumed[1]!)}${resumed[2]}`);
      pending.delete(resumed[1]!);
    } else lines.push(line);
  }
  return lines;
}

function freshFolder(): string {
  const dir = mkdtempSync(join(BASE, 'aa-settle-'));
  mkdirSync(join(dir, 'repo'));
  const repo = join(dir, 'repo');
  execFileSync('git', ['init', '-q'], { cwd: repo });
  writeFileSync(join(repo, FILE), CONTENT);
  execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@example.invalid', 'commit', '-qm', 'start', '--allow-empty'], { cwd: repo });
  return repo;
}

function run(command: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command[0]} exited ${code}`))));
  });
}

if (process.argv.includes('--save')) {
  const [editor, path, count] = process.argv.slice(process.argv.indexOf('--save') + 1) as [Editor, string, string];
  await replay(editor, path, Number(count));
} else {
  const traced: Array<{ editor: Editor; found: Window[] }> = [];
  for (const editor of Object.keys(EDITORS) as Editor[]) {
    const repo = freshFolder();
    const log = join(repo, '..', 'strace.log');
    await run(['strace', '-f', '-qq', '-ttt', '-T', '-o', log, '-e', 'trace=openat,rename,renameat,renameat2,write,pwrite64,ftruncate,fsync,fdatasync,fchmod,chmod,setxattr,unlink,close', ...saveCommand(editor, repo)]);
    traced.push({ editor, found: windows(readFileSync(log, 'utf8'), FILE) });
    rmSync(join(repo, '..'), { recursive: true, force: true });
  }

  const counted: Array<{ editor: Editor; settleMs: number; reports: number[] }> = [];
  for (const editor of Object.keys(EDITORS) as Editor[]) {
    for (const settleMs of SETTLES_MS) {
      const repo = freshFolder();
      const reports: number[] = [];
      const watch = await watchWorkingTree(repo, { maxFileBytes: 1_000_000, settleMs, onSaves: (paths) => paths.includes(FILE) && reports.push(performance.now()) });
      const started = performance.now();
      await run(saveCommand(editor, repo));
      await new Promise((resolve) => setTimeout(resolve, settleMs + 300));
      await watch.close();
      // Reports per save: the saves are GAP_MS apart, so group reports by the save they follow.
      const perSave = new Map<number, number>();
      for (const at of reports) perSave.set(Math.floor((at - started) / GAP_MS), (perSave.get(Math.floor((at - started) / GAP_MS)) ?? 0) + 1);
      counted.push({ editor, settleMs, reports: [...perSave.values()] });
      rmSync(join(repo, '..'), { recursive: true, force: true });
    }
  }

  console.log(`# What settle time editors need (${SAVES} saves each of a ${(CONTENT.length / 1000).toFixed(0)} KB file, traced with strace -f, which slows each step)\n`);
  console.log('| editor | saves seen | file not its new content, p50 / p95 / max (ms) | whole save on the file, p50 / max (ms) |');
  console.log('| --- | --- | --- | --- |');
  for (const { editor, found } of traced) {
    const incomplete = found.map((w) => w.incompleteMs);
    const span = found.map((w) => w.spanMs);
    console.log(`| ${EDITORS[editor]} | ${found.length} | ${percentile(incomplete, 50).toFixed(2)} / ${percentile(incomplete, 95).toFixed(2)} / ${Math.max(...incomplete).toFixed(2)} | ${percentile(span, 50).toFixed(2)} / ${Math.max(...span).toFixed(2)} |`);
  }
  console.log('\n| editor | ' + SETTLES_MS.map((ms) => `settle ${ms} ms: saves reported / reported twice`).join(' | ') + ' |');
  console.log('| --- | ' + SETTLES_MS.map(() => '---').join(' | ') + ' |');
  for (const editor of Object.keys(EDITORS) as Editor[]) {
    const cells = SETTLES_MS.map((settleMs) => {
      const { reports } = counted.find((c) => c.editor === editor && c.settleMs === settleMs)!;
      return `${reports.length} / ${reports.filter((n) => n > 1).length}`;
    });
    console.log(`| ${EDITORS[editor]} | ${cells.join(' | ')} |`);
  }
  const worst = Math.max(...traced.flatMap(({ found }) => found.map((w) => w.incompleteMs)));
  console.log(`\nThe longest a file was not its new content: ${worst.toFixed(2)} ms. The settle time in use: ${DEFAULT_SETTLE_MS} ms (${(DEFAULT_SETTLE_MS / worst).toFixed(0)}x that).`);
}
