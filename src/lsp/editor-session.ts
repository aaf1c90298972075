import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageType, type CodeAction, type Connection, type Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { openProject, type Project } from '../config/project.js';
import { formatEvidence, placeOf } from '../review/render-notes.js';
import { citationLabel } from '../tutor/claude/prompt-data.js';
import type { Note } from '../tutor/types.js';
import { createWatchSession, type WatchSession } from '../watch/session.js';
import type { WatchEvent } from '../watch/types.js';
import { askAction, COMMANDS, noteActions } from './code-actions.js';
import { noteDiagnostic, noteRange } from './diagnostics.js';
import { readGoldenFile, writeReadOnlyCopy } from './golden-document.js';
import { goldenUri, parseGoldenUri } from './golden-uri.js';
import { goldenEvidence, noteHover } from './hover.js';
import { describeError, editorMessages, toEditor } from './messages.js';
import { createNoteBoard } from './note-board.js';
import { fileUri, repoPath } from './paths.js';
import { styleGuideLinks } from './style-links.js';

/** What the editor said it can do, at `initialize`. */
export interface ClientFeatures {
  /** `window/showDocument`: the server may open a document in the editor. */
  showDocument: boolean;
  /** It opens `archangel-golden:` URIs itself: LSP 3.18 `workspace/textDocumentContent`, or its config says so. */
  goldenUris: boolean;
}

export interface EditorSessionOptions {
  connection: Connection;
  /** The editor's open documents: their text, for unsaved changes and selections. */
  document(uri: string): TextDocument | undefined;
  /** The folder to look for archangel.json from. */
  root: string;
  client: ClientFeatures;
  env: NodeJS.ProcessEnv;
  offline: boolean;
  /** Called on each event of the watch session. */
  onActivity?: () => void;
}

/**
 * `watch`, in an editor: one watch session (the same engine, index, tutors, state.db and limits)
 * told what was opened and saved, its notes published as diagnostics, its ladder climbed from
 * hover and code actions. Nothing here throws at the editor: what goes wrong is said once in a
 * message, and the server keeps serving.
 */
export interface EditorSession {
  /** A document was opened (`text` as the editor holds it) or saved: review its file. */
  opened(uri: string, text: string): void;
  saved(uri: string): void;
  hover(uri: string, line: number): string | undefined;
  actions(uri: string, range: Range): CodeAction[];
  execute(command: string, args: unknown[]): Promise<void>;
  /** The text behind an `archangel-golden:` URI. */
  goldenText(uri: string): Promise<string>;
  close(): Promise<void>;
}

