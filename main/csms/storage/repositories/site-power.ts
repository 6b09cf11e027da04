import type { SiteEvent, SiteEventQuery } from '../../../../shared/api/types.js';
import type { Db } from '../database.js';

/** The answer to the latest SetChargingProfile of a site: none sent yet, waiting, or how it ended. */
export type SentOutcome = 'pending' | 'accepted' | 'rejected' | 'no-answer';

/** What was sent for one open transaction (migration 0015); the fields of main/csms/sites SentLimit and more. */
export interface StoredSentLimit {
  transactionId: number;
  chargePointId: string;
  connectorId: number;
  limitA: number;
  previousLimitA: number;
  acknowledged: boolean;
  seq: number;
  sentAt: string;
  outcome: SentOutcome | null;
  refused: boolean;
}

export interface StoredDefaultProfile {
  chargePointId: string;
  limitA: number;
  sentAt: string;
  outcome: SentOutcome;
}

/** A new event; `openKey` makes it an open alert (one per key and site). */
export type NewSiteEvent = Omit<SiteEvent, 'id'> & { openKey?: string };

interface SentRow {
  transaction_id: number;
  charge_point_id: string;
  connector_id: number;
  limit_a: number;
  previous_limit_a: number;
  acknowledged: number;
  seq: number;
  sent_at: string;
  outcome: SentOutcome | null;
  refused: number;
}

interface EventRow {
  id: number;
  site_id: string;
  at: string;
  kind: SiteEvent['kind'];
  severity: SiteEvent['severity'];
  charge_point_id: string | null;
  connector_id: number | null;
  message: string;
}

const toSent = (r: SentRow): StoredSentLimit => ({
  transactionId: r.transaction_id,
  chargePointId: r.charge_point_id,
  connectorId: r.connector_id,
  limitA: r.limit_a,
  previousLimitA: r.previous_limit_a,
  acknowledged: r.acknowledged === 1,
  seq: r.seq,
  sentAt: r.sent_at,
  outcome: r.outcome,
  refused: r.refused === 1,
});

const toEvent = (r: EventRow): SiteEvent => ({
  id: r.id,
  siteId: r.site_id,
  at: r.at,
  kind: r.kind,
  severity: r.severity,
  chargePointId: r.charge_point_id,
  connectorId: r.connector_id,
  message: r.message,
});

/** Largest page of site events. */
export const MAX_SITE_EVENTS_PAGE = 500;

/** The live state of site power sharing and its history (migration 0015). */
export class SitePowerRepository {
  private readonly allSentStmt;
  private readonly upsertSentStmt;
  private readonly deleteSentStmt;
  private readonly allDefaultsStmt;
  private readonly upsertDefaultStmt;
  private readonly insertEventStmt;
  private readonly closeAlertStmt;
  private readonly openAlertsStmt;
  private readonly allOpenAlertsStmt;
  private readonly eventsStmt;
  private readonly eventsBeforeStmt;
  private readonly countStmt;
  private readonly pruneStmt;

