/**
 * A simulated site for the property test: charging sessions that arrive, leave, change their draw and state, go
 * offline and refuse profiles, and the central system's side of it as the later wiring is meant to keep it (the
 * sent-limit bookkeeping of main/csms/sites/sent-limits.ts). Each station applies the SetChargingProfile updates it
 * receives in the order they were sent (OCPP-J: one outstanding CALL per station), and `appliedA` is the limit it
 * really uses: the truth the bookkeeping must never underestimate.
 */
import {
  allocate,
  knownLimit,
  possiblyInUseA,
  recordAnswer,
  recordSent,
  siteBudgetA,
  validateSiteLimits,
  type Allocation,
  type PlanOptions,
  type SentLimit,
  type SessionDemand,
  type SessionState,
  type SiteLimits,
  type UpdatePlan,
} from '../../../main/csms/sites/index.js';
import { ceilDeciA } from '../../../main/csms/sites/deci-amps.js';
import type { SeededRandom } from '../../support/seeded-random.js';

export interface SimSession {
  key: string;
  /** The station's own maximum per phase. */
  hardwareMaxA: number;
  /** What the EV accepts; null when it does not say. */
  evMaxA: number | null;
  /** Whether the central system knows the maximum (else maxA is null for the allocation). */
  maxKnown: boolean;
  priority: number;
  state: SessionState;
  measuredA: number | null;
  online: boolean;
  /** The station answers Rejected to SetChargingProfile. */
  refusing: boolean;
  /** The central system has seen a rejection and counts the session at its maximum. */
  heldAsRefused: boolean;
  /** The limit the station really uses. */
  appliedA: number;
  /** Updates sent and not answered yet, oldest first. */
  inFlight: Array<{ seq: number; limitA: number }>;
}

const STATES: readonly SessionState[] = ['charging', 'suspendedEV', 'suspendedEVSE', 'preparing', 'finishing'];

/** Valid random site limits (checked with validateSiteLimits, so the generator cannot drift into invalid ones). */
export function randomSiteLimits(random: SeededRandom): SiteLimits {
  for (;;) {
    const phases = random.pick([1, 3] as const);
    const base = random.chance(0.5) ? { limitA: random.int(20, 200) } : { limitW: random.int(5, 150) * 1000 };
    const schedule = Array.from({ length: random.int(0, 3) }, () => {
      const fromMinute = random.int(0, 1439);
      let toMinute = random.int(0, 1440);
      if (toMinute === fromMinute) toMinute = (fromMinute + 60) % 1440;
      return random.chance(0.5) ? { fromMinute, toMinute, limitA: random.int(0, 150) } : { fromMinute, toMinute, limitW: random.int(0, 100) * 1000 };
    });
    const limits: SiteLimits = { ...base, phases, marginPct: random.int(0, 20), minSessionA: random.int(6, 10), schedule };
    if (validateSiteLimits(limits).length === 0) return limits;
  }
}

export class SiteSimulation {
  readonly sessions: SimSession[] = [];
  readonly sent = new Map<string, SentLimit>();
  nowMs = 1_700_000_000_000;
  minuteOfDay: number;
  limits: SiteLimits;
  /** Set by anything outside the central system's control that may raise the possibly-in-use sum above the budget. */
  external = false;
  private nextStationId = 1;

  constructor(
    private readonly random: SeededRandom,
    readonly options: PlanOptions,
  ) {
    this.limits = randomSiteLimits(random);
    this.minuteOfDay = random.int(0, 1439);
  }

  get minSessionA(): number {
    return this.limits.minSessionA ?? 6;
  }

  budgetA(): number {
    return siteBudgetA(this.limits, this.minuteOfDay);
  }

  /** What the central system counts a session at when it cannot steer it, or null when it can. */
  holdOf(session: SimSession): SessionDemand['counted'] {
    const entry = this.sent.get(session.key);
    const inUseA = entry === undefined ? 0 : possiblyInUseA(entry);
    if (session.heldAsRefused) return { kind: 'refused', holdA: Math.max(session.hardwareMaxA, inUseA) };
    if (!session.online) return { kind: 'offline', holdA: inUseA };
    return null;
  }

  maxAOf(session: SimSession): number | null {
    return session.maxKnown ? Math.min(session.hardwareMaxA, session.evMaxA ?? Infinity) : null;
  }

  allocation(): Allocation {
    return allocate({
      budgetA: this.budgetA(),
      minSessionA: this.minSessionA,
      sessions: this.sessions.map((s) => ({
        key: s.key,
        priority: s.priority,
        maxA: this.maxAOf(s),
        measuredA: s.measuredA,
        state: s.state,
        counted: this.holdOf(s),
      })),
    });
  }

