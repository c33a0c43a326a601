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
      return fail('UNKNOWN_COMMAND', `Unknown command ${JSON.stringify(String(name).slice(0, 80))}.`);
    }
    const schema = commands[name].request as z.ZodType;
    const parsed = schema.safeParse(request ?? {});
    if (!parsed.success) {
      return fail('BAD_REQUEST', `Request for ${name} is not valid: ${describeIssues(parsed.error)}`);
    }
    const handler = handlers[name] as (req: unknown, ctx: CallContext) => unknown;
    try {
      return ok(await handler(parsed.data, ctx));
    } catch (err) {
      if (err instanceof BenchError) return fail(err.code, err.message);
      log(`command ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return fail('INTERNAL', `${name} failed: ${plainError(err)}.`);
    }
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : 'request'}: ${i.message}`)
    .join('; ');
}
