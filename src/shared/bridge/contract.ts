import type { z } from 'zod';
import type { Result } from '../result';
import type { CommandSpec, EventSpec } from './define';
import { appCommands, appEvents } from './contracts/app';
import { boardCommands, boardEvents } from './contracts/board';
import { linksCommands, linksEvents } from './contracts/links';
import { telemetryCommands, telemetryEvents } from './contracts/telemetry';
import { framesCommands, framesEvents } from './contracts/frames';
import { filesCommands, filesEvents } from './contracts/files';
import { memoryCommands, memoryEvents } from './contracts/memory';
import { serialCommands, serialEvents } from './contracts/serial';
import { hostCommands } from './contracts/host';
import { mqttCommands, mqttEvents } from './contracts/mqtt';
import { sessionsCommands, sessionsEvents } from './contracts/sessions';
import { runsCommands, runsEvents } from './contracts/runs';
import { alarmsCommands, alarmsEvents } from './contracts/alarms';
import { scenariosCommands, scenariosEvents } from './contracts/scenarios';
import type { Transport } from './contracts/app';

/** Every command the renderer may send to the core: name → request schema and response type. */
export const commands = {
  ...appCommands,
  ...boardCommands,
  ...linksCommands,
  ...telemetryCommands,
  ...framesCommands,
  ...filesCommands,
  ...memoryCommands,
  ...serialCommands,
  ...hostCommands,
  ...mqttCommands,
  ...sessionsCommands,
  ...runsCommands,
  ...alarmsCommands,
  ...scenariosCommands,
};

/** Every event the core may push to the renderer: name → payload type. */
export const events = {
  ...appEvents,
  ...boardEvents,
  ...linksEvents,
  ...telemetryEvents,
  ...framesEvents,
  ...filesEvents,
  ...memoryEvents,
  ...serialEvents,
  ...mqttEvents,
  ...sessionsEvents,
  ...runsEvents,
  ...alarmsEvents,
  ...scenariosEvents,
};

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type Events = typeof events;
export type EventName = keyof Events;

/** What the renderer passes for command K (defaults not yet applied). */
export type RequestOf<K extends CommandName> = z.input<Commands[K]['request']>;
/** What the handler of command K receives after validation. */
export type ParsedRequestOf<K extends CommandName> = z.output<Commands[K]['request']>;
/** What command K answers with. */
export type ResponseOf<K extends CommandName> =
  Commands[K] extends CommandSpec<z.ZodType, infer R> ? R : never;
/** The payload of event E. */
export type PayloadOf<E extends EventName> = Events[E] extends EventSpec<infer P> ? P : never;

/** True when `name` is a command of the contract (guards raw strings from a transport). */
export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
}

/** True when `name` is an event of the contract. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** The typed API the renderer sees, whatever the transport. */
export interface BenchApi {
  readonly transport: Transport;
  invoke<K extends CommandName>(name: K, request: RequestOf<K>): Promise<Result<ResponseOf<K>>>;
  on<E extends EventName>(name: E, listener: (payload: PayloadOf<E>) => void): () => void;
}

/** The untyped surface a transport offers (what the preload exposes as `window.bench`). */
export interface RawBridge {
  readonly transport: Transport;
  invoke(name: string, request: unknown): Promise<unknown>;
  on(name: string, listener: (payload: unknown) => void): () => void;
}

/**
 * Electron IPC channel names, the only three the preload opens: invokes, events, and the page's subscriptions (the
 * names of the events it listens to, sent whole whenever they change, so an event crosses only while a page listens).
 */
export const IPC_INVOKE = 'bench:invoke';
export const IPC_EVENT = 'bench:event';
export const IPC_SUBSCRIBE = 'bench:subscribe';
/** Path of the browser-mode bridge WebSocket on the web server. */
export const WEB_BRIDGE_PATH = '/bridge';

/** Browser-mode wire messages (JSON over one WebSocket). */
export type WebClientMessage =
  | { readonly t: 'invoke'; readonly id: number; readonly name: string; readonly request: unknown }
  | { readonly t: 'sub'; readonly name: string }
  | { readonly t: 'unsub'; readonly name: string };

export type WebServerMessage =
  | { readonly t: 'result'; readonly id: number; readonly result: Result<unknown> }
  | { readonly t: 'event'; readonly name: string; readonly payload: unknown };
