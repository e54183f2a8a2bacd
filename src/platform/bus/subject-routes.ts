import { subjectMatches } from './subject-match.js';

/**
 * A set of subscriptions by subject pattern, with the matches of each concrete subject cached:
 * a busy bus publishes on a few hundred subjects thousands of times a second, while
 * subscriptions change rarely (any change clears the cache).
 */
export class SubjectRoutes<M extends { pattern: string }> {
  private readonly members = new Set<M>();
  private readonly cache = new Map<string, M[]>();

  add(member: M): void {
    this.members.add(member);
    this.cache.clear();
  }

  delete(member: M): void {
    this.members.delete(member);
    this.cache.clear();
  }

  /** Members whose pattern matches `subject`, in subscription order. */
  matching(subject: string): readonly M[] {
    let found = this.cache.get(subject);
    if (found === undefined) {
      found = [...this.members].filter((m) => subjectMatches(m.pattern, subject));
      this.cache.set(subject, found);
    }
    return found;
  }
}
