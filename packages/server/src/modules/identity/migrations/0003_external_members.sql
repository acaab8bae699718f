-- A membership is either the company's own staff or external staff (people
-- of an outsourcing firm). The flag rides along with the session on every
-- request, so the checks external staff need (their firm's contract, their
-- scope) cost nothing for everyone else. Org sets it when it links an
-- account to a firm; the access-change trigger on identity_membership makes
-- every process forget cached sessions when it changes.
alter table identity_membership add column external boolean not null default false;
