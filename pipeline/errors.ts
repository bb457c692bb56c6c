/**
 * Error classes that map to exit codes: InputError → 1 (bad extract, config or data),
 * UsageError → 2 (bad command line). Anything else is a bug and prints its stack.
 */
export class InputError extends Error {
  readonly exitCode = 1;
}

export class UsageError extends Error {
  readonly exitCode = 2;
}
