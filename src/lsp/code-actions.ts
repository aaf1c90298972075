import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { HintLevel, Note } from '../tutor/types.js';
import { goldenEvidence } from './hover.js';

/** The commands the server runs for its code actions; `watch` does the same on `h`, `e`, `d` and chat. */
export const COMMANDS = {
  nextHint: 'archangel.nextHint',
  showGoldenExample: 'archangel.showGoldenExample',
  dismiss: 'archangel.dismiss',
  ask: 'archangel.askAboutThis',
} as const;

/** A note on the lines asked about, where it stands on its ladder, and its diagnostic. */
export interface NoteAtRange {
  note: Note;
  level: HintLevel;
  diagnostic: Diagnostic;
}

/** Next hint (while rungs are left), Show golden example (when it cites golden code) and Dismiss, for each note. */
export function noteActions(notes: NoteAtRange[]): CodeAction[] {
  return notes.flatMap(({ note, level, diagnostic }) => {
    const about = (title: string, command: string): CodeAction => ({ title: `${title}: ${note.title}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command, arguments: [note.id] } });
    return [
      ...(level < 4 ? [about(`Next hint (${level + 1}/4)`, COMMANDS.nextHint)] : []),
      ...(goldenEvidence(note) ? [about('Show golden example', COMMANDS.showGoldenExample)] : []),
      about('Dismiss', COMMANDS.dismiss),
    ];
  });
}

/** "Ask about this": the selection (or the lines of the note under the cursor) goes to chat. */
export function askAction(uri: string, range: Range): CodeAction {
  return { title: 'Ask about this', kind: CodeActionKind.Empty, command: { title: 'Ask about this', command: COMMANDS.ask, arguments: [uri, range] } };
}
