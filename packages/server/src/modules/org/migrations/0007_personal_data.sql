-- Personal-data requests: retention holds that keep records the law requires
-- (payroll, tax, contract) or block erasure altogether (a legal claim), and
-- the record of each erasure carried out.
create table org_retention_hold (
  company_id      uuid not null references identity_company (id),
  id              uuid not null,
  employee_id     uuid not null,
  category        text not null check (category in ('payroll', 'tax', 'contract', 'legal_claim')),
  reason          text not null check (length(reason) between 1 and 500),
  -- null: until released (a legal claim has no end date known in advance)
  held_until_date date,
  placed_by       uuid,
  placed_at       timestamptz not null,
  released_at     timestamptz,
  released_by     uuid,
  primary key (company_id, id),
  foreign key (company_id, employee_id) references org_employee (company_id, id)
);
create index org_retention_hold_employee on org_retention_hold (company_id, employee_id);

-- One row per erased person: when, by whom, and which hold categories kept what.
create table org_personal_data_erasure (
  company_id      uuid not null references identity_company (id),
  employee_id     uuid not null,
  erased_at       timestamptz not null,
  erased_by       uuid,
  kept_categories text[] not null,
  primary key (company_id, employee_id),
  foreign key (company_id, employee_id) references org_employee (company_id, id)
);

-- Placements and compensation are history and stay refused to UPDATE and
-- DELETE, with one narrow exception for erasure (erase-person.ts): inside its
-- transaction it sets keel.erasing_employee to the person's id, and then, for
-- that person only, it may blank the free-text reason of a history row
-- (nothing else in the row may change) and delete compensation rows no
-- retention hold keeps. Everyone else still gets the exception below.
create or replace function org_refuse_change() returns trigger
language plpgsql as $$
begin
  if current_setting('keel.erasing_employee', true) = old.employee_id::text then
    if tg_op = 'DELETE' and tg_table_name = 'org_compensation' then
      return old;
    end if;
    if tg_op = 'UPDATE' and new.reason is null and (to_jsonb(new) - 'reason') = (to_jsonb(old) - 'reason') then
      return new;
    end if;
  end if;
  raise exception '% rows are history: they are never changed or deleted', tg_table_name
    using errcode = 'restrict_violation';
end
$$;
