import type { Note } from '../tutor/types.js';
import type { WatchEvent } from '../watch/types.js';

/**
 * The notes standing on each file, as the editor should show them, kept from a watch session's
 * events: a finished review replaces the notes of the files it covered (a superseded or failed one
 * changes nothing), and a dismissed or resolved note leaves at once.
 */
export interface NoteBoard {
  /** Takes in one event; returns the files whose notes changed. */
  apply(event: WatchEvent): string[];
  notesOn(path: string): Note[];
}

interface Running {
  paths: Set<string>;
  notes: Note[];
}

export function createNoteBoard(): NoteBoard {
  const byPath = new Map<string, Note[]>();
  const running = new Map<number, Running>();
  /**
   * Takes notes off the board; returns the files to show again now. With `deferReviewed`, a file
   * under review is left to the end of its review, which replaces its notes anyway (a save resolving
   * a note is one publication, not two); a dismissal shows at once.
   */
  const remove = (ids: ReadonlySet<string>, deferReviewed: boolean): string[] => {
    const reviewing = new Set(deferReviewed ? [...running.values()].flatMap((review) => [...review.paths]) : []);
    const changed: string[] = [];
    for (const [path, notes] of byPath) {
      const kept = notes.filter((note) => !ids.has(note.id));
      if (kept.length === notes.length) continue;
      byPath.set(path, kept);
      if (!reviewing.has(path)) changed.push(path);
    }
    for (const review of running.values()) review.notes = review.notes.filter((note) => !ids.has(note.id));
    return changed;
  };

  return {
    apply(event) {
      switch (event.type) {
        case 'review-start':
          running.set(event.reviewId, { paths: new Set(event.paths), notes: [] });
          return [];
        case 'changes':
          for (const file of event.files) running.get(event.reviewId)?.paths.add(file.path);
          return [];
        case 'tutor':
          if (event.event.type === 'note-end') running.get(event.reviewId)?.notes.push(event.event.note);
          return [];
        case 'resolved':
          return remove(new Set(event.notes.map((note) => note.id)), true);
        case 'note-dismissed':
          return remove(new Set([event.noteId]), false);
        case 'review-end': {
          const review = running.get(event.reviewId);
          running.delete(event.reviewId);
          if (!review || event.outcome !== 'done') return [];
          for (const path of review.paths) byPath.set(path, review.notes.filter((note) => note.path === path));
          return [...review.paths];
        }
        case 'status':
        case 'index-progress':
        case 'hint-start':
        case 'hint-text':
        case 'note-updated':
        case 'chat-user':
        case 'chat-text':
        case 'chat-end':
        case 'chat-history':
        case 'navigator-note':
        case 'progress':
        case 'notice':
        case 'fatal':
          return [];
        default: {
          const unreachable: never = event;
          return unreachable;
        }
      }
    },
    notesOn: (path) => byPath.get(path) ?? [],
  };
}
