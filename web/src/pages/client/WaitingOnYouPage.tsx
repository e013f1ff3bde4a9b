import { useApi } from "../../app-context";
import { listAll } from "../../api/hubsecure-api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading, PageHeading } from "../../components/PageHeading";
import { byDueDate, RequestTable } from "../../components/RequestTable";
import { useResource } from "../../use-resource";

/** Open and returned requests assigned to the client, across every workspace they belong to. */
export function WaitingOnYouPage() {
  const api = useApi();
  const waiting = useResource(async () => {
    const [workspaces, requests] = await Promise.all([
      listAll((token) => api.listWorkspaces(token)),
      listAll((token) => api.listWaitingRequests(token)),
    ]);
    return {
      requests: requests.sort(byDueDate),
      workspaceNames: new Map(workspaces.map((workspace) => [workspace.workspaceId, workspace.name])),
    };
  }, []);

  const returned = waiting.data?.requests.filter((request) => request.status === "returned").length ?? 0;

  return (
    <div className="page">
      <PageHeading subtitle="Documents your firm has asked you for, soonest due first.">Waiting on you</PageHeading>
      {returned > 0 ? (
        <p className="alert alert-warning" data-testid="returned-summary">
          {returned === 1 ? "1 request was returned" : `${returned} requests were returned`} with a note from your firm.
          Open {returned === 1 ? "it" : "them"} to see what to fix.
        </p>
      ) : null}
      <section className="card" aria-labelledby="waiting-heading">
        <div className="card-header">
          <h2 id="waiting-heading">Open requests</h2>
          {waiting.data ? <span className="count">{waiting.data.requests.length} waiting</span> : null}
        </div>
        <ErrorAlert error={waiting.error} />
        {waiting.loading && !waiting.data ? <Loading /> : null}
        {waiting.data ? (
          <RequestTable
            requests={waiting.data.requests}
            caption="Requests waiting on you"
            workspaceNames={waiting.data.workspaceNames}
            emptyText="Nothing is waiting on you. Thank you!"
            hideAssignee
          />
        ) : null}
      </section>
    </div>
  );
}
