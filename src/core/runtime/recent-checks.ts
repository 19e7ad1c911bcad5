/**
 * The last hour of each updown target's checks, for the dashboard's live chart: a ring of
 * times and round trips in typed arrays (NaN: unanswered), since a check arrives every second
 * for every target and a live view asks for all of them at once.
 */
export class RecentChecks {
  private readonly rings = new Map<string, Ring>();

  constructor(private readonly capacity: number) {}

  /** Keeps `names` (a new configuration's targets), dropping the others' checks. */
  keep(names: readonly string[]): void {
    for (const name of this.rings.keys()) if (!names.includes(name)) this.rings.delete(name);
    for (const name of names) if (!this.rings.has(name)) this.rings.set(name, new Ring(this.capacity));
  }

  add(name: string, atMs: number, rttMs: number | null): void {
    this.rings.get(name)?.push(atMs, rttMs);
  }

  /** Checks since `sinceMs`, oldest first, per target (or the one named). */
  since(sinceMs: number, only?: string): Array<{ name: string; at_ms: number[]; rtt_ms: Array<number | null> }> {
    const out: Array<{ name: string; at_ms: number[]; rtt_ms: Array<number | null> }> = [];
    for (const [name, ring] of this.rings) if (only === undefined || only === name) out.push({ name, ...ring.since(sinceMs) });
    return out;
  }
}

class Ring {
  private readonly at: Float64Array;
  private readonly rtt: Float32Array;
  private next = 0;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.at = new Float64Array(capacity);
    this.rtt = new Float32Array(capacity);
  }

  push(atMs: number, rttMs: number | null): void {
    this.at[this.next] = atMs;
    this.rtt[this.next] = rttMs ?? Number.NaN;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  since(sinceMs: number): { at_ms: number[]; rtt_ms: Array<number | null> } {
    const at_ms: number[] = [];
    const rtt_ms: Array<number | null> = [];
    for (let k = this.size; k > 0; k--) {
      const i = (this.next - k + this.capacity) % this.capacity;
      if (this.at[i]! < sinceMs) continue;
      at_ms.push(this.at[i]!);
      const rtt = this.rtt[i]!;
      rtt_ms.push(Number.isNaN(rtt) ? null : Math.round(rtt * 1000) / 1000);
    }
    return { at_ms, rtt_ms };
  }
}
