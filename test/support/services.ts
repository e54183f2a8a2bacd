import type { TestContext } from 'node:test';
import { PostgresStore } from '../../src/platform/store/index.js';

export const TEST_PG_URL = process.env.TRADEWATCH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_NATS_URL = process.env.TRADEWATCH_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/**
 * For suites against a local service (PostgreSQL, NATS): under CI=true an unreachable service
 * fails the suite; elsewhere the suite is skipped with the reason. Returns whether to proceed.
 */
export async function needService(t: TestContext, name: string, probe: () => Promise<unknown>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch (err) {
    const why = `${name} is not reachable: ${(err as Error).message}`;
    if (process.env.CI === 'true') throw new Error(`${why}; CI must run this suite`, { cause: err });
    t.skip(why);
    return false;
  }
}

export const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${Math.floor(Math.random() * 1e9).toString(36)}`;

/** A suite's skip reason when PostgreSQL does not answer; under CI=true none, so the suite runs and fails. */
export async function postgresSkip(): Promise<string | false> {
  try {
    await (await PostgresStore.open(TEST_PG_URL)).close();
    return false;
  } catch (err) {
    if (process.env.CI === 'true') return false;
    return `${(err as Error).message} (set TRADEWATCH_TEST_PG_URL for another server; under CI=true this fails)`;
  }
}