  /** The possibly-in-use sum in deci-amps, counted as the plan must: sent entries, holds where higher. */
  inUseDeciA(): number {
    let sum = 0;
    for (const s of this.sessions) {
      const entry = this.sent.get(s.key);
      const inUse = entry === undefined ? 0 : ceilDeciA(possiblyInUseA(entry));
      sum += Math.max(inUse, ceilDeciA(this.holdOf(s)?.holdA ?? 0));
    }
    return sum;
  }

  /** Sends the plan's updates: recorded as sent, queued to the station. */
  apply(plan: UpdatePlan): void {
    for (const update of plan.updates) {
      const session = this.sessions.find((s) => s.key === update.key);
      if (session === undefined) throw new Error(`update for an unknown session ${update.key}`);
      const entry = recordSent(this.sent.get(update.key), update.key, update.limitA, this.nowMs);
      this.sent.set(update.key, entry);
      session.inFlight.push({ seq: entry.seq, limitA: update.limitA });
    }
  }

  /** The station answers its oldest update; returns false when there was none. */
  answerOldest(session: SimSession): boolean {
    const message = session.inFlight.shift();
    const entry = this.sent.get(session.key);
    if (message === undefined || entry === undefined) return false;
    if (session.refusing) {
      this.sent.set(session.key, recordAnswer(entry, message.seq, 'rejected'));
      if (!session.heldAsRefused) this.external = true;
      session.heldAsRefused = true;
    } else {
      session.appliedA = message.limitA;
      this.sent.set(session.key, recordAnswer(entry, message.seq, 'accepted'));
    }
    return true;
  }

  // ---- events outside the central system's control ----

  arrive(): void {
    const key = `CP-${this.nextStationId++}/${this.random.int(1, 2)}`;
    // Before its first TxProfile the station follows a TxDefaultProfile of 0 A or of the minimum (§3.13.1).
    const defaultA = this.random.chance(0.5) ? 0 : this.minSessionA;
    if (defaultA > 0) this.external = true;
    this.sessions.push({
      key,
      hardwareMaxA: this.random.pick([16, 32, 63]),
      evMaxA: this.random.chance(0.5) ? null : this.random.int(4, 40),
      maxKnown: this.random.chance(0.7),
      priority: this.random.int(0, 2),
      state: this.random.pick(['preparing', 'charging'] as const),
      measuredA: null,
      online: true,
      refusing: false,
      heldAsRefused: false,
      appliedA: defaultA,
      inFlight: [],
    });
    this.sent.set(key, knownLimit(key, defaultA, this.nowMs));
  }

  /** The transaction ends: the station stops drawing and is forgotten. */
  leave(): void {
    const session = this.random.pick(this.sessions);
    this.sessions.splice(this.sessions.indexOf(session), 1);
    this.sent.delete(session.key);
  }

  changeDraw(): void {
    const session = this.random.pick(this.sessions);
    const canDrawA = Math.min(session.appliedA, session.evMaxA ?? Infinity, session.hardwareMaxA);
    session.measuredA = this.random.chance(0.15) ? null : Math.floor(this.random.next() * canDrawA * 10) / 10;
  }

  /** StopTransaction arrives for every finishing session: they are forgotten. */
  stopFinished(): void {
    for (const session of this.sessions.filter((s) => s.state === 'finishing')) {
      this.sessions.splice(this.sessions.indexOf(session), 1);
      this.sent.delete(session.key);
    }
  }

  changeState(): void {
    this.random.pick(this.sessions).state = this.random.pick(STATES);
  }

  /** The connection drops: updates in flight may or may not have reached the station, and get no answer. */
  goOffline(): void {
    const session = this.random.pick(this.sessions.filter((s) => s.online));
    session.online = false;
    for (const message of session.inFlight) {
      if (!session.refusing && this.random.chance(0.5)) session.appliedA = message.limitA;
      const entry = this.sent.get(session.key);
      if (entry !== undefined) this.sent.set(session.key, recordAnswer(entry, message.seq, 'no-answer'));
    }
    session.inFlight = [];
  }

  comeBack(): void {
    this.random.pick(this.sessions.filter((s) => !s.online)).online = true;
  }

  startRefusing(): void {
    this.random.pick(this.sessions).refusing = true;
  }

  /** The operator fixed the station: it accepts profiles again and is steered again. */
  stopRefusing(): void {
    const session = this.random.pick(this.sessions.filter((s) => s.refusing || s.heldAsRefused));
    session.refusing = false;
    session.heldAsRefused = false;
  }

  changeLimits(): void {
    this.limits = randomSiteLimits(this.random);
    this.external = true;
  }

  advanceTime(): void {
    const before = this.budgetA();
    this.nowMs += this.random.int(0, 20_000);
    this.minuteOfDay = (this.minuteOfDay + this.random.int(0, 3)) % 1440;
    if (this.budgetA() < before) this.external = true;
  }
}
