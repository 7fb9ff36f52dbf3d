/** The one error type the demo CLI shows without a stack trace: a mistake in the user's files or arguments. */

/** A problem the user can fix; `file` and `line` say where, when known. */
export class DemoError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DemoError';
  }

  /** `tests/a.toml:12: message`, the shape compilers and linters use so editors can jump to it. */
  describe(): string {
    if (this.file === undefined) return this.message;
    return this.line === undefined
      ? `${this.file}: ${this.message}`
      : `${this.file}:${this.line}: ${this.message}`;
  }
}
