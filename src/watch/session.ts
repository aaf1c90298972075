import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Project } from '../config/project.js';
import { languagesWithoutRules } from '../conventions/coverage.js';
import { driverName, type PairContext } from '../tutor/pair.js';
import { isArchangelError, messageOf, type ArchangelError } from '../errors/archangel-error.js';
import { explainError } from '../errors/explain.js';
import { currentBranch } from '../review/branch.js';
import type { ReviewContext } from '../review/context/types.js';
import type { SeenRepo } from '../review/diff/read-diff.js';
import type { ReviewServices } from '../review/open-services.js';
import type { ChatMessage } from '../tutor/claude/tutor.js';
import type { HintLevel, Note, Usage } from '../tutor/types.js';
import { createReviewScheduler } from './schedule/index.js';
import type { WatchController, WatchEvent, WatchStatus } from './types.js';
import { describeIndex } from './index-status.js';
import type * as Engine from './engine.js';

export interface WatchSessionOptions {
  project: Project;
  offline?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Set when watch runs in a pair session (`archangel pair`): the mentor speaks to two people. */
  pair?: PairContext;
  /**
   * Who says what was saved: the working-tree watcher (`watch`, the default; the whole diff is
   * reviewed at start), or the caller through `reviewFiles` (`lsp`: the editor says what it opened
   * and saved, and nothing is reviewed unasked).
   */
  saves?: 'watcher' | 'editor';
}

/** A watch session: call `start()` once the view has subscribed. */
export interface WatchSession extends WatchController {
  /**
   * Opens everything and starts watching. What stops it (a damaged record, no working tree...) is
   * emitted as a `fatal` event for the view and returned, for the command to exit with.
   */
  start(): Promise<ArchangelError | undefined>;
  /** Review these files (relative to the repository) as a save of them is reviewed; asked before the session is ready, they wait for it. */
  reviewFiles(paths: string[]): void;
  /**
   * A note as last shown in this session and the highest rung the learner opened on it, from the
   * record (so a climb made in another process counts); undefined for a note this session has not shown.
   */
  noteState(noteId: string): { note: Note; level: HintLevel } | undefined;
  /** Whether chat answers come from a model (without one they quote golden search results). */
  hasChatModel(): boolean;
}

/** Chat turns kept in the prompt: older turns are in state.db, but the model sees the recent ones. */
const CHAT_TURNS_SENT = 12;

/**
 * How often the session looks in the record for notes dismissed by another process (watch and lsp
 * on one repository): a dismissal there should vanish here within a glance, and the look is one
 * indexed row per note on screen.
 */
const DISMISSALS_POLL_MS = 500;

/**
 * `archangel watch`: brings the golden index up to date, reviews the current diff once, then
 * reviews each saved file once it settles (a newer save cancels the review in flight), and
 * answers chat about the current diff. Everything said is recorded in `.archangel/state.db`.
 */
