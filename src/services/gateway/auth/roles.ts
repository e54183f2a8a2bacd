/** Gateway roles, weakest first: each role may do everything the ones before it may. */
export const ROLES = ['viewer', 'trader', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DUTIES: Record<Role, string> = {
  viewer: 'read orders, trades, positions, P&L, settlements and failures',
  trader: 'place, replace and cancel orders (REST and /ws/orders)',
  operator: 'kill switches, risk limits, pausing strategies',
  admin: 'everything, including API keys',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when a key with `held` may use a route that needs `needed`. */
export function roleCovers(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}
