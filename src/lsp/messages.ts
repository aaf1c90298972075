import { MessageType, ShowMessageNotification, type Connection, type WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { isArchangelError, messageOf } from '../errors/archangel-error.js';
import { RUNG_NAMES } from '../review/render-notes.js';
import type { WatchEvent } from '../watch/types.js';

/**
 * What the learner is told in the editor, outside the diagnostics: a climbed rung, a chat answer,
 * what went wrong (each warning or error once; said again, it goes to the server's log), and the
 * indexing of the golden repos as `$/progress`.
 */
export interface EditorMessages {
  /** Takes in one event of the watch session. */
  apply(event: WatchEvent): void;
  tell(type: MessageType, message: string): void;
  log(message: string): void;
  /** The session is up: the indexing progress, if any, ends. */
  ready(): void;
}

/**
 * Says something to the editor. Once it is gone (the pipe closed while the index was still being
 * built), the library throws on every message, now or in a promise; what is left to say is dropped
 * rather than crashing the process on its way out.
 */
export function toEditor(send: () => unknown): void {
  try {
    void Promise.resolve(send()).catch(() => undefined);
  } catch {
    // the editor is gone
  }
}

export function editorMessages(connection: Connection): EditorMessages {
  const told = new Set<string>();
  let progress: Promise<WorkDoneProgressServerReporter> | undefined;
  let answer = '';
  const log = (message: string): void => toEditor(() => connection.console.log(message));
  const tell = (type: MessageType, message: string): void => {
    if (type !== MessageType.Info && told.has(message)) return log(message);
    told.add(message);
    toEditor(() => connection.sendNotification(ShowMessageNotification.type, { type, message }));
  };

  return {
    tell,
    log,
    ready() {
      const reporting = progress;
      toEditor(() => reporting?.then((reporter) => reporter.done()));
      progress = undefined;
    },
    apply(event) {
      switch (event.type) {
        case 'index-progress': {
          const percentage = event.total > 0 ? Math.round((100 * event.done) / event.total) : 0;
          const message = `${event.message}: ${event.done}/${event.total} files`;
          try {
            progress ??= connection.window.createWorkDoneProgress().then((reporter) => {
              reporter.begin('ArchAngel', 0, message, false);
              return reporter;
            });
          } catch {
            // the editor is gone
            return;
          }
          const reporting = progress;
          toEditor(() => reporting.then((reporter) => reporter.report(percentage, message)));
          return;
        }
        case 'notice':
          if (event.level === 'info') log(event.message);
          else tell(event.level === 'error' ? MessageType.Error : MessageType.Warning, `ArchAngel: ${event.message}`);
          return;
        case 'tutor':
          if (event.event.type === 'error') tell(MessageType.Warning, `ArchAngel: ${event.event.message}${event.event.hint ? ` (${event.event.hint})` : ''}`);
          return;
        case 'review-end':
          if (event.outcome === 'failed') tell(MessageType.Warning, `ArchAngel could not review this save: ${event.message ?? 'unknown error'}`);
          return;
        case 'note-updated': {
          const rung = event.note.ladder.find((item) => item.level === event.level);
          if (rung) tell(MessageType.Info, `${event.note.title}, ${RUNG_NAMES[event.level - 1]} (${event.level}/4): ${rung.text}`);
          return;
        }
        case 'chat-user':
          answer = '';
          return;
        case 'chat-text':
          answer += event.text;
          return;
        case 'chat-end':
          tell(event.error && answer === '' ? MessageType.Warning : MessageType.Info, answer === '' ? `ArchAngel: ${event.error ?? 'no answer'}` : answer);
          return;
        case 'fatal':
          tell(MessageType.Error, event.hint ? `${event.message} ${event.hint}` : event.message);
          return;
        case 'status':
        case 'review-start':
        case 'changes':
        case 'resolved':
        case 'hint-start':
        case 'hint-text':
        case 'note-dismissed':
        case 'chat-history':
        case 'navigator-note':
        case 'progress':
          return;
        default: {
          const unreachable: never = event;
          return unreachable;
        }
      }
    },
  };
}

/** An error as one message: what went wrong and what to do. */
export function describeError(error: unknown): string {
  if (isArchangelError(error)) return `ArchAngel: ${error.message}${error.hint ? ` ${error.hint}` : ''}`;
  return `ArchAngel stopped: ${messageOf(error)}`;
}
