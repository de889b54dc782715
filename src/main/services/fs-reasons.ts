// Why a file-system call failed, as the end of a sentence ("… because permission was denied"): one table
// for the stores, the exporter, the importers and the GGUF reader, so a code reads the same everywhere.

const REASONS: Record<string, string> = {
  EACCES: 'permission was denied',
  EPERM: 'permission was denied',
  ENOENT: 'it does not exist',
  ENOTDIR: 'part of its path is not a folder',
  EISDIR: 'a folder has that name',
  ENOSPC: 'the disk is full',
  EROFS: 'the disk is read-only',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'it is a symbolic link loop',
  EIO: 'the disk reported an input/output error',
  ENOTREG: 'it is a device or other special file, not a regular file',
};

/** The errno code of a Node fs error, if it has one. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A "because …" clause for the error; `missing` overrides ENOENT's wording (a write's missing folder). */
export function fsReason(error: unknown, opts: { missing?: string } = {}): string {
  const code = errnoCode(error);
  if (code === 'ENOENT' && opts.missing) return opts.missing;
  if (code && Object.hasOwn(REASONS, code)) return REASONS[code]!;
  if (code) return `the system said ${code}`;
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').replace(/\.$/, '').slice(0, 160);
}
