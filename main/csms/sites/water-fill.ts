/**
 * Equal shares with caps ("water-filling"), in deci-amps: every session gets the same share, except one whose cap
 * is below it, which keeps its cap and leaves the rest to the others, whose share grows accordingly.
 */

/**
 * Shares `availableDeciA` among sessions with the given caps (Infinity = no cap). Shares are whole deci-amps and
 * equal among the uncapped sessions; what does not divide evenly (less than 0.1 A per session) stays unshared, so
 * the sum never exceeds `availableDeciA`.
 */
export function waterFill(availableDeciA: number, capsDeciA: readonly number[]): number[] {
  const shares = new Array<number>(capsDeciA.length).fill(0);
  const order = capsDeciA.map((_, index) => index).sort((a, b) => (capsDeciA[a] ?? 0) - (capsDeciA[b] ?? 0));
  let remainingDeciA = availableDeciA;
  for (let position = 0; position < order.length; position++) {
    const index = order[position] ?? 0;
    const left = order.length - position;
    const shareDeciA = Math.floor(remainingDeciA / left);
    const capDeciA = capsDeciA[index] ?? 0;
    if (capDeciA <= shareDeciA) {
      shares[index] = capDeciA;
      remainingDeciA -= capDeciA;
      continue;
    }
    // Every session from here on has a cap above the share: all get the same share.
    for (const rest of order.slice(position)) shares[rest] = shareDeciA;
    break;
  }
  return shares;
}
