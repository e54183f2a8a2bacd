import { readFileSync } from 'node:fs';

/** A file's text, or undefined if it is not there or not readable (a /proc entry of a process gone, say). */
export function readTextIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
