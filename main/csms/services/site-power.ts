import type { SiteAllocation, SiteEvent, SiteEventQuery } from '../../../shared/api/types.js';
import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { Clock } from '../clock.js';
import type { RuntimeSettings } from '../config/settings.js';
import type { CsmsEvents } from '../domain/events.js';
import { assessSite, sessionKey, type SessionFacts, type SiteAssessment } from '../site-power/assess.js';
import { measuredFrom, type Measured } from '../site-power/measurement.js';
import { defaultProfileRequest, SITE_DEFAULT_LIMIT_A, txProfileRequest, UNKNOWN_STATION_MAX_A } from '../site-power/profiles.js';
import { msToNextMinute } from '../site-power/site-clock.js';
import * as words from '../site-power/site-event-words.js';
import { sessionStateOf } from '../site-power/session-state.js';
import { knownLimit, planUpdates, possiblyInUseA, recordAnswer, recordSent, type SentLimit, type SetProfileOutcome } from '../sites/index.js';
import type { GroupCommit } from '../storage/group-commit.js';
import type { Repositories } from '../storage/repositories/index.js';
import type { NewSiteEvent, StoredDefaultProfile, StoredSentLimit } from '../storage/repositories/site-power.js';
import type { Site } from '../storage/repositories/sites.js';
import { ACCEPTED, type TransactionRow } from '../storage/repositories/transactions.js';
import type { ConnectionRegistry } from './connection-registry.js';

/** Sends one SetChargingProfile through the operator operations (so it is in the message log) and says how it ended. */
export type ProfileSender = (chargePointId: string, request: JsonObject) => Promise<SetProfileOutcome>;

/** Increases smaller than this are not sent (planUpdates `hysteresisA`): measured-draw noise is not worth a profile. */
export const SITE_HYSTERESIS_A = 1;
/** How often every site is looked at again: deferred increases only go out on a later run (plan-updates.ts). */
export const SITE_TICK_MS = 5_000;
/** The measured sum may be above the limit this long before it is an alert (a station applying a lower limit). */
export const OVER_LIMIT_ALERT_AFTER_MS = 60_000;

/**
 * How long after a connect the TxDefaultProfile waits for a BootNotification: a station powering up boots first
 * (OCPP 1.6 §4.2: nothing else until its boot is accepted), and its boot then sends the profile; one that only
 * reconnected does not boot and gets it after this.
 */
export const RECONNECT_DEFAULT_DELAY_MS = 2_000;

/** Each site keeps at most this many events (the newest; open alerts always stay), pruned every hour. */
export const SITE_EVENTS_KEPT = 50_000;
const PRUNE_EVERY_MS = 3_600_000;

/** The epoch: a limit never sent by us (knownLimit) is not rate-limited by planUpdates. */
const NEVER = new Date(0).toISOString();

interface SentEntry extends StoredSentLimit {
  /** The latest limit actually sent (the API's `sentA`); null while only known, never sent. */
  lastSentA: number | null;
  /** See SentLimit.unconfirmed: only for a limit never sent (lastSentA null). */
  unconfirmed?: boolean;
}

export interface SitePowerDeps {
  repos: Pick<Repositories, 'sites' | 'sitePower' | 'transactions' | 'connectors' | 'meterValues'>;
  groupCommit: GroupCommit;
  events: CsmsEvents;
  clock: Clock;
  settings: () => Pick<RuntimeSettings, 'sitePowerMinUpdateIntervalSec'>;
  connections: Pick<ConnectionRegistry, 'has'>;
  logger: Pick<Console, 'warn'>;
}

/** The entry with what the engine says the station may now be using (sent-limits.ts). */
const settle = <E extends StoredSentLimit>(entry: E, limit: SentLimit): E => ({
  ...entry,
  limitA: limit.limitA,
  previousLimitA: limit.previousLimitA,
  acknowledged: limit.acknowledged,
  seq: limit.seq,
});

const toSentLimit = (e: StoredSentLimit & { unconfirmed?: boolean }): SentLimit => ({
  key: sessionKey(e.transactionId),
  limitA: e.limitA,
  sentAtMs: Date.parse(e.sentAt),
  acknowledged: e.acknowledged,
  previousLimitA: e.previousLimitA,
  seq: e.seq,
  unconfirmed: e.unconfirmed === true,
});

