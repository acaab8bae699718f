-- Skills and talents: a company catalogue of skills, each person's level in
-- them (1 basic … 5 expert), and certifications with an expiry date that a
-- daily job reminds the person and their manager of, 30 days ahead. Work
-- assignment by skill reads these.
create table org_skill (
  company_id  uuid not null references identity_company (id),
  id          uuid not null,
  name        text not null check (length(name) between 1 and 120),
  category    text check (length(category) <= 120),
  archived_at timestamptz,
  version     integer not null default 1,
  created_at  timestamptz not null,
  primary key (company_id, id),
  unique (company_id, name)
);

create table org_employee_skill (
  company_id  uuid not null references identity_company (id),
  employee_id uuid not null,
  skill_id    uuid not null,
  level       smallint not null check (level between 1 and 5),
  updated_at  timestamptz not null,
  primary key (company_id, employee_id, skill_id),
  foreign key (company_id, employee_id) references org_employee (company_id, id),
  foreign key (company_id, skill_id) references org_skill (company_id, id)
);
create index org_employee_skill_skill on org_employee_skill (company_id, skill_id, level);

create table org_certification (
  company_id        uuid not null references identity_company (id),
  id                uuid not null,
  employee_id       uuid not null,
  name              text not null check (length(name) between 1 and 200),
  issuer            text check (length(issuer) <= 200),
  issued_date       date,
  expires_date      date,
  -- the expiry date the last reminder was about: renewed (a new date), it reminds again
  reminded_for_date date,
  created_at        timestamptz not null,
  primary key (company_id, id),
  check (expires_date is null or issued_date is null or expires_date >= issued_date),
  foreign key (company_id, employee_id) references org_employee (company_id, id)
);
create index org_certification_expiry on org_certification (company_id, expires_date);
