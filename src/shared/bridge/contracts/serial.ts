// The serial feature's part of the bridge contract. Add commands and events here; the handler goes in
// src/main/core/handlers/serial.ts.

export const serialCommands = {};

export const serialEvents = {};
