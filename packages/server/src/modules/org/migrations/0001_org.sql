-- Organization: the company's profile, its structure (locations, departments,
-- teams, positions), its people (employee records) and where each person sits
-- over time (effective-dated placements and compensation).
create extension if not exists pg_trgm;

create table org_company_profile (
  company_id              uuid primary key references identity_company (id),
  legal_name              text not null check (length(legal_name) between 1 and 200),
  registration_id         text check (length(registration_id) <= 100),
  tax_id                  text check (length(tax_id) <= 100),
  functional_currency     char(3) not null check (functional_currency ~ '^[A-Z]{3}$'),
  fiscal_year_start_month smallint not null check (fiscal_year_start_month between 1 and 12),
  time_zone               text not null,
  locale                  text not null,
  -- {line1, line2, postalCode, city, region, countryCode}, validated at the API edge
  registered_address      jsonb not null default '{}',
  postal_address          jsonb,
  logo                    bytea,
  logo_type               text check (logo_type in ('image/png', 'image/jpeg', 'image/webp')),
  version                 integer not null default 1,
  updated_at              timestamptz not null
);

create table org_location (
  company_id  uuid not null references identity_company (id),
  id          uuid not null,
  name        text not null check (length(name) between 1 and 120),
  time_zone   text not null,
  address     jsonb not null default '{}',
  archived_at timestamptz,
  version     integer not null default 1,
  created_at  timestamptz not null,
  primary key (company_id, id),
  unique (company_id, name)
);

create table org_department (
  company_id       uuid not null references identity_company (id),
  id               uuid not null,
  name             text not null check (length(name) between 1 and 120),
  code             text check (length(code) <= 20),
  parent_id        uuid,
  head_employee_id uuid,
  archived_at      timestamptz,
  version          integer not null default 1,
  created_at       timestamptz not null,
  primary key (company_id, id),
  unique (company_id, name),
  foreign key (company_id, parent_id) references org_department (company_id, id)
);

create table org_team (
  company_id       uuid not null references identity_company (id),
  id               uuid not null,
  department_id    uuid not null,
  name             text not null check (length(name) between 1 and 120),
  lead_employee_id uuid,
  archived_at      timestamptz,
  version          integer not null default 1,
  created_at       timestamptz not null,
  primary key (company_id, id),
  unique (company_id, department_id, name),
  foreign key (company_id, department_id) references org_department (company_id, id)
);

create table org_position (
  company_id    uuid not null references identity_company (id),
  id            uuid not null,
  title         text not null check (length(title) between 1 and 120),
  department_id uuid,
  archived_at   timestamptz,
  version       integer not null default 1,
  created_at    timestamptz not null,
  primary key (company_id, id),
  unique (company_id, title),
  foreign key (company_id, department_id) references org_department (company_id, id)
);

create table org_employee (
  company_id          uuid not null references identity_company (id),
  id                  uuid not null,
  -- The person's sign-in here, once they have one (a membership of this company).
  user_id             uuid,
  employee_number     text not null check (length(employee_number) between 1 and 40),
  legal_name          text not null check (length(legal_name) between 1 and 200),
  preferred_name      text check (length(preferred_name) <= 200),
  work_email          text check (length(work_email) <= 254),
  work_phone          text check (length(work_phone) <= 40),
  hire_date           date not null,
  probation_end_date  date,
  status              text not null default 'active' check (status in ('active', 'on_leave', 'terminated')),
  termination_date    date,
  termination_reason  text check (length(termination_reason) <= 500),
  work_schedule       text check (length(work_schedule) <= 200),
  -- Where the person sits today: a copy of the placement in effect
  -- (org_placement, effective on placement_effective_date), kept so that lists,
  -- searches and reach checks need no history lookup. History answers "as of".
  placement_effective_date date not null,
  employment_type     text not null check (employment_type in ('permanent', 'probationary', 'temporary', 'contractor', 'intern')),
  department_id       uuid,
  team_id             uuid,
  position_id         uuid,
  manager_id          uuid,
  location_id         uuid,
  version             integer not null default 1,
  created_at          timestamptz not null,
  updated_at          timestamptz not null,
  search_text         text generated always as (
    lower(legal_name || ' ' || coalesce(preferred_name, '') || ' ' || coalesce(work_email, '') || ' ' || employee_number)
  ) stored,
  primary key (company_id, id),
  unique (company_id, employee_number),
  unique (company_id, user_id),
  check (status <> 'terminated' or termination_date is not null),
  foreign key (company_id, user_id) references identity_membership (company_id, user_id),
  foreign key (company_id, department_id) references org_department (company_id, id),
  foreign key (company_id, team_id) references org_team (company_id, id),
  foreign key (company_id, position_id) references org_position (company_id, id),
  foreign key (company_id, manager_id) references org_employee (company_id, id),
  foreign key (company_id, location_id) references org_location (company_id, id)
);
create index org_employee_search on org_employee using gin (search_text gin_trgm_ops);
create index org_employee_department on org_employee (company_id, department_id);
create index org_employee_team on org_employee (company_id, team_id);
create index org_employee_manager on org_employee (company_id, manager_id);
create index org_employee_name on org_employee (company_id, legal_name, id);

