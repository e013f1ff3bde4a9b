import { useState, type FormEvent } from "react";
import { useApi, useMe } from "../../app-context";
import { listAll, type AddMemberInput, type WorkspaceDto } from "../../api/hubsecure-api";
import { EmailAddress } from "../../components/EmailAddress";
import { ErrorAlert, SuccessNotice } from "../../components/ErrorAlert";
import { EmptyState, Loading } from "../../components/PageHeading";
import { formatDateTime } from "../../files/format";
import { useResource } from "../../use-resource";

type Role = AddMemberInput["role"];

function AddMemberForm({ workspaceId, onAdded }: { workspaceId: string; onAdded: (message: string) => void }) {
  const api = useApi();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("client");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const member = await api.addMember(workspaceId, { email: email.trim(), role });
      setEmail("");
      onAdded(
        member.invited
          ? `Invitation sent to ${member.email}. They will receive a temporary password by e-mail.`
          : `${member.email} was added as ${member.role === "staff" ? "staff" : "a client"}.`,
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="add-member-heading">
      <h2 id="add-member-heading">Add a member</h2>
      <p className="card-intro">People without an account receive an invitation e-mail with a temporary password.</p>
      <form className="form" onSubmit={submit} data-testid="add-member-form">
        <div className="field">
          <label htmlFor="member-email">E-mail address</label>
          <input
            id="member-email"
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="member-role">Role</label>
          <select
            id="member-role"
            value={role}
            aria-describedby="member-role-hint"
            onChange={(event) => setRole(event.target.value as Role)}
          >
            <option value="client">Client</option>
            <option value="staff">Staff</option>
          </select>
          <p id="member-role-hint" className="field-hint">
            Clients upload the requested documents. Staff manage requests and review documents.
          </p>
        </div>
        <ErrorAlert error={error} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Adding…" : "Add member"}
        </button>
      </form>
    </section>
  );
}

/** Renders one action on a member row, which runs `perform` and reports the outcome to the tab. */
function MemberActionButton({ label, busyLabel, accessibleName, testId, perform, onDone, onError }: {
  label: string;
  busyLabel: string;
  accessibleName: string;
  testId: string;
  /** Runs the action and returns the notice to show, or undefined when the person cancelled. */
  perform: () => Promise<string | undefined>;
  onDone: (message: string) => void;
  onError: (error: unknown) => void;
}) {
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      const message = await perform();
      if (message) onDone(message);
    } catch (caught) {
      onError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <button
      type="button"
      className="button button-secondary button-small"
      disabled={busy}
      onClick={() => void run()}
      aria-label={accessibleName}
      data-testid={testId}
    >
      {busy ? busyLabel : label}
    </button>
  );
}

export function MembersTab({ workspace }: { workspace: WorkspaceDto }) {
  const api = useApi();
  const members = useResource(
    () => listAll((token) => api.listMembers(workspace.workspaceId, token)),
    [workspace.workspaceId],
  );
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [actionError, setActionError] = useState<unknown>(undefined);
  const me = useMe();
  const canManage = me.isStaff;
  const showNotice = (message: string) => {
    setActionError(undefined);
    setNotice(message);
  };
  const showError = (error: unknown) => {
    setNotice(undefined);
    setActionError(error);
  };

  return (
    <>
      <SuccessNotice message={notice} />
      <div className="layout-split">
        <section className="card" aria-labelledby="members-heading">
          <h2 id="members-heading">Members</h2>
          <ErrorAlert error={members.error} />
          <ErrorAlert error={actionError} />
          {members.loading && !members.data ? <Loading /> : null}
          {members.data && members.data.length === 0 ? <EmptyState>No members yet.</EmptyState> : null}
          {members.data && members.data.length > 0 ? (
            <div className="table-wrap">
              <table className="table" data-testid="member-table">
                <caption className="visually-hidden">Members of {workspace.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">E-mail</th>
                    <th scope="col">Role</th>
                    <th scope="col">Added</th>
                    {canManage ? (
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {members.data.map((member) => (
                    <tr key={member.userId} data-testid="member-row" data-member-email={member.email}>
                      <td className="cell-strong cell-wrap">
                        <EmailAddress email={member.email} />
                      </td>
                      <td>
                        <span className={`tag tag-role-${member.role}`}>{member.role === "staff" ? "Staff" : "Client"}</span>
                      </td>
                      <td className="cell-nowrap">
                        {formatDateTime(member.addedAt)}
                        <span className="cell-muted">by {member.addedBy.email}</span>
                      </td>
                      {canManage ? (
                        <td className="cell-actions">
                          <div className="row-actions">
                            {member.role === "client" ? (
                              // The API rejects this once the contact has signed in, with a message that explains why.
                              <MemberActionButton
                                label="Resend invitation"
                                busyLabel="Sending…"
                                accessibleName={`Resend the invitation to ${member.email}`}
                                testId="resend-invitation"
                                perform={async () => {
                                  await api.resendInvitation(workspace.workspaceId, member.userId);
                                  return `A new invitation was sent to ${member.email}. Earlier temporary passwords no longer work.`;
                                }}
                                onDone={showNotice}
                                onError={showError}
                              />
                            ) : null}
                            {member.userId === me.userId ? null : (
                              <MemberActionButton
                                label="Remove"
                                busyLabel="Removing…"
                                accessibleName={`Remove ${member.email}`}
                                testId="remove-member"
                                perform={async () => {
                                  // The API ends the member's access with their next request; the account stays for other workspaces.
                                  if (!window.confirm(`Remove ${member.email} from ${workspace.name}? They lose access at once.`)) return undefined;
                                  await api.removeMember(workspace.workspaceId, member.userId);
                                  void members.reload();
                                  return `${member.email} was removed from this workspace.`;
                                }}
                                onDone={showNotice}
                                onError={showError}
                              />
                            )}
                          </div>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
        <AddMemberForm
          workspaceId={workspace.workspaceId}
          onAdded={(message) => {
            setNotice(message);
            void members.reload();
          }}
        />
      </div>
    </>
  );
}
