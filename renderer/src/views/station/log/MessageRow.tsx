import type { MessageLogEntryDto } from '../../../../../shared/api/types.js';
import { JsonView } from '../../../components/JsonView.js';
import { Time } from '../../../components/Time.js';

/** OCPP-J message type ids (OCPP-J §4.1.3). */
const MESSAGE_TYPES: Record<number, string> = { 2: 'CALL', 3: 'CALLRESULT', 4: 'CALLERROR' };

export function messageTypeName(type: number | null): string {
  return type === null ? 'invalid' : (MESSAGE_TYPES[type] ?? `type ${type}`);
}

/** One logged frame; the button opens the frame as formatted JSON below it. */
export function MessageRow({ entry, open, onToggle }: { entry: MessageLogEntryDto; open: boolean; onToggle: (id: number) => void }) {
  const incoming = entry.direction === 'in';
  const type = messageTypeName(entry.messageType);
  return (
    <>
      <tr
        className={`log-row${entry.errorCode ? ' log-error' : ''}`}
        aria-label={`${incoming ? 'In' : 'Out'} ${type} ${entry.action ?? ''}`.trim()}
        onClick={() => onToggle(entry.id)}
      >
        <td>
          <button
            type="button"
            className="link-button"
            aria-expanded={open}
            aria-label={`${open ? 'Hide' : 'Show'} frame ${entry.id}`}
            onClick={(e) => (e.stopPropagation(), onToggle(entry.id))}
          >
            {open ? '▾' : '▸'}
          </button>
        </td>
        <td>
          <Time value={entry.at} />
        </td>
        <td title={incoming ? 'from the station' : 'to the station'}>{incoming ? '← in' : '→ out'}</td>
        <td>{type}</td>
        <td>{entry.action ?? <span className="muted">—</span>}</td>
        <td className="mono">{entry.messageId ?? '—'}</td>
        <td className={entry.errorCode ? 'connector-error' : 'muted'}>{entry.errorCode ?? '—'}</td>
      </tr>
      {open ? (
        <tr className="log-frame">
          <td colSpan={7}>
            <JsonView value={entry.frame} label={`Frame ${entry.id}`} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
