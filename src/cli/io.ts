// What a command may touch of the process: output streams, env, cwd, clock. Tests pass their own.
import { styleText } from 'node:util';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Colour only on a terminal, and never when NO_COLOR is set. */
  color: boolean;
  now(): Date;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
    now: () => new Date(),
  };
}

export type Style = 'red' | 'yellow' | 'green' | 'cyan' | 'gray' | 'bold' | 'dim';

/** A painter that is the identity when colour is off, so renderers never branch on it. */
export function painter(color: boolean): (style: Style, text: string) => string {
  return color ? (style, text) => styleText(style, text) : (_style, text) => text;
}
