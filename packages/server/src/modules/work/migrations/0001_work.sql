-- Work management, phase 1: the request catalog, queues with members and an
-- assignment strategy, work items with a per-type status workflow, their
-- conversation, watchers, links, time and an append-only history.
--
-- Item lists are keyset-paginated per company (1,000,000 items is the
-- benchmark target): every list filter has an index that starts with
-- company_id and ends with the sort key (created_at desc, id desc), so a page
-- is an index range scan, never a sort of the whole company.

-- A queue: where work of a department or team waits for its members.
-- `key` prefixes item numbers (IT-42); `next_number` is the per-queue
-- sequence, taken with `update … returning` under the row lock, so concurrent
-- submissions never share or skip a number.
create table work_queue (
  company_id                uuid not null references identity_company (id),
  id                        uuid not null,
  key                       text not null check (key ~ '^[A-Z][A-Z0-9]{1,9}$'),
  name                      text not null check (length(name) between 1 and 120),
  department_id             uuid,
  team_id                   uuid,
  strategy                  text not null default 'manual'
                            check (strategy in ('manual', 'round_robin', 'least_loaded', 'by_skill')),
  skill_id                  uuid,
  skill_min_level           smallint check (skill_min_level between 1 and 5),
  -- round robin: whom the queue assigned last, so the next one is after them
  last_assigned_employee_id uuid,
  next_number               bigint not null default 1,
  archived_at               timestamptz,
  version                   integer not null default 1,
  created_at                timestamptz not null,
  primary key (company_id, id),
  unique (company_id, key),
  unique (company_id, name),
  check (strategy <> 'by_skill' or skill_id is not null),
  foreign key (company_id, department_id) references org_department (company_id, id),
  foreign key (company_id, team_id) references org_team (company_id, id),
  foreign key (company_id, skill_id) references org_skill (company_id, id)
);

-- Who works a queue. Membership (not a role) decides who may triage, assign,
-- reply to and resolve the queue's items. External firms will serve queues
-- through their contracts in a table of their own (work_queue_contract), so
-- this table stays about employees.
create table work_queue_member (
  company_id  uuid not null references identity_company (id),
  queue_id    uuid not null,
  employee_id uuid not null,
  added_at    timestamptz not null,
  primary key (company_id, queue_id, employee_id),
  foreign key (company_id, queue_id) references work_queue (company_id, id) on delete cascade,
  foreign key (company_id, employee_id) references org_employee (company_id, id)
);
create index work_queue_member_employee on work_queue_member (company_id, employee_id);

-- A kind of request people may ask for: its intake form (`fields`, typed
-- and validated on submit), its status workflow, where it goes by default and
-- with which priority. Fields and workflow are documents edited as a whole.
create table work_request_type (
  company_id             uuid not null references identity_company (id),
  id                     uuid not null,
  key                    text not null check (key ~ '^[a-z][a-z0-9_]{1,59}$'),
  name                   text not null check (length(name) between 1 and 120),
  description            text not null default '' check (length(description) <= 2000),
  department_id          uuid not null,
  default_queue_id       uuid not null,
  default_priority       smallint not null default 3 check (default_priority between 1 and 4),
  -- assignment by skill: the type's own requirement, else the queue's
  required_skill_id      uuid,
  required_skill_level   smallint check (required_skill_level between 1 and 5),
  fields                 jsonb not null default '[]',
  workflow               jsonb not null,
  archived_at            timestamptz,
  version                integer not null default 1,
  created_at             timestamptz not null,
  primary key (company_id, id),
  unique (company_id, key),
  foreign key (company_id, department_id) references org_department (company_id, id),
  foreign key (company_id, default_queue_id) references work_queue (company_id, id),
  foreign key (company_id, required_skill_id) references org_skill (company_id, id)
);

