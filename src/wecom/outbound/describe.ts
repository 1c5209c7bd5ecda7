/** Name and message only: our error messages carry no URL or key, and no stack goes to a log. */
export function describeOutboundError(err: unknown): { name: string; message: string } {
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: typeof err, message: String(err) };
}
