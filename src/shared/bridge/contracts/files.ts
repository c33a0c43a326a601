// The files feature's part of the bridge contract. Add commands and events here; the handler goes in
// src/main/core/handlers/files.ts.

export const filesCommands = {};

export const filesEvents = {};
