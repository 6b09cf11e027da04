import type { Clock } from '../clock.js';
import { laterHeard } from '../storage/repositories/stored-times.js';

/** How often heard times are written to the database: silence is judged in heartbeat intervals (minutes). */
export const LAST_HEARD_PERSIST_INTERVAL_MS = 5_000;

/**
 * When each station last sent us a frame. Any frame is a sign of life, not only Heartbeat and BootNotification:
 * over OCPP-J a station that sends other messages need not send heartbeats at all (OCPP 1.6 §4.6), so a station busy
 * with MeterValues would otherwise look silent. Kept in memory per frame (a map write) and written to
 * `charge_points.last_seen_at` at most once per interval for the stations heard since the last write, so a thousand
 * busy stations cost one small batch every few seconds instead of a write per frame.
 */
export class LastHeard {
  private readonly heardMs = new Map<string, number>();
  private readonly unsaved = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly clock: Clock,
    /** Writes the given heard times (ISO 8601 UTC); called with at least one entry. */
    private readonly persist: (entries: Array<[chargePointId: string, heardAt: string]>) => void,
    readonly persistIntervalMs = LAST_HEARD_PERSIST_INTERVAL_MS,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.flush(), this.persistIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.flush();
  }

  /** A frame arrived from the station. */
  heard(chargePointId: string): void {
    this.heardMs.set(chargePointId, this.clock.now().getTime());
    this.unsaved.add(chargePointId);
  }

  /** The later of a stored time and the time heard in memory: what "last heard" is for the operator. */
  latest(chargePointId: string, stored: string | null): string | null {
    return laterHeard(this.heardMs.get(chargePointId), stored);
  }

  /** Every station heard since the start, with when (ms since 1970): for a list built off this thread. */
  heardTimes(): Array<[chargePointId: string, heardMs: number]> {
    return [...this.heardMs];
  }

  /** Write what was heard since the last write (now, e.g. when a station disconnects or the server stops). */
  flush(only?: string): void {
    const ids = only === undefined ? [...this.unsaved] : this.unsaved.has(only) ? [only] : [];
    if (ids.length === 0) return;
    for (const id of ids) this.unsaved.delete(id);
    this.persist(ids.map((id) => [id, new Date(this.heardMs.get(id)!).toISOString()]));
  }

  /** A deleted station leaves no heard time behind. */
  forget(chargePointId: string): void {
    this.heardMs.delete(chargePointId);
    this.unsaved.delete(chargePointId);
  }
}
