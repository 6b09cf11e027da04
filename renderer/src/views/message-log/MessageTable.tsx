import type { KeyboardEvent } from 'react';
import type { MessageLogEntryDto } from '../../../../shared/api/types.js';
import { Time } from '../../components/Time.js';
import { messageTypeName } from './message-filters.js';

const SUMMARY_CHARS = 120;

function payloadSummary(frame: string): string {
  try {
    const parsed = JSON.parse(frame) as unknown[];
    const payload = parsed[0] === 2 ? parsed[3] : parsed[0] === 3 ? parsed[2] : parsed[0] === 4 ? `${parsed[2]} ${parsed[3]}` : frame;
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    return text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS)}…` : text;
  } catch {
    return frame.slice(0, SUMMARY_CHARS);
  }
}

/**
 * Log rows, newest first. A row is selected with a click or Enter/Space; arrow keys move between rows so the
 * inspector can follow the keyboard.
 */
export function MessageTable({ items, selectedId, onSelect }: { items: MessageLogEntryDto[]; selectedId: number | null; onSelect(entry: MessageLogEntryDto): void }) {
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(items[index]!);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = items[index + (e.key === 'ArrowDown' ? 1 : -1)];
      if (!next) return;
      onSelect(next);
      const row = (e.currentTarget.parentElement?.children[index + (e.key === 'ArrowDown' ? 1 : -1)] as HTMLElement | undefined);
      row?.focus();
    }
  };
  return (
    <table className="message-table" aria-label="Messages">
      <thead>
        <tr>
          <th>Time</th>
          <th>Station</th>
          <th>Dir.</th>
          <th>Type</th>
          <th>Action</th>
          <th>Message id</th>
          <th>Payload</th>
        </tr>
      </thead>
      <tbody>
        {items.map((m, i) => (
          <tr
            key={m.id}
            tabIndex={0}
            aria-selected={m.id === selectedId}
            className={`${m.errorCode ? 'is-error' : ''}${m.id === selectedId ? ' is-selected' : ''}`}
            onClick={() => onSelect(m)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            <td className="nowrap">
              <Time value={m.at} />
            </td>
            <td>{m.chargePointId}</td>
            <td title={m.direction === 'in' ? 'Station → central system' : 'Central system → station'}>{m.direction === 'in' ? '→ in' : '← out'}</td>
            <td>
              <span className={`badge tone-${m.errorCode ? 'bad' : m.messageType === 2 ? 'info' : 'neutral'}`}>{messageTypeName(m)}</span>
            </td>
            <td>{m.action ?? <span className="muted">—</span>}</td>
            <td className="mono message-id" title={m.messageId ?? undefined}>
              {m.messageId ?? '—'}
            </td>
            <td className="mono payload">{m.errorCode ? <strong>{m.errorCode} </strong> : null}{payloadSummary(m.frame)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
