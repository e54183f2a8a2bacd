/** ANSI colour for people at a terminal; plain text for pipes, files and NO_COLOR (https://no-color.org). */
const CODES = { green: 32, yellow: 33, red: 31, dim: 2 } as const;

export type Colour = keyof typeof CODES;

/** Colour is used only when stdout is a TTY and NO_COLOR is not set (an empty NO_COLOR counts as unset, per no-color.org). */
export function colourEnabled(): boolean {
  return process.stdout.isTTY === true && !process.env.NO_COLOR;
}

export function paint(text: string, colour: Colour): string {
  return colourEnabled() ? `\x1b[${CODES[colour]}m${text}\x1b[0m` : text;
}

const STATUS_COLOURS: Readonly<Record<string, Colour>> = { OK: 'green', WARN: 'yellow', DEGRADED: 'yellow', CRIT: 'red', FAIL: 'red', DOWN: 'red' };

/** A status word in its colour: OK green, WARN and DEGRADED yellow, CRIT, FAIL and DOWN red; any other word unchanged. */
export function colour(status: string): string {
  const c = STATUS_COLOURS[status];
  return c ? paint(status, c) : status;
}

const FRAMES = ['|', '/', '-', '\\'];

/**
 * Runs slow work with a spinner on stderr when it is a terminal (never in pipes, so --json
 * output and scripts see nothing extra); the spinner line is cleared when the work ends.
 */
export async function withSpinner<T>(label: string, work: () => Promise<T>): Promise<T> {
  if (!process.stderr.isTTY) return work();
  let frame = 0;
  const timer = setInterval(() => process.stderr.write(`\r${FRAMES[frame++ % FRAMES.length]} ${label}`), 100);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    process.stderr.write(`\r${' '.repeat(label.length + 2)}\r`);
  }
}
