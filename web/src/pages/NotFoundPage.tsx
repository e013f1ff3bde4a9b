import { PageHeading } from "../components/PageHeading";

export function NotFoundPage() {
  return (
    <section className="card">
      <PageHeading>Page not found</PageHeading>
      <p>
        This address does not match a page. <a href="#/">Go to the start page</a>.
      </p>
    </section>
  );
}
