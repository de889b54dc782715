// Import failures are the user's files being wrong or unreadable, not bugs: they carry one sentence that
// crosses IPC unchanged (AppError) and that the CLI prints as is.

import { AppError } from '../errors';
import type { ApiErrorCode } from '../../../shared/ipc-contract';
import { fsReason } from '../fs-reasons';

export class ImportError extends AppError {
  constructor(code: ApiErrorCode, message: string) {
    super(code, message);
    this.name = 'ImportError';
  }
}

/** Turns a Node fs error into one readable sentence about `path`. */
export function fsErrorSentence(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return `No file or folder at ${path}.`;
    case 'EACCES':
    case 'EPERM':
      return `Cannot read ${path}: permission denied.`;
    case 'EISDIR':
      return `${path} is a folder, not a file.`;
    case 'ENOTDIR':
      return `${path} is not a folder.`;
    case 'ELOOP':
      return `${path} is a symbolic link loop.`;
    default:
      return `Cannot read ${path} because ${fsReason(error)}.`;
  }
}

export function fsImportError(error: unknown, path: string): ImportError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return new ImportError(code === 'ENOENT' ? 'not-found' : 'io-error', fsErrorSentence(error, path));
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