  constructor(db: Db) {
    this.allSentStmt = db.prepare<[], SentRow>('SELECT * FROM site_sent_limits ORDER BY transaction_id');
    this.upsertSentStmt = db.prepare(
      `INSERT INTO site_sent_limits (transaction_id, charge_point_id, connector_id, limit_a, previous_limit_a, acknowledged, seq, sent_at, outcome, refused)
       VALUES (@transactionId, @chargePointId, @connectorId, @limitA, @previousLimitA, @acknowledged, @seq, @sentAt, @outcome, @refused)
       ON CONFLICT (transaction_id) DO UPDATE SET limit_a = excluded.limit_a, previous_limit_a = excluded.previous_limit_a,
         acknowledged = excluded.acknowledged, seq = excluded.seq, sent_at = excluded.sent_at, outcome = excluded.outcome, refused = excluded.refused`,
    );
    this.deleteSentStmt = db.prepare('DELETE FROM site_sent_limits WHERE transaction_id = ?');
    this.allDefaultsStmt = db.prepare<[], { charge_point_id: string; limit_a: number; sent_at: string; outcome: SentOutcome }>(
      'SELECT * FROM site_default_profiles',
    );
    this.upsertDefaultStmt = db.prepare(
      `INSERT INTO site_default_profiles (charge_point_id, limit_a, sent_at, outcome) VALUES (@chargePointId, @limitA, @sentAt, @outcome)
       ON CONFLICT (charge_point_id) DO UPDATE SET limit_a = excluded.limit_a, sent_at = excluded.sent_at, outcome = excluded.outcome`,
    );
    this.insertEventStmt = db.prepare(
      `INSERT INTO site_events (site_id, at, kind, severity, charge_point_id, connector_id, message, open_key)
       VALUES (@siteId, @at, @kind, @severity, @chargePointId, @connectorId, @message, @openKey)`,
    );
    this.closeAlertStmt = db.prepare('UPDATE site_events SET open_key = NULL WHERE site_id = ? AND open_key = ?');
    this.openAlertsStmt = db.prepare<[string], EventRow>('SELECT * FROM site_events WHERE site_id = ? AND open_key IS NOT NULL ORDER BY id DESC');
    this.allOpenAlertsStmt = db.prepare<[], { site_id: string; open_key: string }>(
      'SELECT site_id, open_key FROM site_events WHERE open_key IS NOT NULL',
    );
    this.eventsStmt = db.prepare<[string, number], EventRow>('SELECT * FROM site_events WHERE site_id = ? ORDER BY id DESC LIMIT ?');
    // Through site_events_site: the id of the oldest event kept, then the older ones that are no open alert.
    this.pruneStmt = db.prepare<[string, string, number]>(
      `DELETE FROM site_events WHERE site_id = ? AND open_key IS NULL
         AND id < (SELECT id FROM site_events WHERE site_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
    );
    this.countStmt = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM site_events WHERE site_id = ?');
    this.eventsBeforeStmt = db.prepare<[string, number, number], EventRow>(
      'SELECT * FROM site_events WHERE site_id = ? AND id < ? ORDER BY id DESC LIMIT ?',
    );
  }

  sentLimits(): StoredSentLimit[] {
    return this.allSentStmt.all().map(toSent);
  }

  saveSentLimit(entry: StoredSentLimit): void {
    const { transactionId, chargePointId, connectorId, limitA, previousLimitA, seq, sentAt, outcome } = entry;
    this.upsertSentStmt.run({
      transactionId,
      chargePointId,
      connectorId,
      limitA,
      previousLimitA,
      acknowledged: entry.acknowledged ? 1 : 0,
      seq,
      sentAt,
      outcome,
      refused: entry.refused ? 1 : 0,
    });
  }

  forgetSentLimit(transactionId: number): void {
    this.deleteSentStmt.run(transactionId);
  }

  defaultProfiles(): StoredDefaultProfile[] {
    return this.allDefaultsStmt.all().map((r) => ({ chargePointId: r.charge_point_id, limitA: r.limit_a, sentAt: r.sent_at, outcome: r.outcome }));
  }

  saveDefaultProfile(entry: StoredDefaultProfile): void {
    const { chargePointId, limitA, sentAt, outcome } = entry;
    this.upsertDefaultStmt.run({ chargePointId, limitA, sentAt, outcome });
  }

  /** Adds an event; with an `openKey` it is an open alert (the caller opens one per key and site). Its id. */
  addEvent(event: NewSiteEvent): number {
    const { siteId, at, kind, severity, chargePointId, connectorId, message } = event;
    const result = this.insertEventStmt.run({ siteId, at, kind, severity, chargePointId, connectorId, message, openKey: event.openKey ?? null });
    return Number(result.lastInsertRowid);
  }

  /** Closes the site's open alert with this key; false when none was open. */
  closeAlert(siteId: string, openKey: string): boolean {
    return this.closeAlertStmt.run(siteId, openKey).changes > 0;
  }

  openAlerts(siteId: string): SiteEvent[] {
    return this.openAlertsStmt.all(siteId).map(toEvent);
  }

  /** Every open alert's site and key (loaded at start, so an alert is neither lost nor opened twice). */
  openAlertKeys(): Array<{ siteId: string; openKey: string }> {
    return this.allOpenAlertsStmt.all().map((r) => ({ siteId: r.site_id, openKey: r.open_key }));
  }

  /** Keeps the site's newest `keep` events and every open alert; how many went. */
  pruneEvents(siteId: string, keep: number): number {
    return this.pruneStmt.run(siteId, siteId, keep - 1).changes;
  }

  /** How many events the site has (through site_events_site). */
  eventCount(siteId: string): number {
    return this.countStmt.get(siteId)?.n ?? 0;
  }

  /** Newest first, keyset paged by `before` (an event id). */
  events(siteId: string, query: SiteEventQuery): SiteEvent[] {
    const limit = Math.min(MAX_SITE_EVENTS_PAGE, Math.max(1, Math.floor(query.limit ?? 100)));
    const rows = query.before === undefined ? this.eventsStmt.all(siteId, limit) : this.eventsBeforeStmt.all(siteId, query.before, limit);
    return rows.map(toEvent);
  }
}
