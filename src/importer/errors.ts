/**
 * A problem with the import's input (the server, the file, the options) rather than a bug: the CLI
 * prints its message, which is written for the user, and exits non-zero without a stack trace.
 */
export class ImportError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ImportError';
    this.code = code;
  }
}
