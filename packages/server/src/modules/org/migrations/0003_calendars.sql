-- Business calendars and availability: working hours per calendar (each
-- location follows one; the company has a default), public holidays,
-- per-person hours and time zone, and absences (periods a person is away,
-- which the leave module will write). One answer — is this person working at
-- this instant, how much working time lies between two instants — serves
-- SLAs, assignment, leave and notifications (business-time.ts).
create table org_calendar (
  company_id   uuid not null references identity_company (id),
  id           uuid not null,
  name         text not null check (length(name) between 1 and 120),
  time_zone    text not null,
  -- seven lists (Monday first) of {from, to} wall-clock intervals
  weekly_hours jsonb not null,
  is_default   boolean not null default false,
  version      integer not null default 1,
  created_at   timestamptz not null,
  primary key (company_id, id),
  unique (company_id, name)
);
create unique index org_calendar_one_default on org_calendar (company_id) where is_default;

create table org_holiday (
  company_id   uuid not null references identity_company (id),
  calendar_id  uuid not null,
  id           uuid not null,
  holiday_date date not null,
  name         text not null check (length(name) between 1 and 200),
  -- the iCalendar UID it was imported from: importing the same file again adds nothing
  source_uid   text check (length(source_uid) <= 300),
  created_at   timestamptz not null,
  primary key (company_id, id),
  unique (company_id, calendar_id, holiday_date),
  foreign key (company_id, calendar_id) references org_calendar (company_id, id) on delete cascade
);

alter table org_location add column calendar_id uuid;
alter table org_location add foreign key (company_id, calendar_id) references org_calendar (company_id, id);

-- A person's own hours and time zone, when they differ from their location's calendar.
alter table org_employee add column time_zone text;
alter table org_employee add column weekly_hours jsonb;

create table org_absence (
  company_id  uuid not null references identity_company (id),
  id          uuid not null,
  employee_id uuid not null,
  starts_at   timestamptz not null,
  ends_at     timestamptz not null,
  reason      text not null check (length(reason) between 1 and 200),
  -- who wrote it: 'org' by hand, 'time' for approved leave, with that record's id
  source      text not null default 'org',
  source_id   uuid,
  created_at  timestamptz not null,
  primary key (company_id, id),
  check (ends_at > starts_at),
  foreign key (company_id, employee_id) references org_employee (company_id, id)
);
create index org_absence_employee on org_absence (company_id, employee_id, starts_at);
