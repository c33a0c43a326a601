// The memory feature's part of the bridge contract. Add commands and events here; the handler goes in
// src/main/core/handlers/memory.ts.

export const memoryCommands = {};

export const memoryEvents = {};
