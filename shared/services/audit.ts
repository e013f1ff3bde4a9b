import type { Operation } from "../api/handler";
import { authorizeWorkspace } from "../access/workspace-access";
import { SK_PREFIX, workspacePartition } from "../store/keys";
import { queryPage } from "../store/query";
import { withoutKeys } from "../store/table";
import type { AuditEventDto } from "../api/schemas";

export const listAuditEvents: Operation = async ({ caller }, { params, query }) => {
  await authorizeWorkspace(caller, params.workspaceId, "audit.read");
  return queryPage(
    {
      partition: ["PK", workspacePartition(params.workspaceId)],
      sortKeyPrefix: ["SK", SK_PREFIX.audit],
      limit: query.limit,
      nextToken: query.nextToken,
      newestFirst: true,
    },
    (item) => withoutKeys<AuditEventDto>(item),
  );
};
