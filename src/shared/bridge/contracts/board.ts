// The board feature's part of the bridge contract. Add commands and events here; the handler goes in
// src/main/core/handlers/board.ts.

export const boardCommands = {};

export const boardEvents = {};
