// Every subcommand is a plain async function over parsed argv, so tests call it in-process.

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

/** A mistake of the user's (bad flag, missing file): printed as one sentence, exit code 2, no stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Returns the process exit code. Throws CliError for user errors. */
export type CliCommand = (args: string[], io: CliIO) => Promise<number>;
