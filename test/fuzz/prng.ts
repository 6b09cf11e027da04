/** A lane's seed from the campaign seed and the lane number (so one lane can be replayed alone). */
export function laneSeed(seed: number, lane: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(lane + 1, 0xc2b2ae35)) >>> 0;
}
