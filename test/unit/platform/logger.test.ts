import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../../src/platform/telemetry/index.js';

/** A destination that keeps the levels of the lines written to it. */
function levelsSink(): { stream: Writable; levels: string[] } {
  const levels: string[] = [];
  const stream = new Writable({
    write: (chunk: Buffer, _enc, done) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) levels.push((JSON.parse(line) as { level: string }).level);
      done();
    },
  });
  return { stream, levels };
}

describe('createLogger', () => {
  for (const level of ['trace', 'debug', 'info', 'warn'] as const) {
    it(`at level ${level}, stdout and the file both get exactly the lines from ${level} up`, () => {
      const stdout = levelsSink();
      const file = levelsSink();
      const logger = createLogger({ level, stdout: stdout.stream, file: file.stream });
      for (const at of ['trace', 'debug', 'info', 'warn', 'error'] as const) logger[at]('line');
      const expected = ['trace', 'debug', 'info', 'warn', 'error'].slice(['trace', 'debug', 'info', 'warn'].indexOf(level));
      assert.deepEqual(stdout.levels, expected);
      assert.deepEqual(file.levels, expected);
    });
  }
});
