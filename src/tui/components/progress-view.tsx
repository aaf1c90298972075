import { Text } from 'ink';
import { palette } from '../../cli/terminal.js';
import { formatProgress } from '../../progress/format.js';
import type { ProgressReport } from '../../progress/types.js';
import { Pane } from './pane.js';

/** Colour comes from Ink's own styles elsewhere; the shared formatter's lines are drawn plain here. */
const PLAIN = palette(false);

/** The `p` overlay: the same summary `archangel progress` prints, from the same formatter. */
export function ProgressView({ report, width, height }: { report: ProgressReport | undefined; width: number; height: number }): React.JSX.Element {
  const lines = report ? formatProgress(report, PLAIN) : ['Reading your record…'];
  return (
    <Pane title="Progress — p or Esc to close" width={width} height={height} focused>
      {lines.map((line, index) => (
        <Text key={index} wrap="truncate-end">
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Pane>
  );
}
