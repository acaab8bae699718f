-- Row-level security on company_id, as a backstop behind the company filter
-- that every query already has (see db/tenant-isolation.ts, which applies the
-- policy to every company table after each migration run).
--
-- keel.company_id is set per request, for the transaction, to the actor's
-- company. Unset (sign-in, jobs, migrations, the CLI), every row is visible:
-- those paths scope themselves. Superusers bypass RLS: run Keel as an
-- ordinary role that owns its tables (docs/operations.md).
create function keel_tenant_allows(row_company_id uuid) returns boolean
language sql stable as $$
  select coalesce(nullif(current_setting('keel.company_id', true), ''), row_company_id::text) = row_company_id::text
$$;