alter table org_department add foreign key (company_id, head_employee_id) references org_employee (company_id, id);
alter table org_team add foreign key (company_id, lead_employee_id) references org_employee (company_id, id);

-- Where a person sits from a date on: never updated, never deleted. A later
-- row for the same date corrects an earlier one (the latest recorded wins).
create table org_placement (
  company_id      uuid not null references identity_company (id),
  id              uuid not null,
  employee_id     uuid not null,
  effective_date  date not null,
  employment_type text not null check (employment_type in ('permanent', 'probationary', 'temporary', 'contractor', 'intern')),
  department_id   uuid,
  team_id         uuid,
  position_id     uuid,
  manager_id      uuid,
  location_id     uuid,
  reason          text check (length(reason) <= 500),
  recorded_at     timestamptz not null,
  recorded_by     uuid,
  primary key (company_id, id),
  foreign key (company_id, employee_id) references org_employee (company_id, id),
  foreign key (company_id, department_id) references org_department (company_id, id),
  foreign key (company_id, team_id) references org_team (company_id, id),
  foreign key (company_id, position_id) references org_position (company_id, id),
  foreign key (company_id, manager_id) references org_employee (company_id, id),
  foreign key (company_id, location_id) references org_location (company_id, id)
);
create index org_placement_employee on org_placement (company_id, employee_id, effective_date desc, recorded_at desc);
create index org_placement_manager on org_placement (company_id, manager_id);

-- Salary from a date on, encrypted (AES-256-GCM under the installation key):
-- the plaintext is {amount, currency, period}. Append-only like placements.
create table org_compensation (
  company_id     uuid not null references identity_company (id),
  id             uuid not null,
  employee_id    uuid not null,
  effective_date date not null,
  sealed         text not null,
  reason         text check (length(reason) <= 500),
  recorded_at    timestamptz not null,
  recorded_by    uuid,
  primary key (company_id, id),
  foreign key (company_id, employee_id) references org_employee (company_id, id)
);
create index org_compensation_employee on org_compensation (company_id, employee_id, effective_date desc, recorded_at desc);

create function org_refuse_change() returns trigger
language plpgsql as $$
begin
  raise exception '% rows are history: they are never changed or deleted', tg_table_name
    using errcode = 'restrict_violation';
end
$$;
create trigger org_placement_append_only before update or delete on org_placement
  for each row execute function org_refuse_change();
create trigger org_compensation_append_only before update or delete on org_compensation
  for each row execute function org_refuse_change();

-- Sensitive personal data (date of birth, national id, home address, bank
-- account, emergency contacts), one encrypted JSON document per person.
create table org_employee_private (
  company_id  uuid not null references identity_company (id),
  employee_id uuid not null,
  sealed      text not null,
  version     integer not null default 1,
  updated_at  timestamptz not null,
  primary key (company_id, employee_id),
  foreign key (company_id, employee_id) references org_employee (company_id, id)
);

create table org_employee_photo (
  company_id   uuid not null references identity_company (id),
  employee_id  uuid not null,
  content      bytea not null,
  content_type text not null check (content_type in ('image/png', 'image/jpeg', 'image/webp')),
  updated_at   timestamptz not null,
  primary key (company_id, employee_id),
  foreign key (company_id, employee_id) references org_employee (company_id, id)
);
