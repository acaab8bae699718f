-- Employee documents: contracts, certificates, identity documents and other
-- papers kept on a person's record. The file itself is sensitive, so it is
-- stored encrypted (AES-256-GCM under the installation key, bound to its row
-- by the associated data), with the SHA-256 of the plaintext to prove that
-- what comes out is what went in. Deleting a document hides it (deleted_at)
-- and keeps the row for the audit trail; erasing a person's data removes the
-- content itself (sealed and sha256 set to null, the text replaced).
create table org_employee_document (
  company_id       uuid not null references identity_company (id),
  id               uuid not null,
  employee_id      uuid not null,
  category         text not null check (category in ('contract', 'certificate', 'identity_document', 'payslip_other', 'other')),
  title            text not null check (length(title) between 1 and 200),
  file_name        text not null check (length(file_name) between 1 and 255),
  content_type     text not null check (length(content_type) <= 100),
  size_bytes       integer not null check (size_bytes > 0),
  sha256           text check (sha256 ~ '^[0-9a-f]{64}$'),
  sealed           bytea,
  valid_until_date date,
  uploaded_by      uuid,
  uploaded_at      timestamptz not null,
  deleted_at       timestamptz,
  deleted_by       uuid,
  erased_at        timestamptz,
  primary key (company_id, id),
  -- the content and its checksum go together: both present, or both erased
  check ((sealed is null) = (sha256 is null)),
  check ((sealed is null) = (erased_at is not null)),
  foreign key (company_id, employee_id) references org_employee (company_id, id)
);
create index org_employee_document_employee on org_employee_document (company_id, employee_id, uploaded_at desc);
