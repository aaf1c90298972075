import type { HintLevel } from '../../src/tutor/types.js';
import type { WatchController, WatchEvent } from '../../src/watch/types.js';

/** A controller that records what the view asked and lets a test push events. */
export class FakeController implements WatchController {
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  /** Answers `ask` like the session: echoes the question, then the test streams the answer. */
  echoQuestions = true;
  #listeners = new Set<(event: WatchEvent) => void>();

  subscribe(listener: (event: WatchEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  push(...events: WatchEvent[]): void {
    for (const event of events) for (const listener of this.#listeners) listener(event);
  }

  get listeners(): number {
    return this.#listeners.size;
  }

  climb(noteId: string, level: HintLevel): void {
    this.calls.push({ method: 'climb', args: [noteId, level] });
  }

  dismiss(noteId: string): void {
    this.calls.push({ method: 'dismiss', args: [noteId] });
  }

  progress(): void {
    this.calls.push({ method: 'progress', args: [] });
  }

  reviewAgain(): void {
    this.calls.push({ method: 'reviewAgain', args: [] });
  }

  ask(text: string, noteId?: string): void {
    this.calls.push({ method: 'ask', args: [text, noteId] });
    if (this.echoQuestions) this.push({ type: 'chat-user', text });
  }

  addNavigatorNote(text: string): void {
    this.calls.push({ method: 'addNavigatorNote', args: [text] });
  }

  async quit(): Promise<void> {
    this.calls.push({ method: 'quit', args: [] });
  }

  called(method: string): unknown[][] {
    return this.calls.filter((call) => call.method === method).map((call) => call.args);
  }
}
