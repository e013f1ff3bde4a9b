import type { Operation } from "../api/handler";
import { buildOpenApiDocument } from "../api/openapi";

let cached: Record<string, unknown> | undefined;

export const getOpenApi: Operation = async () => {
  cached ??= buildOpenApiDocument();
  return cached;
};
