import { useState } from "react";
import { isStaffUser, useApi, useMe } from "../../app-context";
import { listAll, type WorkspaceDto } from "../../api/hubsecure-api";
import { ErrorAlert, SuccessNotice } from "../../components/ErrorAlert";
import { Loading } from "../../components/PageHeading";
import { byDueDate, RequestTable } from "../../components/RequestTable";
import { useResource } from "../../use-resource";
import { CreateRequestForm } from "../staff/CreateRequestForm";
import { ImportRequestsForm } from "../staff/ImportRequestsForm";

/** Renders the workspace's document requests. Staff also create and import them here. */
export function RequestsTab({ workspace }: { workspace: WorkspaceDto }) {
  const api = useApi();
  const me = useMe();
  const canManage = isStaffUser(me) && workspace.role !== "client";
  const requests = useResource(
    () => listAll((token) => api.listRequests(workspace.workspaceId, { nextToken: token })),
    [workspace.workspaceId],
  );
  const [notice, setNotice] = useState<string | undefined>(undefined);

  const changed = (message: string) => {
    setNotice(message);
    void requests.reload();
  };

  return (
    <>
      <SuccessNotice message={notice} />
      <section className="card" aria-labelledby="requests-heading">
        <div className="card-header">
          <h2 id="requests-heading">Requests</h2>
          {requests.data ? <span className="count">{requests.data.length} in total</span> : null}
        </div>
        <ErrorAlert error={requests.error} />
        {requests.loading && !requests.data ? <Loading /> : null}
        {requests.data ? (
          <RequestTable
            requests={[...requests.data].sort(byDueDate)}
            caption={`Requests of ${workspace.name}`}
            emptyText={canManage ? "No requests yet. Create one or import a request list below." : "No requests yet."}
          />
        ) : null}
      </section>
      {canManage ? (
        <div className="layout-columns">
          <CreateRequestForm workspaceId={workspace.workspaceId} onCreated={(request) => changed(`Request "${request.title}" created.`)} />
          <ImportRequestsForm
            workspaceId={workspace.workspaceId}
            onImported={(count) => changed(`Imported ${count} ${count === 1 ? "request" : "requests"}.`)}
          />
        </div>
      ) : null}
    </>
  );
}
