import { Box, useStdout } from 'ink';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { WatchController } from '../watch/types.js';
import { ChatPanel } from './chat/chat-panel.js';
import { ChangesPane } from './components/changes-pane.js';
import { ExampleView } from './components/example-view.js';
import { FatalView } from './components/fatal-view.js';
import { Footer } from './components/footer.js';
import { Header } from './components/header.js';
import { HelpView } from './components/help-view.js';
import { MentorPane } from './components/mentor-pane.js';
import { ProgressView } from './components/progress-view.js';
import type { EventFeed } from './event-feed.js';
import { useCommands } from './hooks/use-commands.js';
import { useKeys } from './hooks/use-keys.js';
import { activeArea } from './state/area.js';
import { screenLayout } from './layout.js';
import { initialState } from './state/reducer.js';
import { levelOf, selectedNote } from './state/selection.js';
import { createStore } from './state/store.js';

export interface AppProps {
  controller: WatchController;
  /** The session's events, subscribed before the first render (see `createEventFeed`). */
  feed: EventFeed;
  /** Start with the chat line focused (`archangel chat`). */
  focusChat?: boolean;
  /** Called once on `q` or Ctrl-C, after the screen shows that it is closing. */
  onQuit: () => void;
}

/** Terminal size of a stream that may not be a TTY (then 80x24). */
function sizeOf(stdout: NodeJS.WriteStream): { columns: number; rows: number } {
  return { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}

/** The watch screen: state, events and resizes in; a layout picked for the terminal's size out. */
export function App({ controller, feed, focusChat, onQuit }: AppProps): React.JSX.Element {
  const { stdout } = useStdout();
  const [store] = useState(() => createStore(initialState(sizeOf(stdout), { focusChat })));
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const run = useCommands(store, controller, onQuit);
  useKeys(store, run);

  useEffect(() => feed.attach((events) => store.dispatch({ type: 'events', events })), [feed, store]);
  useEffect(() => {
    const onResize = () => store.dispatch({ type: 'resize', size: sizeOf(stdout) });
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout, store]);

  const onMentorOverflow = useCallback((rows: number) => store.dispatch({ type: 'mentor-overflow', rows }), [store]);

  const area = activeArea(state);
  const notice = state.notices.at(-1);
  const layout = screenLayout(state);
  const note = selectedNote(state);
  const overlayOpen = state.overlay !== undefined;
  const footer = <Footer notice={notice} area={area} quitting={state.quitting} width={layout.columns} />;
  if (state.fatal) {
    return (
      <Box flexDirection="column" width={layout.columns} height={layout.rows}>
        <Header status={state.status} progress={undefined} phase={state.review.phase} width={layout.columns} stopped />
        <FatalView fatal={state.fatal} width={layout.columns} height={layout.body.height + layout.chatLines + 1} />
        {footer}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={layout.columns} height={layout.rows}>
      <Header status={state.status} progress={state.progress} phase={state.review.phase} width={layout.columns} />
      {state.overlay === 'help' ? <HelpView width={layout.columns} height={layout.body.height} scroll={state.helpScroll} /> : null}
      {state.overlay === 'progress' ? <ProgressView report={state.learnerProgress} width={layout.columns} height={layout.body.height} /> : null}
      {state.overlay === 'example' && note ? (
        <ExampleView note={note} files={state.files} level={levelOf(state.levels, note)} width={layout.columns} height={layout.body.height} />
      ) : null}
      {overlayOpen ? null : (
        <Box flexDirection={layout.sideBySide ? 'row' : 'column'} height={layout.body.height}>
          <ChangesPane
            files={state.files}
            selectedFile={state.selectedFile}
            scroll={state.diffScroll}
            notes={state.review.notes}
            selectedNoteId={state.selectedNoteId}
            width={layout.changes.width}
            height={layout.changes.height}
            focused={state.focus === 'changes'}
          />
          <MentorPane
            review={state.review}
            selectedNoteId={state.selectedNoteId}
            levels={state.levels}
            width={layout.mentor.width}
            height={layout.mentor.height}
            focused={state.focus === 'mentor'}
            navigatorNotes={state.navigatorNotes}
            noteDraft={state.noteDraft}
            freshRung={state.freshRung}
            scroll={state.mentorScroll}
            overflow={state.mentorOverflow}
            onOverflow={onMentorOverflow}
          />
        </Box>
      )}
      <ChatPanel
        turns={state.chat.turns}
        streaming={state.chat.streaming}
        focused={state.focus === 'chat' && !overlayOpen}
        lines={layout.chatLines}
        width={layout.columns}
        draft={state.draft}
      />
      {footer}
    </Box>
  );
}