/**
 * Site power sharing, live (docs/architecture.md "Sites: how the limit is shared"; OCPP 1.6 §3.13.4 central smart
 * charging): per site, gathers what the allocation works from (open transactions, connector status, the newest meter
 * values, which stations are connected, what was sent), shares the budget (main/csms/sites allocate) and moves the
 * stations towards it with TxProfiles (planUpdates, SetChargingProfile §5.16), sent through the operator operations
 * once they attach a sender. Every limit sent is stored before it goes out (migration 0015), so after a restart
 * what may be in use is known; a station that boots or reconnects gets a TxDefaultProfile first. Every decision
 * and alert goes into the site's event history; `site.allocation` announces a change.
 */
export class SitePower {
  private sender: ProfileSender | null = null;
  private readonly sent = new Map<number, SentEntry>();
  private readonly defaults = new Map<string, StoredDefaultProfile>();
  private readonly defaultsInFlight = new Set<string>();
  private readonly connectedAtMs = new Map<string, number>();
  private readonly measured = new Map<number, Measured>();
  /** `${siteId}\n${openKey}` of every open alert. */
  private readonly openAlerts = new Set<string>();
  private readonly overLimitSinceMs = new Map<string, number>();
  private readonly lastSignature = new Map<string, string>();
  private readonly lastLogged = new Map<string, { budgetA: number; shares: Array<{ key: string; limitA: number; reason: string }> }>();
  private siteOf = new Map<string, string>();
  private readonly scheduled = new Map<string, NodeJS.Timeout>();
  private readonly stops: Array<() => void> = [];
  private readonly reconnectTimers = new Set<NodeJS.Timeout>();

  constructor(private readonly deps: SitePowerDeps) {
    const { sitePower, transactions } = deps.repos;
    for (const entry of sitePower.sentLimits()) {
      const tx = transactions.get(entry.transactionId);
      // A transaction that stopped while we were down: its limit no longer counts.
      if (!tx || tx.stop_received_at !== null) {
        deps.groupCommit.runDetached(() => sitePower.forgetSentLimit(entry.transactionId));
        continue;
      }
      // An update unanswered when the central system stopped: the station may be at either limit (no answer).
      const settled = entry.acknowledged
        ? entry
        : { ...settle(entry, recordAnswer(toSentLimit(entry), entry.seq, 'no-answer')), outcome: 'no-answer' as const };
      this.sent.set(entry.transactionId, { ...settled, lastSentA: entry.outcome === null ? null : entry.limitA });
    }
    for (const entry of sitePower.defaultProfiles()) this.defaults.set(entry.chargePointId, entry);
    for (const { siteId, openKey } of sitePower.openAlertKeys()) this.openAlerts.add(`${siteId}\n${openKey}`);
    this.rebuildSiteOf();
  }

  /**
   * Start sharing: subscribe to what changes an allocation and start the timers. Called by the operator operations
   * (operations/site-power.ts), whose sender puts each SetChargingProfile through the same path as an operator's.
   * Returns the function that stops it again.
   */
  attach(sender: ProfileSender): () => void {
    this.stop();
    this.sender = sender;
    const { events } = this.deps;
    const inSite = (chargePointId: string) => this.siteOf.get(chargePointId);
    const scheduleFor = (chargePointId: string) => {
      const siteId = inSite(chargePointId);
      if (siteId !== undefined) this.schedule(siteId);
    };
    this.stops.push(
      events.on('transaction.started', ({ chargePointId }) => scheduleFor(chargePointId)),
      events.on('transaction.stopped', ({ chargePointId, transactionId }) => this.stopped(chargePointId, transactionId)),
      events.on('connector.status', ({ chargePointId }) => scheduleFor(chargePointId)),
      events.on('transaction.meter', ({ chargePointId, transactionId, connectorId }) => this.metered(chargePointId, transactionId, connectorId)),
      events.on('chargePoint.connected', ({ chargePointId }) => this.connected(chargePointId)),
      events.on('chargePoint.disconnected', ({ chargePointId }) => this.disconnected(chargePointId)),
      events.on('chargePoint.booted', ({ chargePointId, status }) => {
        if (status === 'Accepted') this.booted(chargePointId);
      }),
      events.on('site.changed', ({ siteId }) => this.siteChanged(siteId)),
    );
    const tick = setInterval(() => this.scheduleAll(), SITE_TICK_MS);
    tick.unref();
    const prune = setInterval(() => this.pruneEvents(), PRUNE_EVERY_MS);
    prune.unref();
    this.stops.push(
      () => clearInterval(tick),
      () => clearInterval(prune),
    );
    this.armMinuteTimer();
    // Stations already connected (the operations attach after the central system listens) get their default.
    for (const [chargePointId] of this.siteOf) if (this.deps.connections.has(chargePointId)) this.sendDefault(chargePointId, 'reconnect');
    this.scheduleAll();
    const attached = sender;
    return () => {
      if (this.sender === attached) this.stop();
    };
  }

