-- Every process keeps signed-in sessions in memory between changes
-- (http/session-cache.ts). A change to anything a session's answer depends on
-- — the session itself, its user, the membership, the member's roles or a
-- role's permissions — notifies `keel_access_changed` when it commits, from
-- whichever process or tool made it (the server, `keel`, psql), and every
-- listening process forgets what it cached.
create function identity_notify_access_changed() returns trigger
language plpgsql as $$
begin
  perform pg_notify('keel_access_changed', '');
  return null;
end
$$;

-- last_seen_at is rewritten once a minute per active session: that alone
-- changes nothing a cached answer holds, so it does not notify.
create trigger identity_session_access_changed
  after update on identity_session
  for each row
  when (old.revoked_at is distinct from new.revoked_at
     or old.user_id is distinct from new.user_id
     or old.active_company_id is distinct from new.active_company_id
     or old.csrf_token is distinct from new.csrf_token
     or old.mfa_pending is distinct from new.mfa_pending
     or old.expires_at is distinct from new.expires_at)
  execute function identity_notify_access_changed();

create trigger identity_session_deleted
  after delete on identity_session
  for each statement execute function identity_notify_access_changed();

create trigger identity_user_access_changed
  after update or delete on identity_user
  for each statement execute function identity_notify_access_changed();

create trigger identity_membership_access_changed
  after update or delete on identity_membership
  for each statement execute function identity_notify_access_changed();

create trigger identity_member_role_access_changed
  after insert or update or delete on identity_member_role
  for each statement execute function identity_notify_access_changed();

create trigger identity_role_permission_access_changed
  after insert or update or delete on identity_role_permission
  for each statement execute function identity_notify_access_changed();
