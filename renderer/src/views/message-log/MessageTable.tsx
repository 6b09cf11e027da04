import type { ReactNode } from 'react';
import type { MessageLogEntryDto } from '../../../../shared/api/types.js';
import type { Column } from '../../components/ListTable.js';
import { Time } from '../../components/Time.js';
import type { PagedRowsView } from '../../components/use-paged-rows.js';
import { VirtualTable } from '../../components/VirtualTable.js';
import { messageTypeName } from './message-filters.js';

const SUMMARY_CHARS = 120;
/** One line per row (cells do not wrap): the first guess before rows are measured. */
const ROW_PX = 33;

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

const COLUMNS: readonly Column<MessageLogEntryDto>[] = [
  { header: 'Time', className: 'nowrap col-time', cell: (m) => <Time value={m.at} /> },
  { header: 'Station', className: 'col-station', cell: (m) => m.chargePointId },
  {
    header: 'Dir.',
    className: 'col-dir',
    cell: (m) => (
      <span title={m.direction === 'in' ? 'Station → central system' : 'Central system → station'}>{m.direction === 'in' ? '→ in' : '← out'}</span>
    ),
  },
  {
    header: 'Type',
    className: 'col-type',
    cell: (m) => <span className={`badge tone-${m.errorCode ? 'bad' : m.messageType === 2 ? 'info' : 'neutral'}`}>{messageTypeName(m)}</span>,
  },
  { header: 'Action', className: 'col-action', cell: (m) => m.action ?? <span className="muted">—</span> },
  { header: 'Message id', className: 'mono message-id', cell: (m) => <span title={m.messageId ?? undefined}>{m.messageId ?? '—'}</span> },
  {
    header: 'Payload',
    className: 'mono payload',
    cell: (m) => (
      <>
        {m.errorCode ? <strong>{m.errorCode} </strong> : null}
        {payloadSummary(m.frame)}
      </>
    ),
  },
];

/**
 * Log rows, newest first, drawn only where they are in view. A row is selected with a click or Enter/Space; arrow
 * keys move between rows so the inspector can follow the keyboard.
 */
export function MessageTable({
  log,
  resetKey,
  selectedId,
  onSelect,
  onJumpToNewest,
  status,
}: {
  log: PagedRowsView<MessageLogEntryDto, number>;
  resetKey: string;
  selectedId: number | null;
  onSelect: (entry: MessageLogEntryDto) => void;
  onJumpToNewest: () => void;
  /** The live state, on the line where new rows are offered. */
  status: ReactNode;
}) {
  const { state } = log;
  return (
    <VirtualTable
      rows={state.loading ? undefined : state.rows}
      loading={state.loading}
      error={state.error}
      empty="No messages match these filters yet. New ones appear here as stations talk."
      columns={COLUMNS}
      rowKey={idOf}
      rowClassName={(m) => (m.errorCode ? 'is-error' : undefined)}
      tableLabel="Messages"
      scrollLabel="Messages, scrollable"
      className="message-table"
      estimateRowPx={ROW_PX}
      totalRows={state.nextCursor === null ? state.rows.length : null}
      hasOlder={state.nextCursor !== null}
      loadingOlder={state.loadingOlder}
      olderError={state.olderError}
      onLoadOlder={log.loadOlder}
      onRetryOlder={log.retryOlder}
      newCount={state.heldCount}
      newCountMore={state.heldGap}
      onJumpToNewest={onJumpToNewest}
      onAtTopChange={log.setAtTop}
      resetKey={resetKey}
      selectedKey={selectedId}
      onSelect={onSelect}
      status={status}
    />
  );
}

const idOf = (m: MessageLogEntryDto) => m.id;
