// What every answer of the bridge must look like, whatever was asked: a Result, and an error a person can read.
import type { Answer } from './bridge-client';

/** An error message longer than this is not read by anyone: it echoes input instead of saying what is wrong. */
export const MAX_MESSAGE_CHARS = 600;

/**
 * Errors that are known and being fixed elsewhere (issue 22's other points), tolerated here until they land: each
 * names its point. The key is `command code`; the value matches the message.
 */
const TOLERATED: readonly {
  readonly command: string;
  readonly code: string;
  readonly message: RegExp;
  readonly why: string;
}[] = [];

/** Why `answer` (to `command`) is not acceptable, or undefined when it is. */
export function answerProblem(command: string, answer: Answer): string | undefined {
  if (answer.ok === true) return 'value' in answer ? undefined : 'an ok answer without a value';
  if (answer.ok !== false) return `not a Result: ${JSON.stringify(answer).slice(0, 200)}`;
  const code = answer.error?.code;
  const message = answer.error?.message;
  if (typeof code !== 'string' || typeof message !== 'string' || message.trim() === '')
    return `an error without a code and a message: ${JSON.stringify(answer).slice(0, 200)}`;
  if (TOLERATED.some((t) => t.command === command && t.code === code && t.message.test(message)))
    return undefined;
  if (code === 'INTERNAL')
    return `an internal error (a handler threw something unexpected): ${message.slice(0, 300)}`;
  if (message.length > MAX_MESSAGE_CHARS)
    return `a ${message.length}-character error message: ${message.slice(0, 120)}…`;
  if (/\n\s+at /.test(message)) return `a stack trace in the message: ${message.slice(0, 300)}`;
  if (/"code"\s*:|"path"\s*:|"expected"\s*:/.test(message))
    return `raw validator output: ${message.slice(0, 300)}`;
  if (/\[object Object\]/.test(message))
    return `a message that shows a program value: ${message.slice(0, 300)}`;
  return undefined;
}
