/** One decimal, rounded down, so 99.97 % never shows as 100.0 %. */
export function percent(ratio: number): string {
  return `${(Math.floor(ratio * 1000 + 1e-9) / 10).toFixed(1)}%`;
}
