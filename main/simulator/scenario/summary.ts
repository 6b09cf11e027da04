/**
 * The readable report of a scenario run or a replay, as `npm run simulate` prints it (docs/scenarios.md).
 */
import type { ReplayResult, ScenarioFrame, ScenarioResult } from '../../../shared/api/scenario.js';

const seconds = (from: string, to: string) => `${((Date.parse(to) - Date.parse(from)) / 1000).toFixed(1)} s`;

/** `>` a frame the simulated station sent, `<` one it received. */
function frameLine(f: ScenarioFrame): string {
  return `      ${f.direction === 'sent' ? '>' : '<'} ${f.station} ${f.frame}`;
}

export function scenarioSummary(result: ScenarioResult): string[] {
  const lines = [`Scenario "${result.name}": ${result.passed ? 'PASSED' : 'FAILED'} (${seconds(result.startedAt, result.finishedAt)})`];
  if (result.error) lines.push(`  ${result.error}`);
  for (const note of result.notes) lines.push(`  note: ${note}`);
  lines.push('Steps:');
  for (const s of result.steps)
    lines.push(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.index} ${s.do}${s.label ? ` "${s.label}"` : ''} (${s.station}): ${s.message}`);
  if (result.expectations.length) lines.push('Expectations:');
  for (const e of result.expectations) {
    lines.push(`  ${e.passed ? 'ok  ' : 'FAIL'} ${e.index} ${e.description}: ${e.message}`);
    if (!e.passed) lines.push(...e.evidence.map(frameLine));
  }
  return lines;
}

export function replaySummary(result: ReplayResult): string[] {
  const speed = result.speed === 'max' ? 'as fast as possible' : `speed ${result.speed}`;
  const lines = [
    `Replay of ${result.station} (${result.exchanges.length} CALLs, ${speed}): ${result.error ? 'FAILED' : result.identical ? 'IDENTICAL' : `${result.differences.length} DIFFERENCE(S)`} (${seconds(result.startedAt, result.finishedAt)})`,
  ];
  if (result.error) lines.push(`  ${result.error}`);
  for (const d of result.differences) {
    lines.push(`  ${d.exchange === null ? 'central-system CALL' : `CALL ${d.exchange}`} ${d.action}${d.path ? ` ${d.path}` : ''}: ${d.message}`);
    lines.push(`      recorded: ${JSON.stringify(d.original)}`, `      replayed: ${JSON.stringify(d.replayed)}`);
  }
  const mapped = Object.entries(result.transactionIds);
  if (mapped.length) lines.push(`  transaction ids (recorded → replayed): ${mapped.map(([from, to]) => `${from} → ${to}`).join(', ')}`);
  return lines;
}
