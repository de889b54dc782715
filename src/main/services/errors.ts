import type { ApiErrorCode } from '../shared/ipc-contract';

/** An error meant for the user: its message is one readable sentence and crosses IPC as is. */
export class AppError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
