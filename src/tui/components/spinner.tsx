import { Text } from 'ink';
import { useEffect, useState } from 'react';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** Slow enough that a spinner alone never drives the redraw rate. */
const INTERVAL_MS = 120;
/**
 * How long the spinner stands still before its first turn. Each turn redraws the whole screen
 * (Ink renders every frame whole: 10-15 ms of the only thread on a loaded 2-core machine), and the
 * offline mentor's review of a save is over in ~150 ms: a turn inside it held back the note.
 * Longer work (a model's review, a rung being written) still spins.
 */
export const FIRST_TURN_MS = 400;

/** A spinner that re-renders only itself, once the work has taken long enough to be waited for. */
export function Spinner(): React.JSX.Element {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const turn = () => setFrame((current) => (current + 1) % FRAMES.length);
    let spinning: NodeJS.Timeout | undefined;
    const first = setTimeout(() => {
      turn();
      spinning = setInterval(turn, INTERVAL_MS);
    }, FIRST_TURN_MS);
    return () => {
      clearTimeout(first);
      clearInterval(spinning);
    };
  }, []);
  return <Text>{FRAMES[frame]}</Text>;
}
