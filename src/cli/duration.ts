const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90s", "15m", "1h", "2d", "500ms" -> milliseconds; anything else is an error naming the flag. */
export function parseDuration(flag: string, text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (!m) throw new Error(`${flag} must be a duration such as 90s, 15m, 1h or 2d, got "${text}"`);
  return Math.round(Number(m[1]) * UNITS[m[2]!]!);
}
