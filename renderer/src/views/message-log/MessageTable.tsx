import { memo, useCallback, type KeyboardEvent } from 'react';
import type { MessageLogEntryDto } from '../../../../shared/api/types.js';
import { Time } from '../../components/Time.js';
import { useLatest } from '../../components/use-latest.js';
import { messageTypeName } from './message-filters.js';

const SUMMARY_CHARS = 120;

/** A frame element as text: strings as they are, anything else as JSON. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function payloadSummary(frame: string): string {
  try {
    const parsed = JSON.parse(frame) as unknown[];
    const payload = parsed[0] === 2 ? parsed[3] : parsed[0] === 3 ? parsed[2] : parsed[0] === 4 ? `${textOf(parsed[2])} ${textOf(parsed[3])}` : frame;
    const text = textOf(payload);
    return text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS)}…` : text;
  } catch {
    return frame.slice(0, SUMMARY_CHARS);
  }
}

interface RowProps {
  m: MessageLogEntryDto;
  selected: boolean;
  onSelect: (entry: MessageLogEntryDto) => void;
  onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>) => void;
}

/**
 * One row, memoised: the live log re-queries about once a second and keeps up to 2000 rows; only new rows (and the
 * selection change) render, not all of them (bench-results/console-latest.md, Message log column).
 */
const MessageRow = memo(function MessageRow({ m, selected, onSelect, onKeyDown }: RowProps) {
  return (
    <tr
      tabIndex={0}
      aria-selected={selected}
      className={`${m.errorCode ? 'is-error' : ''}${selected ? ' is-selected' : ''}`}
      onClick={() => onSelect(m)}
      onKeyDown={onKeyDown}
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
      <td className="mono payload">
        {m.errorCode ? <strong>{m.errorCode} </strong> : null}
        {payloadSummary(m.frame)}
      </td>
    </tr>
  );
});

/**
 * Log rows, newest first. A row is selected with a click or Enter/Space; arrow keys move between rows so the
 * inspector can follow the keyboard.
 */
export function MessageTable({
  items,
  selectedId,
  onSelect,
}: {
  items: MessageLogEntryDto[];
  selectedId: number | null;
  onSelect: (entry: MessageLogEntryDto) => void;
}) {
  // Stable handlers (rows are memoised): they read the latest items and callback through refs.
  const latest = useLatest({ items, onSelect });
  const select = useCallback((entry: MessageLogEntryDto) => latest.current.onSelect(entry), [latest]);
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLTableRowElement>) => {
      const { items: rows, onSelect: choose } = latest.current;
      // The row's position from the DOM, so rows need no index prop (which would change for all on every new row).
      const index = [...(e.currentTarget.parentElement?.children ?? [])].indexOf(e.currentTarget);
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        choose(rows[index]!);
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const next = rows[index + (e.key === 'ArrowDown' ? 1 : -1)];
        if (!next) return;
        choose(next);
        const row = e.currentTarget.parentElement?.children[index + (e.key === 'ArrowDown' ? 1 : -1)] as HTMLElement | undefined;
        row?.focus();
      }
    },
    [latest],
  );
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
        {items.map((m) => (
          <MessageRow key={m.id} m={m} selected={m.id === selectedId} onSelect={select} onKeyDown={onKeyDown} />
        ))}
      </tbody>
    </table>
  );
}
