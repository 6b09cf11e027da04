/**
 * A list's total as the API gives it: the long lists count at most 10,000 matches and say `totalCapped` when there
 * are more (docs/api.md), so "10000+" rather than a figure that looks exact.
 */
export function countText(total: number, capped: boolean | undefined): string {
  return capped ? `${total}+` : String(total);
}
