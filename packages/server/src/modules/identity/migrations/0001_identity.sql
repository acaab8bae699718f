-- Companies (tenants), users, memberships, roles, sessions, tokens.

create table identity_company (
  id          uuid primary key,
  name        text not null check (length(name) between 1 and 200),
  slug        text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  created_at  timestamptz not null default now()
);

-- A user is a person with one login across companies.
create table identity_user (
  id                 uuid primary key,
  email              text not null,
  display_name       text not null,
  password_hash      text,
  status             text not null check (status in ('invited', 'active', 'deactivated')),
  totp_secret_enc    text,
  totp_enabled_at    timestamptz,
  totp_last_step     bigint,             -- the last accepted TOTP time step: a code works once
  password_changed_at timestamptz,
  created_at         timestamptz not null default now(),
  version            integer not null default 1
);
create unique index identity_user_email on identity_user (lower(email));

create table identity_membership (
  company_id  uuid not null references identity_company (id),
  user_id     uuid not null references identity_user (id),
  -- Deactivation is per company: it ends access here, not in the user's other companies.
  status      text not null default 'active' check (status in ('active', 'deactivated')),
  created_at  timestamptz not null default now(),
  version     integer not null default 1,
  primary key (company_id, user_id)
);
create index identity_membership_user on identity_membership (user_id);

create table identity_role (
  company_id   uuid not null references identity_company (id),
  id           uuid not null,
  key          text not null check (key ~ '^[a-z][a-z0-9_]{0,62}$'),
  name         text not null,
  description  text not null default '',
  builtin      boolean not null default false,
  created_at   timestamptz not null default now(),
  version      integer not null default 1,
  primary key (company_id, id),
  unique (company_id, key)
);

-- One row per permission a role grants, with how far it reaches.
create table identity_role_permission (
  company_id  uuid not null,
  role_id     uuid not null,
  permission  text not null,
  reach       text not null check (reach in ('own', 'team', 'department', 'company')),
  primary key (company_id, role_id, permission),
  foreign key (company_id, role_id) references identity_role (company_id, id) on delete cascade
);

create table identity_member_role (
  company_id  uuid not null,
  user_id     uuid not null,
  role_id     uuid not null,
  primary key (company_id, user_id, role_id),
  foreign key (company_id, user_id) references identity_membership (company_id, user_id) on delete cascade,
  foreign key (company_id, role_id) references identity_role (company_id, id)
);

-- Server-side sessions. The cookie carries a random token; only its hash is stored.
create table identity_session (
  token_hash        text primary key,
  id                uuid not null unique,        -- public handle: lists and "sign out that device"

  user_id           uuid not null references identity_user (id),
  active_company_id uuid not null references identity_company (id),
  csrf_token        text not null,
  mfa_pending       boolean not null default false,
  created_at        timestamptz not null,
  last_seen_at      timestamptz not null,
  expires_at        timestamptz not null,
  ip                text,
  user_agent        text,
  revoked_at        timestamptz
);
create index identity_session_user on identity_session (user_id);

create table identity_recovery_code (
  user_id    uuid not null references identity_user (id),
  code_hash  text not null,
  used_at    timestamptz,
  primary key (user_id, code_hash)
);

create table identity_api_token (
  company_id    uuid not null,
  id            uuid not null,
  user_id       uuid not null,
  name          text not null,
  token_hash    text not null unique,
  token_prefix  text not null,
  permissions   text[] not null,
  expires_at    timestamptz not null,
  revoked_at    timestamptz,
  last_used_at  timestamptz,
  created_at    timestamptz not null default now(),
  primary key (company_id, id),
  foreign key (company_id, user_id) references identity_membership (company_id, user_id)
);

create table identity_invitation (
  company_id   uuid not null,
  id           uuid not null,
  user_id      uuid not null references identity_user (id),
  token_hash   text not null unique,
  invited_by   uuid not null references identity_user (id),
  expires_at   timestamptz not null,
  accepted_at  timestamptz,
  created_at   timestamptz not null default now(),
  primary key (company_id, id),
  foreign key (company_id, user_id) references identity_membership (company_id, user_id)
);

create table identity_password_reset (
  token_hash  text primary key,
  user_id     uuid not null references identity_user (id),
  expires_at  timestamptz not null,
  used_at     timestamptz,
  created_at  timestamptz not null default now()
);

-- Failed sign-ins by e-mail and by address, for rate limiting and lockout.
create table identity_login_failure (
  id         uuid primary key,
  email      text not null,
  ip         text not null,
  failed_at  timestamptz not null
);
create index identity_login_failure_email on identity_login_failure (lower(email), failed_at);
create index identity_login_failure_ip on identity_login_failure (ip, failed_at);
