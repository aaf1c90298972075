import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { Note, Severity } from '../tutor/types.js';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warn: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What a diagnostic carries for the code actions asked about it. */
export interface NoteData {
  noteId: string;
}

/** The whole lines of a note (1-based, inclusive) as an editor range; `lineLength` gives a line's length (0-based). */
export function noteRange(note: Pick<Note, 'startLine' | 'endLine'>, lineLength: (line: number) => number): Range {
  return { start: { line: note.startLine - 1, character: 0 }, end: { line: note.endLine - 1, character: lineLength(note.endLine - 1) } };
}

/**
 * A note as an editor shows it on its lines: only the question (the rest of the ladder is climbed
 * on purpose, from hover and code actions), its rule id as the code, linked to the team's style
 * guide when that has an entry for it.
 */
export function noteDiagnostic(note: Note, range: Range, styleLink: (ruleId: string) => string | undefined): Diagnostic {
  const href = styleLink(note.topic);
  const question = note.ladder.find((rung) => rung.level === 1)?.text ?? note.title;
  const data: NoteData = { noteId: note.id };
  return {
    range,
    severity: SEVERITY[note.severity],
    source: 'archangel',
    code: note.topic,
    ...(href ? { codeDescription: { href } } : {}),
    message: question,
    data,
  };
}
