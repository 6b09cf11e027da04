import type { ScenarioFrame } from '../../../../shared/api/scenario.js';

/**
 * The frames that decided an expectation, folded away until asked for: `>` sent by the simulated station, `<`
 * received from the central system, as `npm run simulate` prints them (docs/scenarios.md "Command line").
 */
export function FramesView({ summary, frames }: { summary: string; frames: readonly ScenarioFrame[] }) {
  return (
    <details className="scenario-frames">
      <summary>{summary}</summary>
      <pre className="json" tabIndex={0} aria-label="Frames">
        {frames.map((f) => `${f.direction === 'sent' ? '>' : '<'} ${f.station} ${f.frame}`).join('\n')}
      </pre>
    </details>
  );
}
