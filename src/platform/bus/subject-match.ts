/** NATS subject matching: `*` matches one token, a final `>` matches one or more tokens. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return i === p.length - 1 && s.length > i;
    if (i >= s.length) return false;
    if (p[i] !== '*' && p[i] !== s[i]) return false;
  }
  return p.length === s.length;
}

/** True if every subject `pattern` can match is also matched by `wider` (for stream coverage). */
export function subjectCovers(wider: string, pattern: string): boolean {
  const w = wider.split('.');
  const p = pattern.split('.');
  for (let i = 0; i < w.length; i++) {
    if (w[i] === '>') return i === w.length - 1 && p.length > i;
    if (i >= p.length || p[i] === '>') return false;
    if (w[i] !== '*' && (p[i] === '*' || w[i] !== p[i])) return false;
  }
  return w.length === p.length;
}

/** Rejects the subjects the NATS client rejects too (empty, or containing whitespace). */
export function assertSubject(subject: string): void {
  if (subject === '' || /\s/.test(subject)) throw new Error(`illegal subject: '${subject}'`);
}
