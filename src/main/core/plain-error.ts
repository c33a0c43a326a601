// Errors from Node and libraries in words a bench engineer reads: a file-system error says what the bench tried on
// which path and why it could not ("could not replace /cfg/settings.json: it is a folder, where a file was
// expected"), a schema error says which value did not fit, instead of "EISDIR: illegal operation on a directory,
// rename …" or a zod issue list as JSON.
import { z } from 'zod';

/** Why a file-system call failed, by its error code. */
const WHY: Readonly<Record<string, string>> = {
  ENOENT: 'it does not exist',
  EACCES: 'the bench is not allowed to (permission denied)',
  EPERM: 'the system does not allow it',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EISDIR: 'it is a folder, where a file was expected',
  ENOTDIR: 'a part of the path is a file, where a folder was expected',
  EEXIST: 'something of that name is already there',
  ENOTEMPTY: 'the folder is not empty',
  ENAMETOOLONG: 'the name is too long for the file system',
  EMFILE: 'the bench has too many files open',
  ENFILE: 'the system has too many files open',
  EBUSY: 'it is in use',
  EIO: 'the disk reported an input/output error',
  ELOOP: 'its symbolic links go round in a loop',
};

/** What the bench was doing, by the failed system call. */
const DOING: Readonly<Record<string, string>> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the folder',
  rmdir: 'remove the folder',
  rename: 'replace',
  unlink: 'delete',
  stat: 'look at',
  lstat: 'look at',
  scandir: 'list the folder',
  realpath: 'find',
  copyfile: 'copy to',
  fsync: 'save',
  access: 'reach',
};

interface SystemError {
  readonly code: string;
  readonly syscall?: string;
  readonly path?: string;
  readonly dest?: string;
}

function systemError(err: unknown): SystemError | undefined {
  if (!(err instanceof Error) || !('code' in err) || typeof err.code !== 'string') return undefined;
  if (!(err.code in WHY)) return undefined;
  const field = (name: string) => {
    const v: unknown = Reflect.get(err, name);
    return typeof v === 'string' ? v : undefined;
  };
  return { code: err.code, syscall: field('syscall'), path: field('path'), dest: field('dest') };
}

/** The error in plain words (one sentence, no stack, no JSON). */
export function plainError(err: unknown): string {
  if (err instanceof z.ZodError) {
    const issues = err.issues
      .slice(0, 3)
      .map((i) => `${i.path.length ? i.path.join('.') : 'the value'}: ${i.message}`);
    return `a value does not fit what this version expects (${issues.join('; ')})`;
  }
  const sys = systemError(err);
  if (sys) {
    const doing = (sys.syscall ? DOING[sys.syscall] : undefined) ?? 'use';
    // A rename replaces its destination: name the file the user knows, not the temporary one.
    const target = sys.syscall === 'rename' ? (sys.dest ?? sys.path) : sys.path;
    return target ? `could not ${doing} ${target}: ${WHY[sys.code]}` : `${WHY[sys.code]}`;
  }
  return err instanceof Error ? err.message : String(err);
}
