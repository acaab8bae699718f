import { Alert, Avatar, Badge, Button, Card, Checkbox, Grid, Group, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconAlertTriangle, IconArrowLeft, IconRefresh, IconUserOff, IconUserCheck } from '@tabler/icons-react'
import { getRouteApi } from '@tanstack/react-router'
import { useEffect, useState } from 'react'
import { errorMessage, isApiError } from '../../../api/client.ts'
import { useRoles } from '../../../api/roles.ts'
import type { User } from '../../../api/types.ts'
import { useSetUserActive, useSetUserRoles, useUser } from '../../../api/users.ts'
import { perms, useCan, useSession } from '../../../app/auth.ts'
import { initials } from '../../../app/layout/user-menu.tsx'
import { ConfirmModal } from '../../../ui/confirm-modal.tsx'
import { formatDateTime } from '../../../ui/format.ts'
import { AnchorLink } from '../../../ui/links.tsx'
import { ErrorState, LoadingState, NoAccess } from '../../../ui/query-states.tsx'
import { UserStatusBadge } from './user-status-badge.tsx'

const route = getRouteApi('/app/users/$userId')

export function UserDetailPage() {
  const can = useCan()
  const { userId } = route.useParams()
  if (!can(perms.userRead)) return <NoAccess />
  return <UserDetail userId={userId} />
}

function UserDetail(props: { userId: string }) {
  const query = useUser(props.userId)

  return (
    <Stack gap="lg">
      <AnchorLink to="/users" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden="true" />
          Back to the user list
        </Group>
      </AnchorLink>
      {query.isPending ? (
        <LoadingState label="Loading user…" />
      ) : query.isError ? (
        <ErrorState
          error={query.error}
          title={isApiError(query.error) && query.error.status === 404 ? 'User not found' : 'Could not load this user'}
          onRetry={() => void query.refetch()}
        />
      ) : (
        <UserDetailBody user={query.data.user} etag={query.data.etag} onReload={() => void query.refetch()} />
      )}
    </Stack>
  )
}

function UserDetailBody(props: { user: User; etag: string; onReload: () => void }) {
  const { user } = props
  const can = useCan()
  const session = useSession()
  const isSelf = session.user.id === user.id

  return (
    <>
      <Group gap="md" wrap="nowrap" align="center">
        <Avatar size={56} radius="xl" color="blue" aria-hidden="true">
          {initials(user.displayName)}
        </Avatar>
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="sm">
            <Title order={1} fz={{ base: 22, sm: 26 }}>
              {user.displayName}
            </Title>
            <UserStatusBadge status={user.status} />
            {user.external ? (
              <Badge
                variant="light"
                color="orange"
                title="Staff of an outsourcing firm: access ends with the firm's contract"
              >
                External
              </Badge>
            ) : null}
            {isSelf ? (
              <Badge variant="light" color="grape">
                You
              </Badge>
            ) : null}
          </Group>
          <Text c="dimmed" size="sm" truncate>
            {user.email}
          </Text>
        </Stack>
      </Group>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <RolesCard user={user} etag={props.etag} onReload={props.onReload} canEdit={can(perms.userUpdate)} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Card withBorder padding="lg">
              <Title order={2} fz="md" mb="sm">
                Account
              </Title>
              <Stack gap={6}>
                <Fact label="Status" value={<UserStatusBadge status={user.status} />} />
                <Fact
                  label="Two-factor authentication"
                  value={
                    <Badge variant="light" color={user.mfaEnabled ? 'teal' : 'gray'}>
                      {user.mfaEnabled ? 'On' : 'Off'}
                    </Badge>
                  }
                />
                <Fact label="Added" value={formatDateTime(user.createdAt)} />
              </Stack>
            </Card>
            {can(perms.userDeactivate) && !isSelf ? <ActivationCard user={user} /> : null}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  )
}

function Fact(props: { label: string; value: React.ReactNode }) {
  return (
    <Group justify="space-between" gap="sm">
      <Text size="sm" c="dimmed">
        {props.label}
      </Text>
      <Text size="sm" component="div">
        {props.value}
      </Text>
    </Group>
  )
}

