-- External firms and their staff: outsourcing firms, their contracts (what
-- they serve, from when to when), the external accounts linked to a firm and
-- answered for by a sponsor, and periodic access reviews in which each
-- sponsor confirms or revokes the accounts they answer for.
create table org_external_firm (
  company_id      uuid not null references identity_company (id),
  id              uuid not null,
  name            text not null check (length(name) between 1 and 200),
  registration_id text check (length(registration_id) <= 100),
  tax_id          text check (length(tax_id) <= 100),
  contact_name    text check (length(contact_name) <= 200),
  contact_email   text check (length(contact_email) <= 254),
  contact_phone   text check (length(contact_phone) <= 50),
  notes           text check (length(notes) <= 4000),
  archived_at     timestamptz,
  version         integer not null default 1,
  created_at      timestamptz not null,
  primary key (company_id, id)
);
create unique index org_external_firm_name on org_external_firm (company_id, lower(name));

-- A contract runs from start_date to end_date inclusive, in the company's time zone.
create table org_firm_contract (
  company_id uuid not null references identity_company (id),
  id         uuid not null,
  firm_id    uuid not null,
  reference  text not null check (length(reference) between 1 and 100),
  start_date date not null,
  end_date   date not null,
  notes      text check (length(notes) <= 4000),
  version    integer not null default 1,
  created_at timestamptz not null,
  primary key (company_id, id),
  unique (company_id, firm_id, reference),
  check (end_date >= start_date),
  foreign key (company_id, firm_id) references org_external_firm (company_id, id)
);
create index org_firm_contract_dates on org_firm_contract (company_id, firm_id, end_date);

-- The scope of a contract, one table per kind of thing it may cover, each
-- with a real foreign key. Departments (with every department below them) are
-- org's; queues will be the work module's: it adds its own table
-- (contract id, queue id) referencing org_firm_contract, and reads the
-- running contract ids from externalScopeOf(), so org never learns of queues.
create table org_firm_contract_department (
  company_id    uuid not null references identity_company (id),
  contract_id   uuid not null,
  department_id uuid not null,
  primary key (company_id, contract_id, department_id),
  foreign key (company_id, contract_id) references org_firm_contract (company_id, id) on delete cascade,
  foreign key (company_id, department_id) references org_department (company_id, id)
);

-- A user of the company who works for a firm. The membership (identity) is
-- what lets them sign in; this row is why, for whom, and until when.
create table org_external_account (
  company_id          uuid not null references identity_company (id),
  id                  uuid not null,
  user_id             uuid not null,
  firm_id             uuid not null,
  sponsor_employee_id uuid not null,
  status              text not null default 'active' check (status in ('active', 'expired', 'revoked')),
  ended_at            timestamptz,
  end_reason          text check (length(end_reason) <= 1000),
  last_reviewed_at    timestamptz,
  version             integer not null default 1,
  created_at          timestamptz not null,
  primary key (company_id, id),
  unique (company_id, user_id),
  foreign key (company_id, user_id) references identity_membership (company_id, user_id),
  foreign key (company_id, firm_id) references org_external_firm (company_id, id),
  foreign key (company_id, sponsor_employee_id) references org_employee (company_id, id)
);
create index org_external_account_firm on org_external_account (company_id, firm_id, status);
create index org_external_account_sponsor on org_external_account (company_id, sponsor_employee_id);

-- An access review campaign: every external account active when it started,
-- one item each, for its sponsor to confirm or revoke by the due date.
create table org_access_review (
  company_id   uuid not null references identity_company (id),
  id           uuid not null,
  period_start date not null,
  period_end   date not null,
  due_date     date not null,
  started_by   uuid,
  created_at   timestamptz not null,
  closed_at    timestamptz,
  primary key (company_id, id),
  check (period_end >= period_start),
  check (due_date >= period_start)
);
create index org_access_review_created on org_access_review (company_id, created_at desc, id desc);

create table org_access_review_item (
  company_id          uuid not null references identity_company (id),
  id                  uuid not null,
  review_id           uuid not null,
  account_id          uuid not null,
  sponsor_employee_id uuid not null,
  decision            text check (decision in ('confirm', 'revoke')),
  decided_by          uuid,
  decided_at          timestamptz,
  comment             text check (length(comment) <= 1000),
  primary key (company_id, id),
  unique (company_id, review_id, account_id),
  check ((decision is null) = (decided_at is null)),
  foreign key (company_id, review_id) references org_access_review (company_id, id),
  foreign key (company_id, account_id) references org_external_account (company_id, id),
  foreign key (company_id, sponsor_employee_id) references org_employee (company_id, id)
);
create index org_access_review_item_sponsor on org_access_review_item (company_id, sponsor_employee_id, decided_at);
