import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  ErrorCodes,
  MarkupKind,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { messageOf } from '../errors/archangel-error.js';
import { COMMANDS } from './code-actions.js';
import { createEditorSession, type ClientFeatures, type EditorSession } from './editor-session.js';
import { GOLDEN_SCHEME } from './golden-uri.js';

export interface LanguageServerOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Where to look for archangel.json when the editor names no workspace folder (default: the current folder). */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Use the offline mentor even when a model is configured. */
  offline?: boolean;
  /** Called on everything the review engine does (a review, a hint, an answer): the process may tidy up once it stops. */
  onActivity?: () => void;
}

/**
 * `archangel lsp`: the Language Server Protocol over `input`/`output` (vscode-languageserver does
 * the protocol). Resolves once the editor has shut the server down or gone away, with every review
 * stopped and the record closed. An `exit` notification ends the process (the library does that).
 */
export async function runLanguageServer(options: LanguageServerOptions): Promise<void> {
  const reader = new StreamMessageReader(options.input);
  const writer = new StreamMessageWriter(options.output);
  const connection = createConnection(reader, writer);
  const documents = new TextDocuments(TextDocument);
  let editor: EditorSession | undefined;
  let markdown = true;

  connection.onInitialize((params) => {
    markdown = params.capabilities.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown) ?? true;
    const client: ClientFeatures = {
      showDocument: params.capabilities.window?.showDocument?.support === true,
      goldenUris: params.capabilities.workspace?.textDocumentContent !== undefined || goldenUrisOption(params),
    };
    editor = createEditorSession({ connection, document: (uri) => documents.get(uri), root: workspaceRoot(params) ?? options.cwd ?? process.cwd(), client, env: options.env ?? process.env, offline: options.offline ?? false, ...(options.onActivity ? { onActivity: options.onActivity } : {}) });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Empty] },
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        workspace: { textDocumentContent: { schemes: [GOLDEN_SCHEME] } },
      },
      serverInfo: { name: 'archangel' },
    };
  });
  documents.onDidOpen(({ document }) => editor?.opened(document.uri, document.getText()));
  documents.onDidSave(({ document }) => editor?.saved(document.uri));
  connection.onHover(({ textDocument, position }) => {
    const text = editor?.hover(textDocument.uri, position.line);
    return text === undefined ? null : { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: text } };
  });
  connection.onCodeAction(({ textDocument, range }) => editor?.actions(textDocument.uri, range) ?? []);
  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    try {
      await editor?.execute(command, args ?? []);
      return null;
    } catch (error) {
      return new ResponseError(ErrorCodes.InternalError, messageOf(error));
    }
  });
  connection.workspace.textDocumentContent.on(async ({ uri }) => {
    try {
      return { text: (await editor?.goldenText(uri)) ?? '' };
    } catch (error) {
      return new ResponseError(ErrorCodes.InvalidParams, messageOf(error));
    }
  });
  connection.onShutdown(() => editor?.close());

  const gone = new Promise<void>((resolve) => reader.onClose(() => resolve()));
  documents.listen(connection);
  connection.listen();
  // The editor closed the pipe, whether it shut the server down first or vanished mid-review.
  await gone;
  await editor?.close();
  connection.dispose();
}

/** The folder the editor opened: its first workspace folder, else its root. */
function workspaceRoot(params: InitializeParams): string | undefined {
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
  if (!uri?.startsWith('file:')) return undefined;
  return fileURLToPath(uri);
}

/**
 * `initializationOptions: { "goldenUris": true }`: the editor's config opens `archangel-golden:`
 * URIs through `workspace/textDocumentContent` itself (the README's Neovim setup does).
 */
function goldenUrisOption(params: InitializeParams): boolean {
  const options = params.initializationOptions as { goldenUris?: unknown } | undefined;
  return options?.goldenUris === true;
}