function RolesCard(props: { user: User; etag: string; onReload: () => void; canEdit: boolean }) {
  const roles = useRoles()
  const setRoles = useSetUserRoles(props.user.id)
  const current = props.user.roles.map((r) => r.id)
  const [selected, setSelected] = useState<string[]>(current)
  const currentKey = current.join(',')

  // A reload (or a save) brings new roles from the server.
  useEffect(() => {
    setSelected(currentKey ? currentKey.split(',') : [])
  }, [currentKey])

  const dirty = [...selected].sort().join(',') !== [...current].sort().join(',')
  const stale =
    isApiError(setRoles.error, 'request.stale') || (isApiError(setRoles.error) && setRoles.error.status === 409)

  const save = () => {
    setRoles.mutate(
      { roleIds: selected, etag: props.etag },
      {
        onSuccess: () =>
          notifications.show({ color: 'teal', message: `Roles of ${props.user.displayName} were saved.` }),
      },
    )
  }

  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="md">
          Roles
        </Title>
        {props.canEdit ? null : (
          <Text size="xs" c="dimmed">
            Read-only: you may not change roles
          </Text>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        A user may do what any of their roles allows.
      </Text>

      {stale ? (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          mb="md"
          title="Someone else changed this user"
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">Your changes were not saved. Reload to see the latest version, then try again.</Text>
            <Button
              size="xs"
              variant="light"
              color="orange"
              leftSection={<IconRefresh size={14} />}
              onClick={() => {
                setRoles.reset()
                props.onReload()
              }}
            >
              Reload
            </Button>
          </Stack>
        </Alert>
      ) : setRoles.isError ? (
        <Alert color="red" variant="light" mb="md" role="alert">
          {errorMessage(setRoles.error)}
        </Alert>
      ) : null}

      {roles.isPending ? (
        <LoadingState label="Loading roles…" />
      ) : roles.isError ? (
        <Stack gap="xs">
          {props.user.roles.map((r) => (
            <Badge key={r.id} variant="outline" color="gray" tt="none">
              {r.name}
            </Badge>
          ))}
        </Stack>
      ) : (
        <Checkbox.Group
          value={selected}
          onChange={setSelected}
          label="Assigned roles"
          labelProps={{ className: 'sr-only' }}
        >
          <Stack gap="sm">
            {roles.data.map((r) => (
              <Checkbox
                key={r.id}
                value={r.id}
                disabled={!props.canEdit}
                label={
                  <Group gap={6}>
                    <Text size="sm" fw={500} component="span">
                      {r.name}
                    </Text>
                    {r.builtin ? (
                      <Badge size="xs" variant="light" color="gray">
                        Built-in
                      </Badge>
                    ) : null}
                  </Group>
                }
                description={r.description || undefined}
              />
            ))}
          </Stack>
        </Checkbox.Group>
      )}

      {props.canEdit ? (
        <Group justify="flex-end" mt="lg">
          <Button
            variant="default"
            disabled={!dirty || setRoles.isPending}
            onClick={() => {
              setSelected(current)
            }}
          >
            Undo changes
          </Button>
          <Button disabled={!dirty} loading={setRoles.isPending} onClick={save}>
            Save roles
          </Button>
        </Group>
      ) : null}
    </Card>
  )
}

function ActivationCard(props: { user: User }) {
  const [confirming, setConfirming] = useState(false)
  const setActive = useSetUserActive(props.user.id)
  const deactivated = props.user.status === 'deactivated'
  const close = () => {
    setConfirming(false)
    setActive.reset()
  }

  return (
    <Card withBorder padding="lg">
      <Title order={2} fz="md" mb="xs">
        {deactivated ? 'Reactivate' : 'Deactivate'}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {deactivated
          ? 'Let this user sign in again with their existing roles.'
          : 'Sign this user out everywhere and stop them from signing in. Their history is kept.'}
      </Text>
      <Button
        variant="light"
        color={deactivated ? 'teal' : 'red'}
        leftSection={deactivated ? <IconUserCheck size={16} /> : <IconUserOff size={16} />}
        onClick={() => {
          setConfirming(true)
        }}
      >
        {deactivated ? 'Reactivate user' : 'Deactivate user'}
      </Button>
      <ConfirmModal
        opened={confirming}
        onClose={close}
        title={deactivated ? `Reactivate ${props.user.displayName}?` : `Deactivate ${props.user.displayName}?`}
        confirmLabel={deactivated ? 'Reactivate' : 'Deactivate'}
        color={deactivated ? 'teal' : 'red'}
        loading={setActive.isPending}
        error={setActive.error}
        onConfirm={() => {
          setActive.mutate(deactivated, {
            onSuccess: (res) => {
              close()
              notifications.show({
                color: 'teal',
                message: `${res.data.displayName} was ${deactivated ? 'reactivated' : 'deactivated'}.`,
              })
            },
          })
        }}
      >
        {deactivated
          ? `${props.user.displayName} will be able to sign in again.`
          : `${props.user.displayName} will be signed out of every session and will not be able to sign in until reactivated.`}
      </ConfirmModal>
    </Card>
  )
}
