// The painter: terminal colour as a function renderers call without knowing whether colour is on.
import { inspect } from 'node:util';

export type Style = 'red' | 'yellow' | 'green' | 'cyan' | 'gray' | 'bold' | 'dim';
export type Paint = (style: Style, text: string) => string;

/**
 * The identity when colour is off, so renderers never branch on it. The caller decides (NO_COLOR, FORCE_COLOR, a
 * terminal): the ANSI codes are written here, not by `util.styleText`, which second-guesses with its own stream checks.
 */
export function painter(color: boolean): Paint {
  if (!color) return (_style, text) => text;
  return (style, text) => {
    const [open, close] = inspect.colors[style] ?? [0, 0];
    return `\u001b[${open}m${text}\u001b[${close}m`;
  };
}
