/**
 * File-system errors in the user's words: `no such file`, `permission denied`.
 * One table for every message the node side prints about a file.
 */

export type FsFailure = { status: 'missing' | 'unreadable'; reason: string };

/** The status and short reason for a file-system error; undefined when `error` is not one. */
export function describeFsError(error: unknown): FsFailure | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return undefined;
  switch (code) {
    case 'ENOENT': return { status: 'missing', reason: 'no such file' };
    case 'EACCES':
    case 'EPERM': return { status: 'unreadable', reason: 'permission denied' };
    case 'EISDIR': return { status: 'unreadable', reason: 'it is a folder, not a file' };
    case 'ENOTDIR': return { status: 'missing', reason: 'a part of the path is not a folder' };
    default: return { status: 'unreadable', reason: (error as Error).message };
  }
}
