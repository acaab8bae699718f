-- Outgoing e-mail. Every message is recorded here; a job sends it over SMTP,
-- or, with no SMTP configured, it stays in this table as the dev outbox.
create table mail_message (
  company_id   uuid not null,
  id           uuid not null,
  to_address   text not null,
  subject      text not null,
  text_body    text not null,
  html_body    text,
  status       text not null check (status in ('queued', 'sent', 'outbox', 'failed')),
  attempts     integer not null default 0,
  last_error   text,
  created_at   timestamptz not null default now(),
  sent_at      timestamptz,
  primary key (company_id, id)
);
create index mail_message_created on mail_message (company_id, created_at desc, id desc);
