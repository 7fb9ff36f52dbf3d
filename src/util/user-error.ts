/**
 * A mistake of the user's (bad flag, unknown suite, invalid config): the CLI prints its message
 * without a stack trace and exits 2. Anything else is a bug and keeps its stack.
 */
export class UserError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
  }
}
