import { createApiHandler } from "../shared/api/handler";
import { listAuditEvents } from "../shared/services/audit";

export const handler = createApiHandler("audit", { listAuditEvents });
