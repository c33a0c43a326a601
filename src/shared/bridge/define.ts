import type { z } from 'zod';

/** One command of the contract: a request schema (checked in main) and the response type (for the compiler). */
export interface CommandSpec<Req extends z.ZodType, Res> {
  readonly request: Req;
  /** Phantom field: carries the response type; never set at run time. */
  readonly response?: Res;
}

/** One event of the contract: the payload type (for the compiler). */
export interface EventSpec<Payload> {
  /** Phantom field: carries the payload type; never set at run time. */
  readonly payload?: Payload;
}

/** Declares a command: `command(z.object({...}), res<MyResponse>())`. */
export function command<Req extends z.ZodType, Res>(request: Req, _response?: Res): CommandSpec<Req, Res> {
  return { request };
}

/** Names a response type for `command(...)` without a value. */
export function res<T>(): T {
  return undefined as T;
}

/** Declares an event with its payload type. */
export function event<Payload>(): EventSpec<Payload> {
  return {};
}
