/** The middle value of a list (the upper one of two middles), or undefined for none. */
export function median(values: number[]): number | undefined {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}