-- Routing rules of a type, tried in `position` order: the first matching rule
-- that names a queue chooses the queue, the first that names a priority the
-- priority; otherwise the type's defaults apply.
create table work_routing_rule (
  company_id                    uuid not null references identity_company (id),
  type_id                       uuid not null,
  position                      smallint not null,
  when_requester_department_id  uuid,
  when_field_key                text,
  when_field_operator           text check (when_field_operator in ('equals', 'not_equals', 'greater_than', 'less_than', 'contains')),
  when_field_value              text check (length(when_field_value) <= 200),
  then_queue_id                 uuid,
  then_priority                 smallint check (then_priority between 1 and 4),
  primary key (company_id, type_id, position),
  check ((when_field_key is null) = (when_field_operator is null)),
  check (then_queue_id is not null or then_priority is not null),
  foreign key (company_id, type_id) references work_request_type (company_id, id) on delete cascade,
  foreign key (company_id, when_requester_department_id) references org_department (company_id, id),
  foreign key (company_id, then_queue_id) references work_queue (company_id, id)
);

-- A work item. The requester's department and team are copied at submission:
-- reach (a team lead sees their team's requests) is decided on them without a
-- join, and a later transfer does not move old requests. `status_category`
-- (new, open, waiting, resolved, closed) is what SLAs and workload counts
-- will read, whatever a type calls its statuses.
create table work_item (
  company_id               uuid not null references identity_company (id),
  id                       uuid not null,
  number_prefix            text not null,
  number                   bigint not null,
  type_id                  uuid not null,
  queue_id                 uuid not null,
  title                    text not null check (length(title) between 1 and 200),
  requester_user_id        uuid not null,
  requester_employee_id    uuid,
  requester_department_id  uuid,
  requester_team_id        uuid,
  status                   text not null,
  status_category          text not null check (status_category in ('new', 'open', 'waiting', 'resolved', 'closed')),
  priority                 smallint not null check (priority between 1 and 4),
  assignee_employee_id     uuid,
  assignee_user_id         uuid,
  assignment_explanation   text not null default '',
  routing_explanation      text not null default '',
  due_date                 date,
  fields                   jsonb not null default '{}',
  tags                     text[] not null default '{}',
  time_spent_minutes       integer not null default 0,
  parent_item_id           uuid,
  search_text              text not null default '',
  version                  integer not null default 1,
  created_at               timestamptz not null,
  updated_at               timestamptz not null,
  resolved_at              timestamptz,
  closed_at                timestamptz,
  primary key (company_id, id),
  unique (company_id, number_prefix, number),
  check (cardinality(tags) <= 20),
  foreign key (company_id, type_id) references work_request_type (company_id, id),
  foreign key (company_id, queue_id) references work_queue (company_id, id),
  foreign key (company_id, requester_user_id) references identity_membership (company_id, user_id),
  foreign key (company_id, assignee_employee_id) references org_employee (company_id, id),
  foreign key (company_id, parent_item_id) references work_item (company_id, id)
);
-- One index per list filter, each ending in the default sort key.
create index work_item_recent on work_item (company_id, created_at desc, id desc);
create index work_item_queue on work_item (company_id, queue_id, created_at desc, id desc);
create index work_item_queue_open on work_item (company_id, queue_id, status_category, priority, created_at desc, id desc);
create index work_item_assignee on work_item (company_id, assignee_employee_id, status_category, created_at desc, id desc);
create index work_item_assignee_user on work_item (company_id, assignee_user_id, created_at desc, id desc);
create index work_item_requester on work_item (company_id, requester_user_id, created_at desc, id desc);
create index work_item_requester_team on work_item (company_id, requester_team_id, created_at desc, id desc);
create index work_item_requester_department on work_item (company_id, requester_department_id, created_at desc, id desc);
create index work_item_type on work_item (company_id, type_id, created_at desc, id desc);
create index work_item_status on work_item (company_id, status, created_at desc, id desc);
create index work_item_due on work_item (company_id, due_date, id) where due_date is not null;
create index work_item_parent on work_item (company_id, parent_item_id) where parent_item_id is not null;
create index work_item_tags on work_item using gin (tags);

-- Everything that happened to an item, in order. Append-only: the trigger
-- refuses UPDATE and DELETE, so the history is what happened.
create table work_item_event (
  company_id    uuid not null references identity_company (id),
  id            uuid not null,
  item_id       uuid not null,
  kind          text not null,
  actor_user_id uuid,
  data          jsonb not null default '{}',
  summary       text not null,
  at            timestamptz not null,
  primary key (company_id, id),
  foreign key (company_id, item_id) references work_item (company_id, id)
);
create index work_item_event_item on work_item_event (company_id, item_id, id);

create function work_item_event_is_append_only() returns trigger
language plpgsql as $$
begin
  raise exception 'work_item_event is append-only';
end
$$;
create trigger work_item_event_append_only before update or delete on work_item_event
  for each row execute function work_item_event_is_append_only();

-- Internal notes (workers only) and public replies (the requester sees them).
create table work_item_comment (
  company_id     uuid not null references identity_company (id),
  id             uuid not null,
  item_id        uuid not null,
  author_user_id uuid not null,
  visibility     text not null check (visibility in ('internal', 'public')),
  body           text not null check (length(body) between 1 and 20000),
  created_at     timestamptz not null,
  primary key (company_id, id),
  foreign key (company_id, item_id) references work_item (company_id, id),
  foreign key (company_id, author_user_id) references identity_membership (company_id, user_id)
);
create index work_item_comment_item on work_item_comment (company_id, item_id, id);

create table work_item_watcher (
  company_id uuid not null references identity_company (id),
  item_id    uuid not null,
  user_id    uuid not null,
  added_at   timestamptz not null,
  primary key (company_id, item_id, user_id),
  foreign key (company_id, item_id) references work_item (company_id, id),
  foreign key (company_id, user_id) references identity_membership (company_id, user_id)
);
create index work_item_watcher_user on work_item_watcher (company_id, user_id, item_id);

-- Related items, stored once per direction so either side lists its links by index.
create table work_item_link (
  company_id    uuid not null references identity_company (id),
  item_id       uuid not null,
  other_item_id uuid not null,
  created_at    timestamptz not null,
  primary key (company_id, item_id, other_item_id),
  check (item_id <> other_item_id),
  foreign key (company_id, item_id) references work_item (company_id, id),
  foreign key (company_id, other_item_id) references work_item (company_id, id)
);

create table work_time_entry (
  company_id uuid not null references identity_company (id),
  id         uuid not null,
  item_id    uuid not null,
  user_id    uuid not null,
  minutes    integer not null check (minutes between 1 and 1440),
  work_date  date not null,
  note       text not null default '' check (length(note) <= 500),
  created_at timestamptz not null,
  primary key (company_id, id),
  foreign key (company_id, item_id) references work_item (company_id, id),
  foreign key (company_id, user_id) references identity_membership (company_id, user_id)
);
create index work_time_entry_item on work_time_entry (company_id, item_id);

-- Files attached to an intake form: uploaded first (item_id null), then
-- claimed by the submission that names them. Metadata and bytes in one row.
create table work_attachment (
  company_id          uuid not null references identity_company (id),
  id                  uuid not null,
  item_id             uuid,
  field_key           text,
  file_name           text not null check (length(file_name) between 1 and 255),
  content_type        text not null,
  size_bytes          integer not null check (size_bytes between 1 and 10485760),
  sha256              text not null,
  content             bytea not null,
  uploaded_by_user_id uuid not null,
  created_at          timestamptz not null,
  primary key (company_id, id),
  foreign key (company_id, item_id) references work_item (company_id, id),
  foreign key (company_id, uploaded_by_user_id) references identity_membership (company_id, user_id)
);
create index work_attachment_item on work_attachment (company_id, item_id) where item_id is not null;
