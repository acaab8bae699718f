-- Intranet: announcements and policies addressed to an audience, what each
-- person has read and acknowledged, and the reminders sent about it.
--
-- An audience is a list of targets: the company, a department (with every
-- department below it), a team or a location, matched against a person's
-- current placement. Acknowledgements and read receipts belong to a user (the
-- one who signed in and read); compliance lists join them to the employees
-- the audience reaches today.
create table intranet_announcement (
  company_id               uuid not null references identity_company (id),
  id                       uuid not null,
  title                    text not null check (length(title) between 1 and 200),
  body                     text not null check (length(body) between 1 and 20000),
  -- invisible to readers before this instant: that is what scheduling means
  publish_at               timestamptz not null,
  expires_at               timestamptz,
  pinned                   boolean not null default false,
  -- pinned stops counting after this instant (null: until unpinned)
  pinned_until             timestamptz,
  requires_acknowledgement boolean not null default false,
  author_user_id           uuid not null references identity_user (id),
  withdrawn_at             timestamptz,
  version                  integer not null default 1,
  created_at               timestamptz not null,
  updated_at               timestamptz not null,
  primary key (company_id, id),
  check (expires_at is null or expires_at > publish_at)
);
create index intranet_announcement_feed on intranet_announcement (company_id, publish_at desc, id desc);

create table intranet_announcement_audience (
  company_id      uuid not null references identity_company (id),
  announcement_id uuid not null,
  position        smallint not null,
  target_kind     text not null check (target_kind in ('company', 'department', 'team', 'location')),
  -- null exactly for the company target; the id is checked against org when saved
  target_id       uuid,
  primary key (company_id, announcement_id, position),
  check ((target_kind = 'company') = (target_id is null)),
  foreign key (company_id, announcement_id) references intranet_announcement (company_id, id) on delete cascade
);

-- One row per person who opened an announcement; acknowledged_at once they confirm it.
create table intranet_announcement_receipt (
  company_id      uuid not null references identity_company (id),
  announcement_id uuid not null,
  user_id         uuid not null references identity_user (id),
  first_read_at   timestamptz not null,
  acknowledged_at timestamptz,
  primary key (company_id, announcement_id, user_id),
  foreign key (company_id, announcement_id) references intranet_announcement (company_id, id)
);

create table intranet_policy (
  company_id         uuid not null references identity_company (id),
  id                 uuid not null,
  title              text not null check (length(title) between 1 and 200),
  category           text check (length(category) <= 120),
  current_version_id uuid,
  archived_at        timestamptz,
  version            integer not null default 1,
  created_at         timestamptz not null,
  updated_at         timestamptz not null,
  primary key (company_id, id),
  unique (company_id, title)
);

create table intranet_policy_audience (
  company_id  uuid not null references identity_company (id),
  policy_id   uuid not null,
  position    smallint not null,
  target_kind text not null check (target_kind in ('company', 'department', 'team', 'location')),
  target_id   uuid,
  primary key (company_id, policy_id, position),
  check ((target_kind = 'company') = (target_id is null)),
  foreign key (company_id, policy_id) references intranet_policy (company_id, id) on delete cascade
);

-- Published versions never change: a correction is a new version, which the
-- audience acknowledges again.
create table intranet_policy_version (
  company_id         uuid not null references identity_company (id),
  id                 uuid not null,
  policy_id          uuid not null,
  version_number     integer not null check (version_number >= 1),
  body               text not null check (length(body) between 1 and 100000),
  summary_of_changes text check (length(summary_of_changes) <= 2000),
  effective_date     date not null,
  published_at       timestamptz not null,
  published_by       uuid not null references identity_user (id),
  primary key (company_id, id),
  unique (company_id, policy_id, version_number),
  foreign key (company_id, policy_id) references intranet_policy (company_id, id)
);

alter table intranet_policy
  add foreign key (company_id, current_version_id) references intranet_policy_version (company_id, id);

create table intranet_policy_acknowledgement (
  company_id        uuid not null references identity_company (id),
  policy_version_id uuid not null,
  user_id           uuid not null references identity_user (id),
  acknowledged_at   timestamptz not null,
  primary key (company_id, policy_version_id, user_id),
  foreign key (company_id, policy_version_id) references intranet_policy_version (company_id, id)
);

-- The last reminder each person got about each item (an announcement or a
-- policy version): the daily job sends again only after the interval.
create table intranet_reminder (
  company_id   uuid not null references identity_company (id),
  item_kind    text not null check (item_kind in ('announcement', 'policy_version')),
  item_id      uuid not null,
  user_id      uuid not null references identity_user (id),
  last_sent_at timestamptz not null,
  times_sent   integer not null default 1,
  primary key (company_id, item_kind, item_id, user_id)
);
