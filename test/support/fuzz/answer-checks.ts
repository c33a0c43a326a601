// What every answer of the bridge must look like, whatever was asked: a Result, and an error a person can read
// (docs/architecture.md §12.7). No error is tolerated here: the fuzz found none of issue 22's other points.
import { MAX_ERROR_CHARS } from '../../../src/main/core/dispatch-words';
import type { Answer } from './bridge-client';

/** Why `answer` is not acceptable, or undefined when it is. */
export function answerProblem(answer: Answer): string | undefined {
  if (answer.ok === true) return 'value' in answer ? undefined : 'an ok answer without a value';
  if (answer.ok !== false) return `not a Result: ${JSON.stringify(answer).slice(0, 200)}`;
  const code = answer.error?.code;
  const message = answer.error?.message;
  if (typeof code !== 'string' || typeof message !== 'string' || message.trim() === '')
    return `an error without a code and a message: ${JSON.stringify(answer).slice(0, 200)}`;
  if (code === 'INTERNAL')
    return `an internal error (a handler threw something unexpected): ${message.slice(0, 300)}`;
  // A message that long echoes input instead of saying what is wrong.
  if (message.length > MAX_ERROR_CHARS)
    return `a ${message.length}-character error message: ${message.slice(0, 120)}…`;
  if (/\n\s+at /.test(message)) return `a stack trace in the message: ${message.slice(0, 300)}`;
  if (/"code"\s*:|"path"\s*:|"expected"\s*:/.test(message))
    return `raw validator output: ${message.slice(0, 300)}`;
  if (/Invalid input|Too big:|Too small:|Unrecognized key/.test(message))
    return `the validator's jargon: ${message.slice(0, 300)}`;
  if (/\[object Object\]/.test(message))
    return `a message that shows a program value: ${message.slice(0, 300)}`;
  return undefined;
}
