import type { ProfileProblemDto } from '../../../../shared/api/types.js';

/** Advice from the OCPP 1.6 profile rules (POST /api/charging-profiles/check): shown, never blocking. */
export function ProblemList({ problems, label }: { problems: ProfileProblemDto[]; label?: string }) {
  if (problems.length === 0) return null;
  return (
    <ul className="profile-problems" aria-label={label ?? 'Advice'}>
      {problems.map((p, i) => (
        <li key={`${p.code}-${i}`} className={p.severity === 'error' ? 'tone-bad' : 'tone-warn'}>
          <strong>{p.severity === 'error' ? 'Likely rejected' : 'Check'}:</strong> {p.message}
        </li>
      ))}
    </ul>
  );
}
