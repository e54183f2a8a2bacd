import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

/**
 * Tests that need an external binary (promtool, prometheus, chromium) find it on PATH.
 * Under CI=true a missing binary fails the test; elsewhere the test is skipped with the reason.
 * Returns false when the caller should return early (skipped).
 */
export function needBinary(t: TestContext, name: string, install: string): boolean {
  if (hasBinary(name)) return true;
  const why = `${name} is not on PATH (install: ${install})`;
  if (process.env.CI === 'true') throw new Error(`${why}; CI must run this test`);
  t.skip(why);
  return false;
}

export function hasBinary(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}
