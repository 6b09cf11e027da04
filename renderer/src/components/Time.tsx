import { useMemo } from 'react';
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

/**
 * "12 s ago", live; the exact time on hover. The hover text is formatted once per value, not on every tick: a depot
 * overview shows a thousand of these, all updated each second.
 */
export function Age({ value, fallback = 'never' }: { value: string | null | undefined; fallback?: string }) {
  const nowMs = useNowMs();
  const moment = useMemo(() => {
    if (!value) return null;
    const date = new Date(value);
    return { epochMs: date.getTime(), iso: date.toISOString(), title: `${timeFormat.format(date)} local · ${date.toISOString()} UTC` };
  }, [value]);
  if (!moment) return <span className="muted">{fallback}</span>;
  const ms = nowMs - moment.epochMs;
  return (
    <time dateTime={moment.iso} title={moment.title}>
      {ms < 0 ? `in ${formatDuration(-ms)}` : `${formatDuration(ms)} ago`}
    </time>
  );
}
