-- The audit trail: append-only, hash-chained per company.
-- hash = sha256(prev_hash || canonical event), so an altered, removed or
-- reordered event breaks the chain at that event (see verify-audit-chain.ts).

create table audit_event (
  company_id   uuid not null,
  seq          bigint not null,
  id           uuid not null,
  occurred_at  timestamptz not null,
  actor_id     uuid,
  actor_kind   text not null check (actor_kind in ('user', 'token', 'system', 'anonymous')),
  action       text not null,
  entity_type  text not null,
  entity_id    text not null,
  changes      jsonb not null,
  request_id   text,
  prev_hash    text not null,
  hash         text not null,
  primary key (company_id, seq),
  unique (company_id, id)
);
create index audit_event_entity on audit_event (company_id, entity_type, entity_id);
create index audit_event_actor on audit_event (company_id, actor_id, seq);
create index audit_event_action on audit_event (company_id, action, seq);

-- The head of each company's chain: locked while appending, so sequence
-- numbers have no gaps and concurrent writers append one after another.
create table audit_chain_head (
  company_id  uuid primary key,
  last_seq    bigint not null,
  last_hash   text not null
);

create function audit_forbid_mutation() returns trigger language plpgsql as $$
begin
  raise exception 'audit events are append-only';
end $$;

create trigger audit_event_append_only before update or delete on audit_event
  for each row execute function audit_forbid_mutation();
