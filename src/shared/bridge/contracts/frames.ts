// The frames feature's part of the bridge contract. Add commands and events here; the handler goes in
// src/main/core/handlers/frames.ts.

export const framesCommands = {};

export const framesEvents = {};
