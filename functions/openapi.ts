import { createApiHandler } from "../shared/api/handler";
import { getOpenApi } from "../shared/services/openapi";

export const handler = createApiHandler("openapi", { getOpenApi });
