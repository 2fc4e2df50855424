/** The dashboard server: a fetch handler (REST, live events, the web board, health, metrics). */
export {
  createHandler,
  type DashboardHandler,
  type HandlerOptions,
  MIN_TOKEN_LENGTH,
  type ServerLogLevel,
} from "./handler.ts";
export { API_PREFIX } from "./kanban_api.ts";
export { cookieName } from "./security.ts";
export * from "./metrics.ts";
export * from "./responses.ts";
