// The renderer's only door to the main process. Unwraps result envelopes into values or readable errors.

import type { Api, ApiErrorInfo, Result } from '$shared/ipc-contract';

export class ApiError extends Error {
  constructor(readonly info: ApiErrorInfo) {
    super(info.message);
  }
}

export function getApi(): Api | null {
  return typeof window !== 'undefined' && window.api ? window.api : null;
}

export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (result.ok) return result.value;
  throw new ApiError(result.error);
}
