export type RateDecision = { allowed: true; at: number } | { allowed: false; retryAfterSeconds: number };

/** How many refused posts per window an address may send, as a multiple of the message limit. */
export const REFUSED_FACTOR = 10;

/**
 * Sliding-window limits per key (a client address): at most `limit` accepted messages in any
 * `windowMs`, and at most `limit * REFUSED_FACTOR` refused posts, so that a flood of bad posts is
 * not free either. `hit` reserves a message before the post is checked; `release` gives the
 * reservation back when the post is refused (counting it as refused) or could not be stored.
 * Each key keeps at most that many timestamps, and keys whose window has passed are forgotten,
 * so memory stays bounded by the number of clients seen in one window.
 */
export class RateLimiter {
  readonly limit: number;
  readonly refusedLimit: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private readonly hits = new Map<string, number[]>();
  private readonly refusals = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(limit: number, windowMs: number, now: () => number = Date.now) {
    this.limit = limit;
    this.refusedLimit = limit * REFUSED_FACTOR;
    this.windowMs = windowMs;
    this.now = now;
  }

  private recent(map: Map<string, number[]>, key: string, now: number): number[] {
    const since = now - this.windowMs;
    const times = (map.get(key) ?? []).filter((t) => t > since);
    if (times.length > 0) map.set(key, times);
    else map.delete(key);
    return times;
  }

  private wait(times: number[], now: number): RateDecision {
    const oldest = times[0] ?? now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)) };
  }

  /** Reserves one message for `key` and says whether the post may go ahead. */
  hit(key: string): RateDecision {
    const now = this.now();
    if (this.limit <= 0) return { allowed: true, at: now };
    this.sweep(now);
    const refused = this.recent(this.refusals, key, now);
    if (refused.length >= this.refusedLimit) return this.wait(refused, now);
    const accepted = this.recent(this.hits, key, now);
    if (accepted.length >= this.limit) return this.wait(accepted, now);
    accepted.push(now);
    this.hits.set(key, accepted);
    return { allowed: true, at: now };
  }

  /**
   * Gives back the message reserved at `at`: the post was not accepted. `refused` counts it
   * against the address's refused posts (a post it got wrong), not when the server failed.
   */
  release(key: string, at: number, refused: boolean): void {
    if (this.limit <= 0) return;
    const times = this.hits.get(key);
    const i = times?.indexOf(at) ?? -1;
    if (times && i >= 0) {
      times.splice(i, 1);
      if (times.length === 0) this.hits.delete(key);
    }
    if (refused) {
      const list = this.refusals.get(key) ?? [];
      list.push(this.now());
      this.refusals.set(key, list);
    }
  }

  /** Number of keys currently remembered; exposed for tests of the memory bound. */
  get size(): number {
    return new Set([...this.hits.keys(), ...this.refusals.keys()]).size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    const since = now - this.windowMs;
    for (const map of [this.hits, this.refusals]) {
      for (const [key, times] of map) {
        if ((times[times.length - 1] ?? 0) <= since) map.delete(key);
      }
    }
  }
}
