import { useNowMs } from '../store/clock.js';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

/** A moment in local time; UTC on hover (operators and stations disagree about time zones). */
export function Time({ value, fallback = '—' }: { value: string | null | undefined; fallback?: string }) {
  if (!value) return <span className="muted">{fallback}</span>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span title={value}>{value}</span>;
  return (
    <time dateTime={date.toISOString()} title={`${date.toISOString()} (UTC)`}>
      {timeFormat.format(date)}
    </time>
  );
}

export function formatDuration(ms: number): string {
  const totalSec = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(totalSec / 3600);
  const m = Math.floor((totalSec % 3600) / 60);
  const s = totalSec % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`;
  return `${s} s`;
}

/** "12 s ago", live; the exact time on hover. */
export function Age({ value, fallback = 'never' }: { value: string | null | undefined; fallback?: string }) {
  const nowMs = useNowMs();
  if (!value) return <span className="muted">{fallback}</span>;
  const date = new Date(value);
  const ms = nowMs - date.getTime();
  return (
    <time dateTime={date.toISOString()} title={`${timeFormat.format(date)} local · ${date.toISOString()} UTC`}>
      {ms < 0 ? `in ${formatDuration(-ms)}` : `${formatDuration(ms)} ago`}
    </time>
  );
}
