import { colour } from '../terminal.js';

/** The three levels every doctor check reports, and what they mean as an exit code. */
export type Status = 'OK' | 'WARN' | 'CRIT';

/** The contract: exit 0 healthy, 1 degraded, 2 down. */
export const EXIT_FOR: Record<Status, number> = { OK: 0, WARN: 1, CRIT: 2 };

/** The worst of some statuses; OK when there are none. */
export function worstOf(statuses: Iterable<Status>): Status {
  let worst: Status = 'OK';
  for (const s of statuses) if (EXIT_FOR[s] > EXIT_FOR[worst]) worst = s;
  return worst;
}

/** The doctors' last line: the overall status and the exit code it leaves with. */
export function verdict(status: Status): string {
  return `overall: ${colour(status)} (exit ${EXIT_FOR[status]}: 0 healthy, 1 degraded, 2 down)`;
}
