import type { ApiErrorCode } from '../../shared/ipc-contract';

/** An error meant for the user: its message is one readable sentence and crosses IPC as is. */
export class AppError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** The input field the message is about, when there is one (travels as ApiErrorInfo.field). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