export function createWatchSession(options: WatchSessionOptions): WatchSession {
  const { project } = options;
  const listeners = new Set<(event: WatchEvent) => void>();
  const emit = (event: WatchEvent) => listeners.forEach((listener) => listener(event));
  const notes = new Map<string, Note>();
  const usage: Usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  /** Loaded by `start()`, before `services`: wherever `services` is set, so is `engine`. */
  let engine: typeof Engine | undefined;
  let services: ReviewServices | undefined;
  let context: ReviewContext | undefined;
  let branch = 'HEAD';
  let reviews = 0;
  let closeWatcher: (() => Promise<void>) | undefined;
  /** Why saves are polled for, once the watcher has had to. */
  let polling: string | undefined;
  let chatAbort: AbortController | undefined;
  /** The rung being written for the learner; a newer climb, a dismissal or a save cancels it. */
  let hintAbort: AbortController | undefined;
  /** This session's name in reviews shared with other processes (see `runReview`'s `share`). */
  let owner: string | undefined;
  /** Files the editor asked to review before the session was ready. */
  const early = new Set<string>();
  let dismissalPoll: NodeJS.Timeout | undefined;
  /** Quitting stops the start where it is (an index being built can take minutes). */
  const starting = new AbortController();
  /** Where the last review found the repository: the next one diffs against its HEAD while git confirms it. */
  const seenRepo: SeenRepo = {};

  const status = async (): Promise<WatchStatus> => ({
    repo: project.root.split('/').pop() ?? project.root,
    branch,
    index: services ? (services.index ? describeIndex(services.index.repos()) : 'not built') : 'checking…',
    tutor: services?.tutor.label ?? 'starting',
    usage,
    ...(options.pair ? { pair: `${driverName(options.pair)} driving · ${options.pair.navigator} navigating` } : {}),
    ...(polling ? { polling } : {}),
  });
  const sendStatus = async () => emit({ type: 'status', status: await status() });
  /** The learner told, in the footer, that the record could not keep something (`what`), and why. */
  const notRecorded = (what: string, error: ArchangelError) => emit({ type: 'notice', level: 'error', message: `${what} not recorded. ${error.message}${error.hint ? ` ${error.hint}` : ''}` });
  /**
   * A write to the record outside a review (a climb, a dismissal, a chat turn, a navigator's note):
   * a record that cannot take it (locked, read-only, full, damaged) costs that entry, not the session.
   */
  const record = (what: string, write: () => unknown): void => {
    try {
      write();
    } catch (error) {
      if (!isArchangelError(error)) throw error;
      notRecorded(what, error);
    }
  };

  const showRung = async (active: ReviewServices, seen: ReviewContext, note: Note, level: HintLevel, signal: AbortSignal): Promise<void> => {
    let shown = note;
    try {
      for await (const event of engine!.climbRung(project, active, seen, note, level, signal)) {
        if (event.type === 'text') emit({ type: 'hint-text', noteId: note.id, text: event.text });
        if (event.type === 'note-end') shown = event.note;
        if (event.type === 'error') emit({ type: 'notice', level: 'warn', message: event.hint ? `${event.message} (${event.hint})` : event.message });
        if (event.type === 'waiting') emit({ type: 'notice', level: 'info', message: event.message });
        if (event.type === 'done' && event.usage) addUsage(usage, event.usage);
      }
    } catch (error) {
      emit({ type: 'notice', level: 'error', message: `The hint could not be written: ${messageOf(error)}` });
    }
    if (signal.aborted) return;
    if (shown !== note) {
      if (notes.has(note.id)) notes.set(note.id, shown);
      record('The hint was', () => active.session.saveLadder(note.id, shown.ladder));
    }
    emit({ type: 'note-updated', note: shown, level });
    if (shown !== note) await sendStatus();
  };

  const review = async (paths: string[] | 'all', signal: AbortSignal): Promise<void> => {
    if (!services) return;
    hintAbort?.abort();
    const reviewId = ++reviews;
    emit({ type: 'review-start', reviewId, paths: paths === 'all' ? [] : paths });
    try {
      for await (const event of engine!.runReview({ project, repoDir: project.root, target: { kind: 'worktree' }, paths: paths === 'all' ? undefined : paths, seen: seenRepo, tutor: services.tutor, index: services.index, profile: services.profile, session: services.session, signal, share: { owner: owner! } })) {
        if (event.type === 'context') {
          context = event.context;
          const withoutRules = languagesWithoutRules(services.profile, event.context.hunks.map((hunk) => hunk.language));
          // The view draws it with the first note if that comes at once (the offline mentor), on its own otherwise (tui/event-feed.ts).
          emit({ type: 'changes', reviewId, files: event.diff.files, withoutRules });
          continue;
        }
        if (event.type === 'resolved') {
          for (const note of event.notes) notes.delete(note.id);
          emit({ type: 'resolved', reviewId, notes: event.notes });
          continue;
        }
        if (event.type === 'unrecorded') {
          notRecorded("This save's notes were", event.error);
          continue;
        }
        if (event.type === 'note-end') notes.set(event.note.id, event.note);
        if (event.type === 'done' && event.usage) addUsage(usage, event.usage);
        emit({ type: 'tutor', reviewId, event });
        // The offline mentor writes its notes without waiting on anything, so the rest of the review
        // (more notes, the record) would run before the screen could draw this one: let it draw.
        if (event.type === 'note-end') await nextTurn();
      }
      emit({ type: 'review-end', reviewId, outcome: signal.aborted ? 'superseded' : 'done' });
      await sendStatus();
    } catch (error) {
      emit({ type: 'review-end', reviewId, outcome: 'failed', message: messageOf(error) });
    }
  };
  const scheduler = createReviewScheduler(review);

  /** Notes on screen that another process dismissed leave it too. */
  const dropDismissedElsewhere = (active: ReviewServices): void => {
    for (const id of [...notes.keys()]) {
      if (!active.session.isDismissed(id)) continue;
      notes.delete(id);
      emit({ type: 'note-dismissed', noteId: id });
    }
  };

  /** Everything `start()` does; what it throws ends the session. */
  const startWatching = async (): Promise<void> => {
    // The view is up by now: it says the index is being checked while the heavy modules load.
    const loading = import('./engine.js');
    branch = await currentBranch(project.root);
    await sendStatus();
    const loaded = (engine = await loading);
    // Outside a working tree there is nothing to watch: said at once, before any indexing.
    seenRepo.repo = await loaded.openRepo(project.root);
    await loaded.updateIndex(project, emit, starting.signal);
    if (starting.signal.aborted) return;
    const opened = await loaded.openReviewServices(project, { offline: options.offline ?? false, ...(options.env ? { env: options.env } : {}), ...(options.pair ? { pair: options.pair } : {}) });
    if (starting.signal.aborted) return opened.close();
    services = opened;
    for (const warning of services.warnings) emit({ type: 'notice', level: 'warn', message: warning });
    await sendStatus();
    const history = services.session.chatHistory({ repo: project.root, branch });
    if (history.length > 0) emit({ type: 'chat-history', messages: history.filter((m) => m.role !== 'system').map((m) => ({ role: m.role as 'user' | 'assistant', text: m.text })) });
    // Watch restarted inside a pair session: the navigator's notes so far are back in the pane.
    if (options.pair) for (const note of services.session.pairNotes({ repo: project.root, since: 0, until: Date.now(), pairSession: options.pair.session })) emit({ type: 'navigator-note', author: note.author, text: note.text });
    owner = loaded.sharedReviewOwner();
    const active = services;
    dismissalPoll = setInterval(() => {
      try {
        dropDismissedElsewhere(active);
      } catch (error) {
        // A record busy or unreadable this time is read again at the next look.
        if (!isArchangelError(error)) throw error;
      }
    }, DISMISSALS_POLL_MS).unref();
    if (options.saves === 'editor') {
      if (early.size > 0) scheduler.saved([...early]);
      early.clear();
      void loaded.warmUp(services);
      return;
    }
    const watcher = await loaded.watchWorkingTree(project.root, {
      maxFileBytes: project.config.index.maxFileBytes,
      poll: project.config.watch.poll,
      onSaves: (paths) => scheduler.saved(paths),
      onGitOperation: (phase) => {
        if (phase === 'end') {
          void currentBranch(project.root).then((name) => {
            branch = name;
            void sendStatus();
          });
          scheduler.all();
        }
      },
      onError: (error) => emit({ type: 'notice', level: 'error', message: error.message }),
    });
    closeWatcher = () => watcher.close();
    if (watcher.mode.kind === 'poll') {
      polling = watcher.mode.reason;
      await sendStatus();
    }
    scheduler.all();
    void loaded.warmUp(services);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async start() {
      try {
        await startWatching();
        return undefined;
      } catch (error) {
        const fatal = explainError(error);
        emit({ type: 'fatal', message: fatal.message, ...(fatal.hint ? { hint: fatal.hint } : {}), exitCode: fatal.exitCode });
        return fatal;
      }
    },

    reviewFiles(paths: string[]) {
      if (services) scheduler.saved(paths);
      else paths.forEach((path) => early.add(path));
    },

    noteState(noteId: string) {
      const note = notes.get(noteId);
      if (!note || !services) return undefined;
      const seen = services.session.getNote(noteId)?.maxLevel ?? 1;
      return { note, level: Math.max(seen, note.opensAt ?? 1) as HintLevel };
    },

    hasChatModel() {
      return services?.claude !== undefined && services.tutor.mode === 'model';
    },

    climb(noteId: string, level: HintLevel) {
      const note = notes.get(noteId);
      if (!note || !services || !context) return;
      const active = services;
      record('The climb was', () => active.session.climb(noteId, level));
      hintAbort?.abort();
      const abort = (hintAbort = new AbortController());
      emit({ type: 'hint-start', noteId, level });
      void showRung(active, context, note, level, abort.signal);
    },

    dismiss(noteId: string) {
      hintAbort?.abort();
      const active = services;
      if (active) record('The dismissal was', () => active.session.dismiss(noteId));
      notes.delete(noteId);
      emit({ type: 'note-dismissed', noteId });
    },

    progress() {
      if (!services) return;
      const { session } = services;
      const report = (changed?: string[]) => engine!.progressReport(session, { repo: project.root, branch, since: null, now: Date.now(), ...(changed ? { changed } : {}) });
      // Scoped to the files changed now; if the diff cannot be read, the whole branch's open notes.
      void engine!.changedFiles(project.root).then(
        (changed) => emit({ type: 'progress', report: report(changed) }),
        () => emit({ type: 'progress', report: report() }),
      );
    },

    reviewAgain() {
      scheduler.all();
    },

    ask(text: string, noteId?: string) {
      if (!services || !context) {
        emit({ type: 'chat-end', error: 'The first review is still running; ask again in a moment.' });
        return;
      }
      const active = services;
      chatAbort?.abort();
      const abort = (chatAbort = new AbortController());
      const history: ChatMessage[] = active.session
        .chatHistory({ repo: project.root, branch, limit: CHAT_TURNS_SENT })
        .filter((m) => m.role !== 'system')
        .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.text }));
      record('The question was', () => active.session.appendChat({ repo: project.root, branch, role: 'user', text, ...(noteId ? { noteId } : {}) }));
      emit({ type: 'chat-user', text });
      void (async () => {
        let answer = '';
        let failure: string | undefined;
        for await (const event of engine!.answerQuestion(project, active, context!, { text, history, note: noteId ? notes.get(noteId) : undefined }, abort.signal)) {
          if (event.type === 'text') {
            answer += event.text;
            emit({ type: 'chat-text', text: event.text });
          }
          if (event.type === 'error') failure = event.message;
          if (event.type === 'waiting') emit({ type: 'notice', level: 'info', message: event.message });
          if (event.type === 'done' && event.usage) addUsage(usage, event.usage);
        }
        record('The answer was', () => active.session.appendChat({ repo: project.root, branch, role: 'assistant', text: answer, tutor: active.claude ? project.config.model.chat : 'offline mentor' }));
        emit({ type: 'chat-end', ...(failure ? { error: failure } : {}) });
        await sendStatus();
      })();
    },

    addNavigatorNote(text: string) {
      const pair = options.pair;
      if (!pair || !services) {
        emit({ type: 'notice', level: 'info', message: pair ? 'The session is still starting; add the note again in a moment.' : 'Navigator notes are for pair sessions: start one with `archangel pair`.' });
        return;
      }
      const active = services;
      record('The note was', () => active.session.appendPairNote({ pairSession: pair.session, repo: project.root, branch, author: pair.navigator, text }));
      emit({ type: 'navigator-note', author: pair.navigator, text });
    },

    async quit() {
      starting.abort();
      clearInterval(dismissalPoll);
      chatAbort?.abort();
      hintAbort?.abort();
      await closeWatcher?.();
      await scheduler.close();
      services?.close();
    },
  };
}

function addUsage(total: Usage, more: Usage): void {
  total.inputTokens += more.inputTokens;
  total.outputTokens += more.outputTokens;
  if (more.costUsd !== undefined) total.costUsd = (total.costUsd ?? 0) + more.costUsd;
}
