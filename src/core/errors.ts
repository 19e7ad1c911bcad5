/**
 * An error caused by what the user gave us (a flag, a folder, a data file). The CLI prints its
 * message as one line and exits non-zero; anything else is a bug and is reported as such.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Turns a file-system error into one line that names the path and says what is wrong. */
export function fsUserError(err: unknown, path: string): UserError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new UserError(`${path}: no such file or folder`);
    case 'ENOTDIR':
      return new UserError(`${path}: not a folder`);
    case 'EISDIR':
      return new UserError(`${path}: is a folder, not a file`);
    case 'EACCES':
    case 'EPERM':
      return new UserError(`${path}: permission denied`);
    default:
      return new UserError(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
