/**
 * Reading the scenario the operator typed or loaded: JSON text to an object, or the reason it is not one with its
 * line and column, so the problem can be shown next to the text area without changing a character of it.
 */

export type ScenarioText = { ok: true; value: Record<string, unknown> } | { ok: false; problem: string };

/** Line and column (from 1) of a character offset in the text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

/** Engines name the offset of a JSON syntax error in their message ("… at position 42"); newer ones also the line. */
function placeOf(text: string, message: string): string {
  if (/line \d+ column \d+/.test(message)) return '';
  const at = /position (\d+)/.exec(message);
  if (!at) return '';
  const { line, column } = lineAndColumn(text, Number(at[1]));
  return ` (line ${line}, column ${column})`;
}

export function readScenarioText(text: string): ScenarioText {
  if (!text.trim()) return { ok: false, problem: 'Load a scenario file or paste its JSON here.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, problem: `Not valid JSON: ${message}${placeOf(text, message)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problem: 'A scenario is a JSON object with name, stations and steps (docs/scenarios.md).' };
  return { ok: true, value: value as Record<string, unknown> };
}

/** The server's problems by path (`steps[2].status`), in the order of the file as far as the paths tell. */
export function problemList(fields: Record<string, string>): { path: string; message: string }[] {
  return Object.entries(fields).map(([path, message]) => ({ path, message }));
}
