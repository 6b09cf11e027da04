/**
 * Schema-valid replies for the baselines (b) and (c), which store nothing: the same answers the central system
 * gives for an accepted station and a known, accepted idTag.
 */
export const FIXED_CURRENT_TIME = '2025-01-01T00:00:00Z';

export const FIXED_REPLIES: Record<string, object> = {
  BootNotification: { status: 'Accepted', currentTime: FIXED_CURRENT_TIME, interval: 300 },
  Heartbeat: { currentTime: FIXED_CURRENT_TIME },
  StatusNotification: {},
  MeterValues: {},
  Authorize: { idTagInfo: { status: 'Accepted' } },
  StartTransaction: { transactionId: 1, idTagInfo: { status: 'Accepted' } },
  StopTransaction: { idTagInfo: { status: 'Accepted' } },
};

/** The reply payloads as JSON text, so the bare responder only splices in the message id. */
export const FIXED_REPLY_TEXT: Record<string, string> = Object.fromEntries(
  Object.entries(FIXED_REPLIES).map(([action, payload]) => [action, JSON.stringify(payload)]),
);
