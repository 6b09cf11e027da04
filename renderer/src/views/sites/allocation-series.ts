import type { AllocationSample } from './site-live-store.js';
import { naturalCompare } from '../../components/natural-order.js';

/** One line of the live chart, in the shape TimeSeriesChart draws (kept here so the logic needs no JSX). */
export interface LiveSeries {
  label: string;
  unit: string;
  points: [number, number | null][];
  stepped?: boolean;
  color?: string;
  fill?: string;
}

/** Session colours of the stack; the lines of limit, budget and measured sum keep their own. */
const SESSION_COLORS = ['#0891b2', '#9333ea', '#ea580c', '#16a34a', '#db2777', '#65a30d', '#0d9488', '#7c3aed'];

/** Every session seen in the window, in a stable order (by label), so the stack does not reshuffle as they come. */
export function sessionLabels(window: readonly AllocationSample[]): string[] {
  return [...new Set(window.flatMap((s) => Object.keys(s.sessions)))].sort(naturalCompare);
}

/**
 * The live chart's series: the limit and the budget (held values), each session's allocation stacked on the ones
 * before it (its line is the sum up to it; a session absent from a sample counts 0 there), and the measured sum.
 * Stacked series come top first, so each one's fill is drawn under the next and shows its own band.
 */
export function allocationSeries(window: readonly AllocationSample[]): LiveSeries[] {
  const labels = sessionLabels(window);
  const stacked = labels.map((label, i) => ({
    label: `${label} (stacked)`,
    unit: 'A',
    stepped: true,
    color: SESSION_COLORS[i % SESSION_COLORS.length],
    fill: `${SESSION_COLORS[i % SESSION_COLORS.length]}40`,
    points: window.map((s): [number, number | null] => [s.atMs, labels.slice(0, i + 1).reduce((sum, l) => sum + (s.sessions[l] ?? 0), 0)]),
  }));
  return [
    { label: 'Limit', unit: 'A', stepped: true, color: '#dc2626', points: window.map((s) => [s.atMs, s.limitA]) },
    { label: 'Budget (limit − margin)', unit: 'A', stepped: true, color: '#b45309', points: window.map((s) => [s.atMs, s.budgetA]) },
    ...stacked.reverse(),
    { label: 'Measured sum', unit: 'A', color: '#2563eb', points: window.map((s) => [s.atMs, s.measuredA]) },
  ];
}
