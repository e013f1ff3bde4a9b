import { useApi } from "../../app-context";
import { listAll, type WorkspaceDto } from "../../api/hubsecure-api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FileTable } from "../../components/FileTable";
import { Loading } from "../../components/PageHeading";
import { useResource } from "../../use-resource";

/** Renders every file of the workspace, with the title of the request it belongs to. */
export function FilesTab({ workspace }: { workspace: WorkspaceDto }) {
  const api = useApi();
  const data = useResource(async () => {
    const [files, requests] = await Promise.all([
      listAll((token) => api.listFiles(workspace.workspaceId, { nextToken: token })),
      listAll((token) => api.listRequests(workspace.workspaceId, { nextToken: token })),
    ]);
    return { files, requestTitles: new Map(requests.map((request) => [request.requestId, request.title])) };
  }, [workspace.workspaceId]);

  return (
    <section className="card" aria-labelledby="files-heading">
      <div className="card-header">
        <h2 id="files-heading">Files</h2>
        <div className="card-header-actions">
          {data.data ? <span className="count">{data.data.files.length} files</span> : null}
          <button type="button" className="button button-secondary button-small" onClick={() => void data.reload()} disabled={data.loading}>
            Refresh
          </button>
        </div>
      </div>
      <ErrorAlert error={data.error} />
      {data.loading && !data.data ? <Loading /> : null}
      {data.data ? (
        <FileTable
          files={data.data.files}
          caption={`Files of ${workspace.name}`}
          requestTitles={data.data.requestTitles}
          emptyText="No files have been uploaded to this workspace yet."
        />
      ) : null}
    </section>
  );
}
