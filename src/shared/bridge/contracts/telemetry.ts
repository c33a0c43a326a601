// The telemetry feature's part of the bridge contract. Add commands and events here; the handler goes in
// src/main/core/handlers/telemetry.ts.

export const telemetryCommands = {};

export const telemetryEvents = {};
