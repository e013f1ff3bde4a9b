/**
 * E-mail address that may wrap before the "@" and nowhere else, so a narrow
 * column shows `maria.lopez` over `@northwind.example` instead of splitting
 * the domain. A part wider than its box on its own still breaks (see `.email`).
 */
export function EmailAddress({ email }: { email: string }) {
  const atIndex = email.lastIndexOf("@");
  if (atIndex <= 0) return <span className="email">{email}</span>;
  return (
    <span className="email">
      {email.slice(0, atIndex)}
      <wbr />
      {email.slice(atIndex)}
    </span>
  );
}