  /** Stops the timers and subscriptions; answers still on their way are recorded. Idempotent. */
  stop(): void {
    this.sender = null;
    for (const stop of this.stops.splice(0)) stop();
    for (const timer of this.scheduled.values()) clearTimeout(timer);
    this.scheduled.clear();
    for (const timer of this.reconnectTimers) clearTimeout(timer);
    this.reconnectTimers.clear();
  }

  /** The limit in force now and how it is shared; undefined for an unknown site. Reads only. */
  allocation(siteId: string): SiteAllocation | undefined {
    const site = this.deps.repos.sites.get(siteId);
    if (!site) return undefined;
    const now = this.deps.clock.now();
    const assessment = assessSite(site, this.gather(site, false), now);
    const { allocation, sessions } = assessment;
    const measuredA = sessions.some((s) => s.measuredA !== null) ? roundTenth(sessions.reduce((sum, s) => sum + (s.measuredA ?? 0), 0)) : null;
    const measuredW = sessions.some((s) => s.measuredW !== null) ? Math.round(sessions.reduce((sum, s) => sum + (s.measuredW ?? 0), 0)) : null;
    return {
      siteId,
      at: now.toISOString(),
      phases: site.phases,
      limitA: roundTenth(assessment.limitA),
      budgetA: allocation.totals.budgetA,
      allocatedA: allocation.totals.allocatedA,
      measuredA,
      measuredW,
      sessions: sessions.map((s, i) => {
        const entry = this.sent.get(s.transactionId);
        return {
          chargePointId: s.chargePointId,
          connectorId: s.connectorId,
          transactionId: s.transactionId,
          idTag: s.idTag,
          state: s.state,
          online: s.online,
          allocatedA: allocation.sessions[i]!.limitA,
          reason: allocation.sessions[i]!.reason,
          sentA: entry?.lastSentA ?? null,
          sentAt: entry && entry.lastSentA !== null ? entry.sentAt : null,
          sentOutcome: entry && entry.lastSentA !== null ? entry.outcome : null,
          measuredA: s.measuredA,
          measuredW: s.measuredW,
        };
      }),
      alerts: this.deps.repos.sitePower.openAlerts(siteId),
    };
  }

  /** The site's history, newest first, and how many events it has; undefined for an unknown site. */
  events(siteId: string, query: SiteEventQuery): { items: SiteEvent[]; total: number } | undefined {
    if (!this.deps.repos.sites.get(siteId)) return undefined;
    return { items: this.deps.repos.sitePower.events(siteId, query), total: this.deps.repos.sitePower.eventCount(siteId) };
  }

  // ------------------------------------------------------------------------------------------------------------
  // What starts a run
  // ------------------------------------------------------------------------------------------------------------

  private rebuildSiteOf(): void {
    this.siteOf = new Map(this.deps.repos.sites.list().flatMap((site) => site.stations.map((id) => [id, site.id] as const)));
  }

  private scheduleAll(): void {
    for (const site of this.deps.repos.sites.list()) this.schedule(site.id);
  }

