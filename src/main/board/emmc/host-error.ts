import { EmmcError } from './paths';

/** Maps a host error to a code and a message with no host path in it. */
export function hostError(err: unknown, what: string): EmmcError {
  if (err instanceof EmmcError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new EmmcError('ENOENT', `${what}: no such file or directory`);
    case 'EEXIST':
      return new EmmcError('EEXIST', `${what}: already exists`);
    case 'ENOTDIR':
      return new EmmcError('ENOTDIR', `${what}: not a directory`);
    case 'EISDIR':
      return new EmmcError('EISDIR', `${what}: is a directory`);
    case 'ENOTEMPTY':
      return new EmmcError('ENOTEMPTY', `${what}: directory not empty`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new EmmcError('ENOSPC', `${what}: no space left on the volume`);
    case 'EACCES':
    case 'EPERM':
      return new EmmcError('EACCES', `${what}: permission denied`);
    case 'ENAMETOOLONG':
      return new EmmcError('EINVAL', `${what}: name too long`);
    default:
      return new EmmcError('EIO', `${what}: input/output error`);
  }
}
