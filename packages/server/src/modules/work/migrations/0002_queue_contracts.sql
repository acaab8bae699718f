-- The queues an outsourcing firm serves, named per contract: while a contract
-- runs, the firm's external staff see and work the items of its queues and
-- nothing else (work-viewer.ts). Org keeps the contract and its dates; work
-- keeps which of its queues the contract covers, so org never knows what a
-- queue is. A contract that ends leaves its rows: they stop counting with it.
create table work_queue_contract (
  company_id  uuid not null references identity_company (id),
  queue_id    uuid not null,
  contract_id uuid not null,
  primary key (company_id, queue_id, contract_id),
  foreign key (company_id, queue_id) references work_queue (company_id, id) on delete cascade,
  foreign key (company_id, contract_id) references org_firm_contract (company_id, id) on delete cascade
);
create index work_queue_contract_by_contract on work_queue_contract (company_id, contract_id);
