import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isProcessAlive } from '../../fs/process-alive.js';
import { createMessageConnection, NotificationType, NotificationType0, RequestType, RequestType0, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, DidCloseTextDocumentParams, DidOpenTextDocumentParams, InitializeParams, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

/**
 * The messages spoken to oxlint, typed with the protocol's parameter types but built with its
 * JSON-RPC library alone. The protocol package's runtime (its modules and the LSP types library,
 * for seven method names) cost `watch` 0.6 MB of live heap after start-up (17.1 -> 16.5 MB); a
 * fresh Node importing it alone grows by 21 MB of RSS, by 10 MB for the JSON-RPC library.
 */
const Initialize = new RequestType<InitializeParams, InitializeResult, unknown>('initialize');
const Initialized = new NotificationType<Record<string, never>>('initialized');
const DidOpen = new NotificationType<DidOpenTextDocumentParams>('textDocument/didOpen');
const DidClose = new NotificationType<DidCloseTextDocumentParams>('textDocument/didClose');
const PublishDiagnostics = new NotificationType<PublishDiagnosticsParams>('textDocument/publishDiagnostics');
const Shutdown = new RequestType0<void, unknown>('shutdown');
const Exit = new NotificationType0('exit');

/**
 * oxlint as a long-lived language server (`oxlint --lsp`), spoken to over stdio with VS Code's
 * JSON-RPC library. oxlint cannot lint from inside this process: its napi binding exports only the
 * whole command line (`lint(argv, ...)`, which reads files from disk and prints to our stdout) and
 * a parser. One `oxlint` run per save costs ~0.4 s; the server starts once (~120 ms) and then
 * answers a file sent in memory in a few milliseconds.
 */

/** A file never gets its diagnostics after this long: the server is stuck, and the check is given up. */
const DIAGNOSTICS_TIMEOUT_MS = 10_000;
/** How long a polite shutdown may take before the server is killed. */
const SHUTDOWN_TIMEOUT_MS = 1_000;

const require = createRequire(import.meta.url);

/** Where the `oxlint` command's script is: run with this Node, so no shell and no PATH lookup. */
export function oxlintScript(): string {
  return join(dirname(require.resolve('oxlint/package.json')), 'bin', 'oxlint');
}

export interface OxlintServerOptions {
  /** The configuration (`.oxlintrc.json` content) every file is linted with. */
  config: Record<string, unknown>;
  /** The script to run; the installed oxlint by default. */
  script?: string;
}

/** The configuration folders' names: `archangel-oxlint-<pid of the process using it>-<random>`. */
const WORKSPACE_PREFIX = 'archangel-oxlint-';

/**
 * A new configuration folder, named by this process's id. A process killed by a signal (a closed
 * terminal, `kill -9`) never removes its own: the folders of processes that are gone are removed
 * here, so they do not pile up in the temporary folder.
 */
function workspaceFolder(): string {
  const root = tmpdir();
  for (const name of safeReaddir(root)) {
    const pid = Number(/^archangel-oxlint-(\d+)-/.exec(name)?.[1]);
    if (pid > 0 && pid !== process.pid && !isProcessAlive(pid)) removeQuietly(join(root, name));
  }
  return mkdtempSync(join(root, `${WORKSPACE_PREFIX}${process.pid}-`));
}

function safeReaddir(folder: string): string[] {
  try {
    return readdirSync(folder).filter((name) => name.startsWith(WORKSPACE_PREFIX));
  } catch {
    return [];
  }
}

/** Another user's folder is theirs to remove: a failure here is no reason not to lint. */
function removeQuietly(folder: string): void {
  try {
    rmSync(folder, { recursive: true, force: true });
  } catch {
    // Left for its owner.
  }
}

/** A child's pipe: it holds the event loop open only while ref'd. */
interface Refable {
  ref(): void;
  unref(): void;
}

interface Pending {
  version: number;
  resolve(diagnostics: Diagnostic[]): void;
  reject(error: Error): void;
}

export class OxlintServer {
  private readonly workspace: string;
  private readonly child: ChildProcess;
  private readonly connection: MessageConnection;
  private readonly ready: Promise<void>;
  private readonly pipes: Refable[];
  /** Rejects when the server stops, so nothing waits on a server that will never answer. */
  private readonly exited: Promise<never>;
  private readonly pending = new Map<string, Pending>();
  private version = 0;
  private exitError: Error | undefined;
  /** Checks run one at a time: a file's open, diagnostics and close never interleave with another's. */
  private queue: Promise<unknown> = Promise.resolve();
  /** A process that exits without `close()` still stops the server and removes its folder. */
  private readonly onProcessExit = (): void => this.dispose();

  constructor(options: OxlintServerOptions) {
    // The server reads its configuration from a file: a folder of our own holds it, and is the
    // workspace every checked file is placed in (by its repository path), so paths and extensions
    // mean what they mean in the learner's repository.
    this.workspace = workspaceFolder();
    const configPath = join(this.workspace, '.oxlintrc.json');
    writeFileSync(configPath, JSON.stringify(options.config));
    this.child = spawn(process.execPath, [options.script ?? oxlintScript(), '--lsp'], { stdio: ['pipe', 'pipe', 'ignore'] });
    process.once('exit', this.onProcessExit);
    const stdin = this.child.stdin;
    const stdout = this.child.stdout;
    if (!stdin || !stdout) throw new Error('oxlint --lsp started without pipes');
    this.pipes = [stdin, stdout] as unknown as Refable[];
    this.connection = createMessageConnection(new StreamMessageReader(stdout), new StreamMessageWriter(stdin));
    this.connection.onNotification(PublishDiagnostics, (params) => {
      const waiting = this.pending.get(params.uri);
      if (waiting && params.version === waiting.version) {
        this.pending.delete(params.uri);
        waiting.resolve(params.diagnostics);
      }
    });
    let stop: (error: Error) => void = () => undefined;
    this.exited = new Promise<never>((_, reject) => (stop = reject));
    this.exited.catch(() => undefined);
    const failAll = (error: Error): void => {
      this.exitError ??= error;
      stop(this.exitError);
      for (const waiting of this.pending.values()) waiting.reject(this.exitError);
      this.pending.clear();
    };
    this.child.on('error', (error) => failAll(new Error(`oxlint could not start: ${error.message}`, { cause: error })));
    this.child.on('exit', (code, signal) => failAll(new Error(`oxlint stopped (${signal ?? `exit code ${code}`})`)));
    this.connection.onError(([error]) => failAll(new Error(`oxlint's connection failed: ${error.message}`, { cause: error })));
    this.connection.onClose(() => failAll(new Error('oxlint closed its connection')));
    this.connection.listen();
    const workspaceUri = pathToFileURL(this.workspace).href;
    this.ready = this.connection
      .sendRequest(Initialize, {
        processId: process.pid,
        rootUri: workspaceUri,
        workspaceFolders: [{ uri: workspaceUri, name: 'archangel' }],
        capabilities: {},
        initializationOptions: [{ workspaceUri, options: { configPath } }],
      })
      .then(() => this.connection.sendNotification(Initialized, {}));
    // Awaited by every check; a server closed before any check must not leave it unhandled.
    this.ready.catch(() => undefined);
    this.idle();
  }

  /** While a check runs, the server keeps this process alive; between checks it must not keep a finished `review` from exiting. */
  private busy(): void {
    this.child.ref();
    for (const pipe of this.pipes) pipe.ref();
  }

  private idle(): void {
    this.child.unref();
    for (const pipe of this.pipes) pipe.unref();
  }

  /** Whether the server has stopped (crashed, killed or closed): a new one must be started. */
  get stopped(): boolean {
    return this.exitError !== undefined;
  }

  /** oxlint's diagnostics for `text`, as if it were the file at `path` (relative to the repository). */
  lint(path: string, languageId: string, text: string): Promise<Diagnostic[]> {
    const run = this.queue.then(async () => {
      this.busy();
      try {
        return await this.lintNow(path, languageId, text);
      } finally {
        this.idle();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async lintNow(path: string, languageId: string, text: string): Promise<Diagnostic[]> {
    await Promise.race([this.ready, this.exited]);
    const uri = pathToFileURL(join(this.workspace, path)).href;
    const version = ++this.version;
    const diagnostics = new Promise<Diagnostic[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(uri);
        reject(new Error(`oxlint sent no diagnostics within ${DIAGNOSTICS_TIMEOUT_MS / 1000} s`));
      }, DIAGNOSTICS_TIMEOUT_MS);
      const settle = <T>(done: (value: T) => void) => (value: T) => {
        clearTimeout(timer);
        done(value);
      };
      this.pending.set(uri, { version, resolve: settle(resolve), reject: settle(reject) });
    });
    await this.connection.sendNotification(DidOpen, { textDocument: { uri, languageId, version, text } });
    try {
      return await Promise.race([diagnostics, this.exited]);
    } finally {
      if (!this.exitError) await this.connection.sendNotification(DidClose, { textDocument: { uri } });
    }
  }

  /** Asks the server to exit, kills it if it does not, and removes the configuration folder. */
  async close(): Promise<void> {
    if (!this.exitError) {
      // Held open while shutting down: with the server unref'd, nothing else may keep this process
      // alive, and it would exit with the shutdown half done.
      this.busy();
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      try {
        await within(this.connection.sendRequest(Shutdown).then(() => this.connection.sendNotification(Exit)), SHUTDOWN_TIMEOUT_MS);
        await within(exited, SHUTDOWN_TIMEOUT_MS);
      } catch {
        // Shutting down a server that is already failing: killing it below is all that is left.
      }
    }
    this.dispose();
  }

  private dispose(): void {
    process.removeListener('exit', this.onProcessExit);
    this.child.kill();
    this.connection.dispose();
    rmSync(this.workspace, { recursive: true, force: true });
  }
}

/** Waits for `promise`, or `ms` at most; the timer does not outlive the wait. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
