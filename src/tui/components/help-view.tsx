import { Text } from 'ink';
import { helpRows } from '../help-layout.js';
import { usePaint } from '../palette.js';
import { Pane } from './pane.js';

/**
 * The `?` screen, generated from the key table: every description in full, wrapped beside its
 * keys; scrolled from `scroll` when the list is taller than the pane (the title says what is hidden).
 */
export function HelpView({ width, height, scroll }: { width: number; height: number; scroll: number }): React.JSX.Element {
  const paint = usePaint();
  const rows = helpRows(width);
  const room = Math.max(height - 2, 1);
  const shown = rows.slice(scroll, scroll + room);
  const below = rows.length - scroll - shown.length;
  const more = [scroll > 0 ? `${scroll} above` : '', below > 0 ? `${below} below` : ''].filter(Boolean).join(', ');
  return (
    <Pane title={`Keys — ? or Esc to close${more ? ` · j/k: ${more}` : ''}`} width={width} height={height} focused>
      {shown.map((row, index) => (
        <Text key={index} wrap="truncate-end">
          <Text {...paint({ bold: true })}>{row.keys}</Text>
          {` ${row.text}`}
        </Text>
      ))}
    </Pane>
  );
}
