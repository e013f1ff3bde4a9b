import { isStaffUser, useApi, useMe } from "../../app-context";
import type { WorkspaceDto } from "../../api/hubsecure-api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading, PageHeading } from "../../components/PageHeading";
import { hrefFor, type WorkspaceTab } from "../../routing";
import { useResource } from "../../use-resource";
import { AuditTab } from "../staff/AuditTab";
import { MembersTab } from "../staff/MembersTab";
import { ReviewQueueTab } from "../staff/ReviewQueueTab";
import { FilesTab } from "./FilesTab";
import { RequestsTab } from "./RequestsTab";

const TAB_LABELS: Record<WorkspaceTab, string> = {
  requests: "Requests",
  members: "Members",
  review: "Review queue",
  files: "Files",
  audit: "Audit history",
};

const STAFF_TABS: WorkspaceTab[] = ["requests", "members", "review", "files", "audit"];
const CLIENT_TABS: WorkspaceTab[] = ["requests", "files"];

function TabContent({ tab, workspace }: { tab: WorkspaceTab; workspace: WorkspaceDto }) {
  switch (tab) {
    case "requests":
      return <RequestsTab workspace={workspace} />;
    case "members":
      return <MembersTab workspace={workspace} />;
    case "review":
      return <ReviewQueueTab workspace={workspace} />;
    case "files":
      return <FilesTab workspace={workspace} />;
    case "audit":
      return <AuditTab workspace={workspace} />;
  }
}

/** Renders one workspace: its name, a section navigation and the selected section. */
export function WorkspacePage({ workspaceId, tab }: { workspaceId: string; tab: WorkspaceTab }) {
  const api = useApi();
  const me = useMe();
  const workspace = useResource(() => api.getWorkspace(workspaceId), [workspaceId]);
  const tabs = isStaffUser(me) && workspace.data?.role !== "client" ? STAFF_TABS : CLIENT_TABS;
  const activeTab = tabs.includes(tab) ? tab : "requests";

  if (!workspace.data) {
    return (
      <div className="page">
        <p className="breadcrumb">
          <a href="#/workspaces">Workspaces</a>
        </p>
        {workspace.error ? <ErrorAlert error={workspace.error} title="This workspace could not be opened" /> : <Loading />}
      </div>
    );
  }

  return (
    <div className="page">
      <p className="breadcrumb">
        <a href="#/workspaces">Workspaces</a> <span aria-hidden="true">/</span> {workspace.data.name}
      </p>
      <PageHeading subtitle={`Client: ${workspace.data.clientName}`}>{workspace.data.name}</PageHeading>
      <nav aria-label="Workspace sections" className="tabs">
        <ul>
          {tabs.map((candidate) => (
            <li key={candidate}>
              <a
                href={hrefFor({ page: "workspace", workspaceId, tab: candidate })}
                aria-current={candidate === activeTab ? "page" : undefined}
                data-testid={`tab-${candidate}`}
              >
                {TAB_LABELS[candidate]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="tab-panel">
        <TabContent key={activeTab} tab={activeTab} workspace={workspace.data} />
      </div>
    </div>
  );
}
