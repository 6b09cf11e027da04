import { useEffect, useState } from 'react';
import type { MessageLogEntryDto } from '../../../../shared/api/types.js';
import { JsonView } from '../../components/JsonView.js';
import { Time } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { messageTypeName } from './message-filters.js';

/**
 * One frame in full, with its partner: a CALL and its CALLRESULT/CALLERROR share the message id (OCPP-J 1.6 §4.1.1),
 * so the partner is looked up by the id (among the rows shown, else by a text search in that station's log).
 */
export function MessageInspector({
  entry,
  shown,
  onClose,
  onSelect,
}: {
  entry: MessageLogEntryDto;
  shown: MessageLogEntryDto[];
  onClose: () => void;
  onSelect: (entry: MessageLogEntryDto) => void;
}) {
  const api = useApi();
  const local = shown.find(
    (m) =>
      m.id !== entry.id &&
      m.messageId !== null &&
      m.messageId === entry.messageId &&
      m.chargePointId === entry.chargePointId &&
      m.direction !== entry.direction,
  );
  const [remote, setRemote] = useState<{ forId: number; partner: MessageLogEntryDto | null } | null>(null);

  useEffect(() => {
    if (local || !entry.messageId) return;
    let alive = true;
    api.messageLog({ chargePointId: entry.chargePointId, text: JSON.stringify(entry.messageId), limit: 20 }).then(
      (page) => {
        const partner = page.items.find((m) => m.id !== entry.id && m.messageId === entry.messageId && m.direction !== entry.direction) ?? null;
        if (alive) setRemote({ forId: entry.id, partner });
      },
      () => alive && setRemote({ forId: entry.id, partner: null }),
    );
    return () => {
      alive = false;
    };
  }, [api, entry, local]);

  const partner = local ?? (remote?.forId === entry.id ? remote.partner : null);
  const isCall = entry.messageType === 2;
  return (
    <aside className="panel message-inspector" aria-label="Message inspector">
      <div className="row inspector-head">
        <h2>
          {messageTypeName(entry)} {entry.action ?? ''}
        </h2>
        <button type="button" onClick={onClose} aria-label="Close inspector">
          ✕
        </button>
      </div>
      <dl className="inspector-facts">
        <dt>Station</dt>
        <dd>{entry.chargePointId}</dd>
        <dt>Direction</dt>
        <dd>{entry.direction === 'in' ? 'In: station → central system' : 'Out: central system → station'}</dd>
        <dt>Time</dt>
        <dd>
          <Time value={entry.at} />
        </dd>
        <dt>Message id</dt>
        <dd className="mono">{entry.messageId ?? '—'}</dd>
        {entry.errorCode ? (
          <>
            <dt>Error</dt>
            <dd className="tone-bad-text">{errorLabel(entry.errorCode)}</dd>
          </>
        ) : null}
      </dl>
      {entry.violations?.length ? (
        <ul className="inspector-violations" aria-label="Schema violations">
          {entry.violations.map((issue, i) => (
            <li key={i}>
              <code>{issue.path || '(payload)'}</code> {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
      <JsonView value={entry.frame} label="Frame" />
      <h3>{isCall ? 'Answer' : 'Request'}</h3>
      {partner ? (
        <>
          <button type="button" className="link-button" onClick={() => onSelect(partner)}>
            {messageTypeName(partner)} {partner.action ?? ''} at <Time value={partner.at} />
          </button>
          <JsonView value={partner.frame} label={isCall ? 'Answer frame' : 'Request frame'} />
        </>
      ) : (
        <p className="muted">
          {entry.messageId ? (isCall ? 'No answer logged (yet).' : 'The request is not in the log.') : 'Not an OCPP-J message: no pairing.'}
        </p>
      )}
    </aside>
  );
}

/** The marks the central system puts on frames that broke their schema without a CALLERROR, in words. */
function errorLabel(code: string): string {
  if (code.startsWith('invalid-result:')) return `The station's answer breaks the OCPP schema (${code.slice('invalid-result:'.length)})`;
  if (code.startsWith('lenient:')) return `Breaks the OCPP schema (${code.slice('lenient:'.length)}); processed anyway: the station is lenient`;
  return code;
}
