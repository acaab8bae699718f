-- Cross-cutting tables owned by the HTTP platform, not by a business module.

-- Idempotency-Key records (RFC draft "The Idempotency-Key HTTP Header Field"):
-- scoped to company + actor, so two users can never see each other's replays.
create table platform_idempotency_key (
  company_id      uuid not null,
  actor_id        uuid not null,
  key             text not null,
  method          text not null,
  path            text not null,
  request_hash    text not null,
  state           text not null check (state in ('in_flight', 'done')),
  response_status integer,
  response_body   text,
  response_type   text,
  created_at      timestamptz not null default now(),
  primary key (company_id, actor_id, key)
);
create index platform_idempotency_key_created on platform_idempotency_key (created_at);
