/** Logging: one level vocabulary, one Logger interface; LogTape (loaded lazily) for the gateway. */
export * from "./logger.ts";
export * from "./logtape.ts";
