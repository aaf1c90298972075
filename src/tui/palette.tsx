import { createContext, useContext } from 'react';
import type { TextProps } from 'ink';
import type { LineTone } from './text.js';

/** Whether colour and text styles are on (off with NO_COLOR, TERM=dumb or no TTY). */
export const ColorContext = createContext(true);

/** Style props for Ink's `<Text>`. */
export type Style = Pick<TextProps, 'color' | 'bold' | 'dimColor' | 'inverse' | 'underline'>;

/**
 * Returns the style when colour is on and nothing otherwise. Ink's chalk ignores NO_COLOR (it only
 * knows FORCE_COLOR, --no-color and TERM=dumb), so every styled `<Text>` goes through this.
 */
export function usePaint(): (style: Style) => Style {
  const color = useContext(ColorContext);
  return (style) => (color ? style : {});
}

/** The style of each tone of laid-out text (`layoutText`): a diff's lines in the colours of git. */
export const TONE_STYLE: Readonly<Record<LineTone, Style>> = { prose: {}, code: {}, added: { color: 'green' }, removed: { color: 'red' } };
