/** `--name N` from a command's arguments: a whole number ≥ `min`, or `fallback` when absent. */
export function wholeNumberOption(args: readonly string[], name: string, fallback: number, min = 0): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number of at least ${min}`);
  return value;
}
