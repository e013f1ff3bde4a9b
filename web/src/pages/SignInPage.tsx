import { useState, type FormEvent, type ReactNode } from "react";
import type { AuthSession, AuthState } from "../auth/auth-session";
import { ErrorAlert } from "../components/ErrorAlert";
import { PageHeading } from "../components/PageHeading";
import { PASSWORD_POLICY_TEXT, passwordPolicyProblems } from "../auth/password-policy";

function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <main id="main" className="auth-layout">
      <div className="auth-card card">
        <p className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">H</span> HubSecure
        </p>
        <PageHeading>{title}</PageHeading>
        {intro ? <p className="auth-intro">{intro}</p> : null}
        {children}
      </div>
      <p className="auth-footer">Documents are encrypted in transit and at rest and stored in your firm's own account.</p>
    </main>
  );
}

/** Runs a sign-in step, keeping the form busy and showing any error. */
function useStep() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = async (event: FormEvent, step: () => Promise<void>) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await step();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

function PasswordForm({ auth, notice }: { auth: AuthSession; notice?: string }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, run } = useStep();
  return (
    <AuthCard title="Sign in" intro="Use the e-mail address and password from your invitation.">
      {notice ? (
        <p className="alert alert-info" role="status" data-testid="sign-in-notice">
          {notice}
        </p>
      ) : null}
      <form className="form" onSubmit={(event) => run(event, () => auth.signIn(email, password))} data-testid="sign-in-form">
        <div className="field">
          <label htmlFor="sign-in-email">E-mail address</label>
          <input
            id="sign-in-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">Password</label>
          <input
            id="sign-in-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <ErrorAlert error={error} />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </AuthCard>
  );
}

function NewPasswordForm({ auth }: { auth: AuthSession }) {
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const { busy, error, setError, run } = useStep();
  const submit = (event: FormEvent) => {
    const problems = passwordPolicyProblems(password);
    if (problems.length > 0) {
      event.preventDefault();
      setError(new Error(`The new password needs ${problems.join(", ")}.`));
      return;
    }
    if (password !== confirmation) {
      event.preventDefault();
      setError(new Error("The two passwords do not match."));
      return;
    }
    void run(event, () => auth.completeNewPassword(password));
  };
  return (
    <AuthCard
      title="Choose a new password"
      intro="Your account uses a temporary password. Choose your own password to continue."
    >
      <form className="form" onSubmit={submit} data-testid="new-password-form">
        <div className="field">
          <label htmlFor="new-password">New password</label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            required
            aria-describedby="new-password-hint"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <p id="new-password-hint" className="field-hint">
            {PASSWORD_POLICY_TEXT}
          </p>
        </div>
        <div className="field">
          <label htmlFor="confirm-password">Confirm new password</label>
          <input
            id="confirm-password"
            type="password"
            autoComplete="new-password"
            required
            value={confirmation}
            onChange={(event) => setConfirmation(event.target.value)}
          />
        </div>
        <ErrorAlert error={error} />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? "Saving…" : "Set password and sign in"}
        </button>
        <button type="button" className="button button-link" onClick={() => auth.cancelChallenge()}>
          Back to sign-in
        </button>
      </form>
    </AuthCard>
  );
}

function CodeInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <div className="field">
      <label htmlFor="mfa-code">Authentication code</label>
      <input
        id="mfa-code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        aria-describedby="mfa-code-hint"
        value={value}
        onChange={(event) => onChange(event.target.value.replace(/\D/g, ""))}
      />
      <p id="mfa-code-hint" className="field-hint">
        The 6-digit code shown in your authenticator app.
      </p>
    </div>
  );
}

function MfaCodeForm({ auth }: { auth: AuthSession }) {
  const [code, setCode] = useState("");
  const { busy, error, run } = useStep();
  return (
    <AuthCard title="Two-step verification" intro="Enter the code from your authenticator app.">
      <form className="form" onSubmit={(event) => run(event, () => auth.submitMfaCode(code))} data-testid="mfa-form">
        <CodeInput value={code} onChange={setCode} />
        <ErrorAlert error={error} />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? "Verifying…" : "Verify"}
        </button>
        <button type="button" className="button button-link" onClick={() => auth.cancelChallenge()}>
          Back to sign-in
        </button>
      </form>
    </AuthCard>
  );
}

function MfaSetupForm({ auth, secretCode, username }: { auth: AuthSession; secretCode?: string; username: string }) {
  const [code, setCode] = useState("");
  const { busy, error, run } = useStep();
  return (
    <AuthCard
      title="Set up two-step verification"
      intro="Your firm requires an authenticator app. Add this account to the app with the key below, then enter the code it shows."
    >
      <form className="form" onSubmit={(event) => run(event, () => auth.completeMfaSetup(code))} data-testid="mfa-setup-form">
        <div className="field">
          <span className="field-label" id="mfa-secret-label">
            Setup key for {username}
          </span>
          <code className="secret" aria-labelledby="mfa-secret-label" data-testid="mfa-secret">
            {secretCode ?? "unavailable"}
          </code>
        </div>
        <CodeInput value={code} onChange={setCode} />
        <ErrorAlert error={error} />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? "Verifying…" : "Verify and sign in"}
        </button>
        <button type="button" className="button button-link" onClick={() => auth.cancelChallenge()}>
          Back to sign-in
        </button>
      </form>
    </AuthCard>
  );
}

/** Renders the sign-in flow: password, then whichever challenge Cognito returns. */
export function SignInPage({ auth, state }: { auth: AuthSession; state: AuthState }) {
  if (state.status === "challenge") {
    // Keyed by session, so each new challenge starts with empty fields.
    switch (state.challenge) {
      case "NEW_PASSWORD_REQUIRED":
        return <NewPasswordForm key={state.session} auth={auth} />;
      case "SOFTWARE_TOKEN_MFA":
        return <MfaCodeForm key={state.session} auth={auth} />;
      case "MFA_SETUP":
        return (
          <MfaSetupForm key={state.session} auth={auth} username={state.username} secretCode={state.secretCode} />
        );
    }
  }
  return <PasswordForm auth={auth} notice={state.status === "signedOut" ? state.notice : undefined} />;
}