export function createEditorSession(options: EditorSessionOptions): EditorSession {
  const { connection, client } = options;
  const board = createNoteBoard();
  /** The URI each file was opened under, so diagnostics go back to the same spelling. */
  const uris = new Map<string, string>();
  const messages = editorMessages(connection);
  const { tell, log } = messages;
  let project: Project | undefined;
  let session: WatchSession | undefined;
  let opening: Promise<void> | undefined;
  let closed = false;
  let links: (ruleId: string) => string | undefined = () => undefined;

  /** The length of each line of a file: the editor's text when it has the file open, else the saved file. */
  const lineLength = (path: string): ((line: number) => number) => {
    const document = options.document(uris.get(path) ?? '');
    let lines: string[] = [];
    try {
      lines = (document?.getText() ?? readFileSync(join(project!.root, path), 'utf8')).split(/\r?\n/);
    } catch {
      // The file is gone: its notes' lines are all there is.
    }
    return (line) => lines[line]?.length ?? 0;
  };
  const publish = (path: string): void => {
    const length = lineLength(path);
    const diagnostics = board.notesOn(path).map((note) => noteDiagnostic(note, noteRange(note, length), links));
    toEditor(() => connection.sendDiagnostics({ uri: uris.get(path) ?? fileUri(project!.root, path), diagnostics }));
  };

  const onEvent = (event: WatchEvent): void => {
    options.onActivity?.();
    for (const path of board.apply(event)) publish(path);
    messages.apply(event);
  };

  /** Opens the project and its watch session; what fails is said once and tried again on the next open or save. */
  const open = (): Promise<void> => {
    opening ??= (async () => {
      try {
        project = await openProject(options.root, options.env);
      } catch (error) {
        tell(MessageType.Error, describeError(error));
        opening = undefined;
        return;
      }
      links = styleGuideLinks(project.root);
      if (project.config.golden.length > 0 && !existsSync(project.indexPath)) {
        tell(MessageType.Info, 'ArchAngel is indexing the golden repositories for the first time; notes on your saves follow once it is done.');
      }
      const started = createWatchSession({ project, offline: options.offline, env: options.env, saves: 'editor' });
      started.subscribe(onEvent);
      session = started;
      try {
        // What stops the session arrives as a `fatal` event, told in a message, and comes back here.
        if (await started.start()) {
          await started.quit();
          session = undefined;
          opening = undefined;
        }
      } finally {
        messages.ready();
      }
    })();
    return opening;
  };

  /** The repository path of a document the engine may review, once the project is open. */
  const pathOf = async (uri: string): Promise<string | undefined> => {
    if (closed) return undefined;
    await open();
    if (!project || !session) return undefined;
    const path = repoPath(project.root, uri, project.stateDir);
    if (path === undefined) log(`Not reviewed (outside ${project.root}, or not a file): ${uri}`);
    else uris.set(path, uri);
    return path;
  };

  /** The notes standing on lines `first`..`last` (0-based) of a document. */
  const notesAt = (uri: string, first: number, last: number): { path: string; notes: Note[] } | undefined => {
    const path = project && repoPath(project.root, uri, project.stateDir);
    if (path === undefined) return undefined;
    return { path, notes: board.notesOn(path).filter((note) => note.startLine - 1 <= last && note.endLine - 1 >= first) };
  };
  const stateOf = (note: Note) => session?.noteState(note.id) ?? { note, level: note.opensAt ?? 1 };

  const showExample = async (noteId: string): Promise<void> => {
    const note = session?.noteState(noteId)?.note;
    const golden = note && goldenEvidence(note);
    if (!note || !golden) {
      tell(MessageType.Info, note ? `No golden code is cited for this note; it rests on: ${note.evidence.map(formatEvidence).join('; ')}` : 'That note is no longer shown; save the file to review it again.');
      return;
    }
    const { citation } = golden;
    const selection = { start: { line: citation.startLine - 1, character: 0 }, end: { line: citation.endLine, character: 0 } };
    if (!client.showDocument) {
      tell(MessageType.Info, `${citationLabel(citation)}\n${golden.snippet}`);
      return;
    }
    const uri = goldenUri(citation);
    if (client.goldenUris) {
      await connection.window.showDocument({ uri, selection, takeFocus: true });
      return;
    }
    const ref = parseGoldenUri(uri)!;
    const copy = await writeReadOnlyCopy(project!, ref, await readGoldenFile(project!, ref, options.env));
    await connection.window.showDocument({ uri: pathToFileURL(copy).href, selection, takeFocus: true });
  };

  /** "Ask about this": the selection, or else the lines of the note under the cursor, as a chat question about the note there. */
  const ask = (uri: string, range: Range): void => {
    const at = notesAt(uri, range.start.line, range.end.line);
    const document = options.document(uri);
    if (!session || !at || !document) return;
    const [note] = at.notes;
    const lines = isEmpty(range) && note ? { startLine: note.startLine, endLine: note.endLine } : { startLine: range.start.line + 1, endLine: range.end.line + 1 };
    const code = isEmpty(range) ? document.getText({ start: { line: lines.startLine - 1, character: 0 }, end: { line: lines.endLine, character: 0 } }) : document.getText(range);
    session.ask(`About ${placeOf({ path: at.path, ...lines })}:\n\n${code.trimEnd()}\n\nWhat would the team's golden code do here, and why?`, note?.id);
  };

  return {
    opened(uri, text) {
      void pathOf(uri).then((path) => {
        if (path === undefined) return;
        // An unsaved buffer: the review reads the saved file, so it waits for the save.
        let saved: string | undefined;
        try {
          saved = readFileSync(join(project!.root, path), 'utf8');
        } catch {
          saved = undefined;
        }
        if (saved !== text) log(`Not reviewed until saved: ${path}`);
        else session!.reviewFiles([path]);
      });
    },

    saved(uri) {
      void pathOf(uri).then((path) => {
        if (path !== undefined) session!.reviewFiles([path]);
      });
    },

    hover(uri, line) {
      const notes = notesAt(uri, line, line)?.notes ?? [];
      return notes.length === 0 ? undefined : notes.map((note) => noteHover(stateOf(note).note, stateOf(note).level)).join('\n\n---\n\n');
    },

    actions(uri, range) {
      const at = notesAt(uri, range.start.line, range.end.line);
      if (!at) return [];
      const length = lineLength(at.path);
      const actions = noteActions(at.notes.map((note) => ({ ...stateOf(note), diagnostic: noteDiagnostic(note, noteRange(note, length), links) })));
      return session?.hasChatModel() && (!isEmpty(range) || at.notes.length > 0) ? [...actions, askAction(uri, range)] : actions;
    },

    async execute(command, args) {
      const [first] = args;
      switch (command) {
        case COMMANDS.nextHint: {
          const state = typeof first === 'string' ? session?.noteState(first) : undefined;
          if (!state) return tell(MessageType.Info, 'That note is no longer shown; save the file to review it again.');
          if (state.level >= 4) return tell(MessageType.Info, `Every rung of "${state.note.title}" is open already: hover over its lines to read them.`);
          session!.climb(state.note.id, (state.level + 1) as 2 | 3 | 4);
          return;
        }
        case COMMANDS.showGoldenExample:
          if (typeof first === 'string') await showExample(first);
          return;
        case COMMANDS.dismiss:
          if (typeof first === 'string') session?.dismiss(first);
          return;
        case COMMANDS.ask:
          if (typeof first === 'string' && isRange(args[1])) ask(first, args[1]);
          return;
        default:
          log(`Unknown command: ${command}`);
      }
    },

    async goldenText(uri) {
      const ref = parseGoldenUri(uri);
      if (!ref) throw new Error(`Not a golden document: ${uri}`);
      await open();
      if (!project) throw new Error('No archangel.json here, so there is no golden code to show.');
      return readGoldenFile(project, ref, options.env);
    },

    async close() {
      closed = true;
      await opening;
      await session?.quit();
      session = undefined;
    },
  };
}

function isEmpty(range: Range): boolean {
  return range.start.line === range.end.line && range.start.character === range.end.character;
}

function isRange(value: unknown): value is Range {
  const range = value as Range | undefined;
  return typeof range?.start?.line === 'number' && typeof range.start.character === 'number' && typeof range.end?.line === 'number' && typeof range.end.character === 'number';
}
