/** Bad command-line usage: the CLI prints help and exits 2. */
export class UsageError extends Error {}
