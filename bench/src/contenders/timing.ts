/** Monotonic time in ns (as a number). */
export function nowNs(): number {
  return Number(process.hrtime.bigint());
}