  /** Runs the site soon, once for a burst of changes (a boot's StatusNotifications, a round of MeterValues). */
  private schedule(siteId: string): void {
    if (this.sender === null || this.scheduled.has(siteId)) return;
    const timer = setTimeout(() => {
      this.scheduled.delete(siteId);
      try {
        this.run(siteId);
      } catch (err) {
        this.deps.logger.warn(`[sites] sharing the limit of site ${siteId} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }, 20);
    timer.unref();
    this.scheduled.set(siteId, timer);
  }

  /** Schedule periods start and end on whole minutes: look again right after each minute starts. */
  private armMinuteTimer(): void {
    const timer = setTimeout(
      () => {
        this.scheduleAll();
        if (this.sender !== null) this.armMinuteTimer();
      },
      msToNextMinute(this.deps.clock.now()) + 50,
    );
    timer.unref();
    this.stops.push(() => clearTimeout(timer));
  }

  private siteChanged(siteId: string): void {
    this.rebuildSiteOf();
    const site = this.deps.repos.sites.get(siteId);
    if (!site) {
      this.lastSignature.delete(siteId);
      this.lastLogged.delete(siteId);
      this.overLimitSinceMs.delete(siteId);
      return;
    }
    // A station that joined while connected has no default of ours yet.
    for (const id of site.stations) if (this.deps.connections.has(id) && !this.defaults.has(id)) this.sendDefault(id, 'site');
    this.schedule(siteId);
  }

  private stopped(chargePointId: string, transactionId: number): void {
    this.measured.delete(transactionId);
    const siteId = this.siteOf.get(chargePointId);
    if (this.sent.delete(transactionId)) this.deps.groupCommit.runDetached(() => this.deps.repos.sitePower.forgetSentLimit(transactionId));
    if (siteId === undefined) return;
    this.closeAlert(siteId, `refused:${transactionId}`, `${chargePointId}'s transaction ${transactionId} stopped: no longer counted at its maximum`);
    this.schedule(siteId);
  }

  private metered(chargePointId: string, transactionId: number | null, connectorId: number): void {
    const siteId = this.siteOf.get(chargePointId);
    if (siteId === undefined) return;
    const id = transactionId ?? this.deps.repos.transactions.openOnConnector(chargePointId, connectorId).at(-1)?.id;
    if (id !== undefined) this.measured.set(id, measuredFrom(this.deps.repos.meterValues.newestOfTransaction(id)));
    this.schedule(siteId);
  }

  private connected(chargePointId: string): void {
    this.connectedAtMs.set(chargePointId, this.deps.clock.now().getTime());
    const siteId = this.siteOf.get(chargePointId);
    if (siteId === undefined) return;
    this.addEvent({ ...this.eventBase(siteId, 'station-online', 'info', chargePointId), message: words.onlineSentence(chargePointId) });
    const connectedAtMs = this.deps.clock.now().getTime();
    const timer = setTimeout(() => {
      this.reconnectTimers.delete(timer);
      // Not when its boot has sent one since (or it went away again).
      const last = this.defaults.get(chargePointId);
      if (last && Date.parse(last.sentAt) >= connectedAtMs) return;
      if (this.deps.connections.has(chargePointId)) this.sendDefault(chargePointId, 'reconnect');
    }, RECONNECT_DEFAULT_DELAY_MS);
    timer.unref();
    this.reconnectTimers.add(timer);
    this.schedule(siteId);
  }

  private disconnected(chargePointId: string): void {
    const siteId = this.siteOf.get(chargePointId);
    // A replaced connection closing: the station is still connected through the new one.
    if (siteId === undefined || this.deps.connections.has(chargePointId)) return;
    let heldA = 0;
    for (const entry of this.sent.values()) if (entry.chargePointId === chargePointId) heldA += possiblyInUseA(toSentLimit(entry));
    this.addEvent({ ...this.eventBase(siteId, 'station-offline', 'warning', chargePointId), message: words.offlineSentence(chargePointId, heldA) });
    this.schedule(siteId);
  }

  /** A boot: a default unless one was already accepted on this connection (or is on its way). */
  private booted(chargePointId: string): void {
    const siteId = this.siteOf.get(chargePointId);
    if (siteId === undefined) return;
    const last = this.defaults.get(chargePointId);
    const since = this.connectedAtMs.get(chargePointId) ?? Infinity;
    if (!(last?.outcome === 'accepted' && Date.parse(last.sentAt) >= since)) this.sendDefault(chargePointId, 'boot');
    this.schedule(siteId);
  }

  // ------------------------------------------------------------------------------------------------------------
  // One run: gather, allocate, plan, send
  // ------------------------------------------------------------------------------------------------------------

  /** The open transactions of the site's stations with what is known of each; `remember` keeps new starting points. */
  private gather(site: Site, remember: boolean): SessionFacts[] {
    const { transactions, connectors } = this.deps.repos;
    const facts: SessionFacts[] = [];
    for (const chargePointId of site.stations) {
      const online = this.deps.connections.has(chargePointId);
      for (const tx of transactions.openForChargePoint(chargePointId)) {
        if (tx.start_status !== ACCEPTED) continue;
        const entry = this.entryFor(tx, remember);
        const measured = this.measuredOf(tx.id);
        facts.push({
          transactionId: tx.id,
          chargePointId,
          connectorId: tx.connector_id,
          idTag: tx.id_tag,
          state: sessionStateOf(connectors.get(chargePointId, tx.connector_id)?.status),
          online,
          refused: entry.refused,
          measuredA: measured.currentA,
          measuredW: measured.powerW,
          sent: toSentLimit(entry),
        });
      }
    }
    return facts;
  }

  /**
   * What a transaction's station may be using: what we sent, else where it started: the TxDefaultProfile it
   * accepted (§3.13.1), else its maximum.
   */
  private entryFor(tx: TransactionRow, remember: boolean): SentEntry {
    const existing = this.sent.get(tx.id);
    if (existing) return existing;
    const fallback = this.defaults.get(tx.charge_point_id);
    const startA = fallback?.outcome === 'accepted' ? fallback.limitA : UNKNOWN_STATION_MAX_A;
    // A default on its way or unanswered may yet apply to this session: counted at the maximum, steered to be sure.
    const unconfirmed = fallback?.outcome === 'pending' || fallback?.outcome === 'no-answer';
    const known = knownLimit(sessionKey(tx.id), startA, 0);
    const entry: SentEntry = {
      transactionId: tx.id,
      chargePointId: tx.charge_point_id,
      connectorId: tx.connector_id,
      limitA: known.limitA,
      previousLimitA: known.previousLimitA,
      acknowledged: true,
      seq: known.seq,
      sentAt: NEVER,
      outcome: null,
      refused: false,
      lastSentA: null,
      unconfirmed,
    };
    if (remember) {
      this.sent.set(tx.id, entry);
      this.deps.groupCommit.runDetached(() => this.deps.repos.sitePower.saveSentLimit(entry));
    }
    return entry;
  }

  private measuredOf(transactionId: number): Measured {
    let measured = this.measured.get(transactionId);
    if (!measured) {
      measured = measuredFrom(this.deps.repos.meterValues.newestOfTransaction(transactionId));
      this.measured.set(transactionId, measured);
    }
    return measured;
  }

  private run(siteId: string): void {
    const site = this.deps.repos.sites.get(siteId);
    if (!site || this.sender === null) return;
    const now = this.deps.clock.now();
    const nowMs = now.getTime();
    const assessment = assessSite(site, this.gather(site, true), now);
    const plan = planUpdates(
      assessment.sessions.map((s) => s.sent),
      assessment.allocation,
      nowMs,
      { minUpdateIntervalSec: this.deps.settings().sitePowerMinUpdateIntervalSec, hysteresisA: SITE_HYSTERESIS_A },
    );
    this.noteAllocation(siteId, assessment);
    this.checkOverLimit(siteId, assessment, nowMs);
    const byKey = new Map(assessment.sessions.map((s) => [sessionKey(s.transactionId), s]));
    for (const update of plan.updates) {
      const facts = byKey.get(update.key);
      const entry = facts && this.sent.get(facts.transactionId);
      if (!facts || !entry) continue;
      const next = recordSent(toSentLimit(entry), update.key, update.limitA, nowMs);
      const updated: SentEntry = {
        ...entry,
        limitA: next.limitA,
        previousLimitA: next.previousLimitA,
        acknowledged: false,
        seq: next.seq,
        sentAt: now.toISOString(),
        outcome: 'pending',
        lastSentA: update.limitA,
        unconfirmed: false,
      };
      this.sent.set(facts.transactionId, updated);
      void this.sendTxProfile(siteId, facts, updated, update.fromA);
    }
  }

  /** Stores the update, then sends it; the answer settles what the station may be using. */
  private async sendTxProfile(siteId: string, facts: SessionFacts, entry: SentEntry, fromA: number): Promise<void> {
    const { sitePower } = this.deps.repos;
    let outcome: SetProfileOutcome;
    try {
      // Stored before it leaves: a restart meanwhile counts it as possibly in use.
      await this.deps.groupCommit.run(() => sitePower.saveSentLimit(entry));
      this.addEvent({
        ...this.eventBase(siteId, 'profile-sent', 'info', facts.chargePointId, facts.connectorId),
        message: words.profileSentSentence(facts, entry.limitA, fromA),
      });
      outcome = this.sender
        ? await this.sender(facts.chargePointId, txProfileRequest(facts.connectorId, facts.transactionId, entry.limitA))
        : 'no-answer';
    } catch {
      outcome = 'no-answer';
    }
    const current = this.sent.get(facts.transactionId);
    // The transaction stopped meanwhile (forgotten), or a later update was sent: this answer tells nothing more.
    if (!current || current.seq !== entry.seq) return;
    const answered = recordAnswer(toSentLimit(current), entry.seq, outcome);
    const settled: SentEntry = { ...settle(current, answered), outcome, refused: current.refused || outcome === 'rejected' };
    this.sent.set(facts.transactionId, settled);
    this.deps.groupCommit.runDetached(() => sitePower.saveSentLimit(settled));
    const holdA = outcome === 'rejected' ? Math.max(UNKNOWN_STATION_MAX_A, answered.limitA) : answered.limitA;
    const kind = outcome === 'accepted' ? 'profile-accepted' : outcome === 'rejected' ? 'profile-rejected' : 'profile-no-answer';
    const severity = outcome === 'accepted' ? 'info' : outcome === 'rejected' ? 'alert' : 'warning';
    const message = words.profileAnswerSentence(facts, entry.limitA, outcome, holdA);
    const base = this.eventBase(siteId, kind, severity, facts.chargePointId, facts.connectorId);
    if (outcome === 'rejected') this.openAlert({ ...base, message }, `refused:${facts.transactionId}`);
    else this.addEvent({ ...base, message });
    this.deps.events.emit('site.allocation', { siteId });
    this.schedule(siteId);
  }

  private sendDefault(chargePointId: string, why: 'boot' | 'reconnect' | 'site'): void {
    const siteId = this.siteOf.get(chargePointId);
    if (siteId === undefined || this.sender === null || this.defaultsInFlight.has(chargePointId)) return;
    this.defaultsInFlight.add(chargePointId);
    void this.sendDefaultNow(siteId, chargePointId, why).finally(() => this.defaultsInFlight.delete(chargePointId));
  }

  private async sendDefaultNow(siteId: string, chargePointId: string, why: 'boot' | 'reconnect' | 'site'): Promise<void> {
    const { sitePower } = this.deps.repos;
    const limitA = SITE_DEFAULT_LIMIT_A;
    const pending: StoredDefaultProfile = { chargePointId, limitA, sentAt: this.deps.clock.now().toISOString(), outcome: 'pending' };
    this.defaults.set(chargePointId, pending);
    let outcome: SetProfileOutcome;
    try {
      await this.deps.groupCommit.run(() => sitePower.saveDefaultProfile(pending));
      this.addEvent({
        ...this.eventBase(siteId, 'boot-default-profile', 'info', chargePointId, 0),
        message: words.defaultSentSentence(chargePointId, limitA, why),
      });
      outcome = this.sender ? await this.sender(chargePointId, defaultProfileRequest(limitA)) : 'no-answer';
    } catch {
      outcome = 'no-answer';
    }
    const settled = { ...pending, outcome };
    this.defaults.set(chargePointId, settled);
    this.deps.groupCommit.runDetached(() => sitePower.saveDefaultProfile(settled));
    if (outcome !== 'rejected') this.unconfirmSessionsOf(chargePointId, limitA);
    if (outcome !== 'accepted') {
      const kind = outcome === 'rejected' ? 'profile-rejected' : 'profile-no-answer';
      this.addEvent({
        ...this.eventBase(siteId, kind, 'warning', chargePointId, 0),
        message: words.defaultAnswerSentence(chargePointId, limitA, outcome),
      });
    }
    this.schedule(siteId);
  }

  /**
   * The station took (or may have taken) a default of `limitA` while sessions we never steered were running: each
   * may now draw that instead of what it was counted at, so it keeps counting at the higher and gets its share sent.
   */
  private unconfirmSessionsOf(chargePointId: string, limitA: number): void {
    for (const [transactionId, entry] of this.sent) {
      if (entry.chargePointId !== chargePointId || entry.lastSentA !== null || entry.limitA === limitA) continue;
      this.sent.set(transactionId, { ...entry, unconfirmed: true });
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // History and alerts
  // ------------------------------------------------------------------------------------------------------------

  private eventBase(
    siteId: string,
    kind: SiteEvent['kind'],
    severity: SiteEvent['severity'],
    chargePointId: string | null,
    connectorId: number | null = null,
  ) {
    return { siteId, at: this.deps.clock.now().toISOString(), kind, severity, chargePointId, connectorId };
  }

  private pruneEvents(): void {
    const { sitePower, sites } = this.deps.repos;
    this.deps.groupCommit.runDetached(() => {
      for (const site of sites.list()) sitePower.pruneEvents(site.id, SITE_EVENTS_KEPT);
    });
  }

  private addEvent(event: NewSiteEvent): void {
    this.deps.groupCommit.runDetached(() => this.deps.repos.sitePower.addEvent(event));
  }

  private openAlert(event: Omit<NewSiteEvent, 'openKey'>, key: string): void {
    const id = `${event.siteId}\n${key}`;
    if (this.openAlerts.has(id)) {
      this.addEvent({ ...event, severity: 'warning' });
      return;
    }
    this.openAlerts.add(id);
    this.addEvent({ ...event, openKey: key });
  }

  private closeAlert(siteId: string, key: string, message: string): void {
    if (!this.openAlerts.delete(`${siteId}\n${key}`)) return;
    const event = { ...this.eventBase(siteId, 'alert-cleared', 'info', null), message };
    this.deps.groupCommit.runDetached(() => {
      this.deps.repos.sitePower.closeAlert(siteId, key);
      this.deps.repos.sitePower.addEvent(event);
    });
    this.deps.events.emit('site.allocation', { siteId });
  }

  /**
   * `site.allocation` when what the sessions are given (or why) changed since the last run, and an `allocation`
   * event when it changed by more than measured-draw noise: another budget, session or reason, or a share moved
   * by at least the hysteresis since the last event (the history stays readable and bounded).
   */
  private noteAllocation(siteId: string, assessment: SiteAssessment): void {
    const { allocation, sessions } = assessment;
    const shares = allocation.sessions.map((s) => ({ key: s.key, limitA: s.limitA, reason: s.reason }));
    const signature = JSON.stringify([allocation.totals.budgetA, shares]);
    if (this.lastSignature.get(siteId) === signature) return;
    this.lastSignature.set(siteId, signature);
    this.deps.events.emit('site.allocation', { siteId });
    const logged = this.lastLogged.get(siteId);
    const worthLogging =
      logged === undefined ||
      logged.budgetA !== allocation.totals.budgetA ||
      logged.shares.length !== shares.length ||
      shares.some((s, i) => {
        const before = logged.shares[i]!;
        return before.key !== s.key || before.reason !== s.reason || Math.abs(before.limitA - s.limitA) >= SITE_HYSTERESIS_A;
      });
    if (!worthLogging) return;
    this.lastLogged.set(siteId, { budgetA: allocation.totals.budgetA, shares });
    const message = words.allocationSentence(assessment.limitA, assessment.budgetA, sessions, allocation);
    this.addEvent({ ...this.eventBase(siteId, 'allocation', 'info', null), message });
  }

  /** An alert when the measured sum has stayed above the limit (before the margin) for more than a minute. */
  private checkOverLimit(siteId: string, assessment: SiteAssessment, nowMs: number): void {
    const measuredA = assessment.sessions.reduce((sum, s) => sum + (s.measuredA ?? 0), 0);
    if (measuredA <= assessment.limitA) {
      this.overLimitSinceMs.delete(siteId);
      this.closeAlert(siteId, 'over-limit', `The measured current of the site's sessions is within the limit again (${roundTenth(measuredA)} A)`);
      return;
    }
    const since = this.overLimitSinceMs.get(siteId) ?? nowMs;
    this.overLimitSinceMs.set(siteId, since);
    if (nowMs - since > OVER_LIMIT_ALERT_AFTER_MS && !this.openAlerts.has(`${siteId}\nover-limit`)) {
      this.openAlert(
        { ...this.eventBase(siteId, 'over-limit', 'alert', null), message: words.overLimitSentence(measuredA, assessment.limitA) },
        'over-limit',
      );
      this.deps.events.emit('site.allocation', { siteId });
    }
  }
}

const roundTenth = (a: number) => Math.round(a * 10) / 10;
