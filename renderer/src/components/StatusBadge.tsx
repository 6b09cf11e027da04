/** Colour classes of OCPP 1.6 ChargePointStatus (§7.7) and our own states; text always says it too. */
const TONES: Record<string, string> = {
  Available: 'ok',
  Preparing: 'info',
  Charging: 'active',
  SuspendedEV: 'warn',
  SuspendedEVSE: 'warn',
  Finishing: 'info',
  Reserved: 'info',
  Unavailable: 'muted',
  Faulted: 'bad',
  Accepted: 'ok',
  Pending: 'warn',
  Rejected: 'bad',
  Online: 'ok',
  Offline: 'bad',
  Active: 'active',
  Blocked: 'bad',
  Expired: 'muted',
  Invalid: 'bad',
};

export function toneOf(status: string | null | undefined): string {
  return (status && TONES[status]) || 'neutral';
}

export function StatusBadge({ status, title }: { status: string | null | undefined; title?: string }) {
  return (
    <span className={`badge tone-${toneOf(status)}`} title={title}>
      {status ?? 'unknown'}
    </span>
  );
}
