// The links feature's part of the bridge contract. Add commands and events here; the handler goes in
// src/main/core/handlers/links.ts.

export const linksCommands = {};

export const linksEvents = {};
