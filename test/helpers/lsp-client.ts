import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type ShowDocumentParams,
  type ShowMessageParams,
} from 'vscode-languageserver/node';
import { runLanguageServer } from '../../src/lsp/server.js';
import { BIN } from './cli.js';

/**
 * An LSP client for tests, on the protocol library's own client side (no hand-written framing):
 * it records what the server publishes and asks of the editor, and answers those requests as an
 * editor would.
 */
export interface LspClient {
  connection: ProtocolConnection;
  /** The latest diagnostics per file URI. */
  diagnostics: Map<string, Diagnostic[]>;
  /** Every publication, in order. */
  published: Array<{ uri: string; diagnostics: Diagnostic[] }>;
  messages: ShowMessageParams[];
  /** `window/logMessage` texts: the server's log. */
  logs: string[];
  /** `$/progress` values, in order. */
  progress: Array<{ kind: string; message?: string; percentage?: number }>;
  shownDocuments: ShowDocumentParams[];
  initialize(root: string, options?: { capabilities?: ClientCapabilities; initializationOptions?: unknown }): Promise<InitializeResult>;
  uri(path: string): string;
  /** Opens `path` of the repo with the text on disk (or `text`, an unsaved buffer). */
  open(path: string, text?: string): void;
  /** The editor saved `path`, already written to disk: its buffer holds that text (didChange), then didSave. */
  save(path: string): void;
  /** Waits for diagnostics on `path`, published after the `after`th publication, that satisfy `found` (30 s at most). */
  diagnosticsOn(path: string, found: (diagnostics: Diagnostic[]) => boolean, after?: number): Promise<Diagnostic[]>;
  waitFor<T>(pick: () => T | undefined, what: string): Promise<T>;
  /** shutdown, then the pipe closes: the server resolves or exits. */
  close(): Promise<void>;
}

/** Capabilities of a plain editor: markdown hover, progress, showDocument; add more per test. */
export const EDITOR_CAPABILITIES: ClientCapabilities = {
  textDocument: { hover: { contentFormat: ['markdown'] }, synchronization: { didSave: true }, codeAction: {} },
  window: { workDoneProgress: true, showDocument: { support: true } },
};

function createClient(connection: ProtocolConnection, end: () => void): LspClient {
  let root = '';
  const versions = new Map<string, number>();
  const client: LspClient = {
    connection,
    diagnostics: new Map(),
    published: [],
    messages: [],
    logs: [],
    progress: [],
    shownDocuments: [],
    async initialize(folder, options = {}) {
      root = folder;
      const result = await connection.sendRequest('initialize', {
        processId: null,
        rootUri: pathToFileURL(folder).href,
        workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'learner' }],
        capabilities: options.capabilities ?? EDITOR_CAPABILITIES,
        ...(options.initializationOptions === undefined ? {} : { initializationOptions: options.initializationOptions }),
      });
      await connection.sendNotification('initialized', {});
      return result as InitializeResult;
    },
    uri: (path) => pathToFileURL(join(root, path)).href,
    open(path, text) {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri: client.uri(path), languageId: 'typescript', version: 1, text: text ?? readFileSync(join(root, path), 'utf8') } });
    },
    save(path) {
      const uri = client.uri(path);
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: readFileSync(join(root, path), 'utf8') }] });
      void connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    },
    diagnosticsOn(path, found, after = 0) {
      return client.waitFor(() => client.published.slice(after).findLast((item) => item.uri === client.uri(path) && found(item.diagnostics))?.diagnostics, `diagnostics on ${path}`);
    },
    async waitFor(pick, what) {
      for (let tries = 0; tries < 600; tries++) {
        const found = pick();
        if (found !== undefined) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`timed out waiting for ${what}; messages: ${JSON.stringify(client.messages)}; diagnostics: ${JSON.stringify([...client.diagnostics])}`);
    },
    async close() {
      await connection.sendRequest('shutdown').catch(() => undefined);
      end();
      connection.dispose();
    },
  };
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
    client.diagnostics.set(params.uri, params.diagnostics);
    client.published.push(params);
  });
  connection.onNotification('window/showMessage', (params: ShowMessageParams) => void client.messages.push(params));
  connection.onNotification('window/logMessage', (params: { message: string }) => void client.logs.push(params.message));
  connection.onNotification('$/progress', (params: { value: { kind: string; message?: string; percentage?: number } }) => void client.progress.push(params.value));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('window/showDocument', (params: ShowDocumentParams) => {
    client.shownDocuments.push(params);
    return { success: true };
  });
  connection.listen();
  return client;
}

/** The server in this process, over a pair of pipes; `done` resolves when it has closed everything. */
export function inProcessServer(options: { env?: NodeJS.ProcessEnv; offline?: boolean } = {}): { client: LspClient; done: Promise<void> } {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const done = runLanguageServer({ input: toServer, output: toClient, env: { ...process.env, ...options.env }, offline: options.offline ?? false });
  const connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  return { client: createClient(connection, () => toServer.end()), done };
}

/** The built `archangel lsp --stdio` as a child process, the way an editor starts it. */
export function spawnedServer(cwd: string, env: NodeJS.ProcessEnv = {}): { client: LspClient; child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  return { client: createClient(connection, () => child.stdin!.end()), child, stderr: () => stderr };
}
