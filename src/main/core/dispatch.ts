import { z } from 'zod';
import {
  commands,
  isCommandName,
  type CommandName,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../shared/bridge/contract';
import type { Transport } from '../../shared/bridge/contracts/app';
import { BenchError, fail, ok, type Result } from '../../shared/result';
import { plainError } from './plain-error';
import { clipMessage, describeIssues } from './dispatch-words';

/** What a handler knows about the call it serves. */
export interface CallContext {
  readonly transport: Transport;
}

/** A handler for one command: gets the validated request, returns the response or throws a BenchError. */
export type Handler<K extends CommandName> = (
  request: ParsedRequestOf<K>,
  ctx: CallContext,
) => Promise<ResponseOf<K>> | ResponseOf<K>;

/** One handler per command of the contract; the compiler checks that none is missing. */
export type Handlers = { [K in CommandName]: Handler<K> };

/** A partial handler table for one feature. */
export type FeatureHandlers<K extends CommandName> = { [P in K]: Handler<P> };

/** Turns a transport's raw (name, request) into a Result. Never throws. */
export type Dispatch = (name: unknown, request: unknown, ctx: CallContext) => Promise<Result<unknown>>;

/** Builds the single entry point that both transports call. Validation happens here, before any handler. */
export function createDispatcher(handlers: Handlers, log: (message: string) => void): Dispatch {
  return async (name, request, ctx) => {
    if (!isCommandName(name)) {
      // String(name) of a client's object can throw (a toString that is no function) or overflow the stack (100,000
      // nested arrays): only text is quoted.
      return fail(
        'UNKNOWN_COMMAND',
        typeof name === 'string'
          ? clipMessage(`Unknown command ${JSON.stringify(name.slice(0, 80))}.`)
          : `A command name is text; this one was ${name === null ? 'null' : Array.isArray(name) ? 'a list' : typeof name}.`,
      );
    }
    const schema = commands[name].request as z.ZodType;
    // reportInput: the words tell a missing field from one of the wrong type (docs §12.7).
    const parsed = schema.safeParse(request ?? {}, { reportInput: true });
    if (!parsed.success) {
      return fail(
        'BAD_REQUEST',
        clipMessage(`Request for ${name} is not valid: ${describeIssues(parsed.error)}`),
      );
    }
    const handler = handlers[name] as (req: unknown, ctx: CallContext) => unknown;
    try {
      return ok(await handler(parsed.data, ctx));
    } catch (err) {
      // Handlers' messages may quote what the client sent (a path, a name): never at length.
      if (err instanceof BenchError) return fail(err.code, clipMessage(err.message));
      log(`command ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return fail('INTERNAL', clipMessage(`${name} failed: ${plainError(err)}.`));
    }
  };
}
