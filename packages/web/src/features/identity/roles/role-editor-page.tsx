import { Alert, Badge, Button, Card, Grid, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { IconAlertTriangle, IconArrowLeft, IconCopy, IconLock, IconTrash } from '@tabler/icons-react'
import { useNavigate, useParams, useSearch } from '@tanstack/react-router'
import { useState } from 'react'
import { isApiError } from '../../../api/client.ts'
import { useCreateRole, useDeleteRole, usePermissionCatalogue, useRoles, useUpdateRole } from '../../../api/roles.ts'
import type { PermissionInfo, Role } from '../../../api/types.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { ConfirmModal } from '../../../ui/confirm-modal.tsx'
import { applyApiError } from '../../../ui/form-errors.ts'
import { AnchorLink, ButtonLink } from '../../../ui/links.tsx'
import { Empty, ErrorState, LoadingState, NoAccess } from '../../../ui/query-states.tsx'
import { PermissionMatrix, type Grants } from './permission-matrix.tsx'

const KEY_RE = /^[a-z][a-z0-9_]{0,62}$/

function keyFromName(name: string): string {
  const k = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 63)
  return k
}

export function RoleEditorPage() {
  const can = useCan()
  const params = useParams({ strict: false })
  const search = useSearch({ strict: false })
  const roles = useRoles()
  const catalogue = usePermissionCatalogue()
  if (!can(perms.roleRead)) return <NoAccess />

  const roleId = params.roleId
  const back = (
    <AnchorLink to="/roles" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden="true" />
        Back to the role list
      </Group>
    </AnchorLink>
  )

  if (roles.isPending || catalogue.isPending)
    return (
      <Stack>
        {back}
        <LoadingState label="Loading role…" />
      </Stack>
    )
  if (roles.isError || catalogue.isError)
    return (
      <Stack>
        {back}
        <ErrorState
          error={roles.error ?? catalogue.error}
          onRetry={() => {
            void roles.refetch()
            void catalogue.refetch()
          }}
        />
      </Stack>
    )

  const role = roleId ? roles.data.find((r) => r.id === roleId) : undefined
  if (roleId && !role)
    return (
      <Stack>
        {back}
        <Empty
          icon={<IconLock size={28} />}
          title="Role not found"
          description="It may have been deleted."
          action={<ButtonLink to="/roles">Show all roles</ButtonLink>}
        />
      </Stack>
    )

  const source = !role && search.from ? roles.data.find((r) => r.id === search.from) : undefined
  return (
    <Stack gap="lg">
      {back}
      <RoleForm
        key={role?.id ?? `new-${source?.id ?? ''}`}
        role={role}
        source={source}
        catalogue={catalogue.data}
        canManage={can(perms.roleManage)}
      />
    </Stack>
  )
}

function RoleForm(props: {
  role: Role | undefined
  source: Role | undefined
  catalogue: PermissionInfo[]
  canManage: boolean
}) {
  const { role, source } = props
  const navigate = useNavigate()
  const create = useCreateRole()
  const update = useUpdateRole()
  const remove = useDeleteRole()
  const [error, setError] = useState<string | null>(null)
  const [stale, setStale] = useState(false)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const readOnly = !props.canManage || (role?.builtin ?? false)
  const isNew = !role

  const base = role ?? source
  const initialGrants: Grants = {}
  for (const p of base?.permissions ?? []) initialGrants[p.permission] = p.reach
  const initialName = role ? role.name : source ? `${source.name} (copy)` : ''

  const [keyTouched, setKeyTouched] = useState(false)
  const form = useForm({
    initialValues: {
      name: initialName,
      key: role ? role.key : keyFromName(initialName),
      description: base?.description ?? '',
      grants: initialGrants,
    },
    validate: {
      name: (v) => (v.trim() ? null : 'Give the role a name'),
      key: (v) =>
        !isNew || KEY_RE.test(v) ? null : 'Lower-case letters, digits and underscores, starting with a letter',
    },
  })

  const permissions = () =>
    Object.entries(form.values.grants)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([permission, reach]) => ({ permission, reach }))

  const submit = form.onSubmit((values) => {
    setError(null)
    setStale(false)
    const onError = (err: unknown) => {
      if (isApiError(err) && err.status === 409 && !isNew) setStale(true)
      else setError(applyApiError(form, err))
    }
    if (isNew) {
      create.mutate(
        {
          key: values.key,
          name: values.name.trim(),
          ...(values.description.trim() ? { description: values.description.trim() } : {}),
          permissions: permissions(),
        },
        {
          onSuccess: (created) => {
            notifications.show({ color: 'teal', message: `Role “${created.name}” was created.` })
            void navigate({ to: '/roles/$roleId', params: { roleId: created.id } })
          },
          onError,
        },
      )
    } else {
      update.mutate(
        {
          id: role.id,
          version: role.version,
          body: { name: values.name.trim(), description: values.description.trim(), permissions: permissions() },
        },
        {
          onSuccess: (saved) => {
            notifications.show({ color: 'teal', message: `Role “${saved.name}” was saved.` })
            form.resetDirty()
          },
          onError,
        },
      )
    }
  })

  const title = isNew ? (source ? `Duplicate “${source.name}”` : 'New role') : role.name

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={1} fz={{ base: 22, sm: 26 }}>
                {title}
              </Title>
              {role?.builtin ? (
                <Badge variant="light" color="gray">
                  Built-in
                </Badge>
              ) : role ? (
                <Badge variant="light" color="violet">
                  Custom
                </Badge>
              ) : null}
            </Group>
            {role ? (
              <Text size="sm" c="dimmed">
                {role.memberCount === 1 ? '1 user has' : `${role.memberCount} users have`} this role.
              </Text>
            ) : null}
          </Stack>
          <Group gap="sm">
            {role && props.canManage ? (
              <ButtonLink
                variant="default"
                to="/roles/new"
                search={{ from: role.id }}
                leftSection={<IconCopy size={16} />}
              >
                Duplicate as custom role
              </ButtonLink>
            ) : null}
            {role && !role.builtin && props.canManage ? (
              <Button
                variant="light"
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={() => {
                  setConfirmDelete(true)
                }}
              >
                Delete
              </Button>
            ) : null}
          </Group>
        </Group>

        {role?.builtin ? (
          <Alert variant="light" color="gray" icon={<IconLock size={18} />}>
            Built-in roles come with Keel and cannot be changed.
            {props.canManage ? ' Duplicate this one to make a custom role you can edit.' : ''}
          </Alert>
        ) : !props.canManage ? (
          <Alert variant="light" color="gray" icon={<IconLock size={18} />}>
            You may view roles but not change them.
          </Alert>
        ) : null}

        {stale ? (
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title="Someone else changed this role"
          >
            Your changes were not saved. Reload the page to see the latest version, then make your changes again.
            <Group mt="xs">
              <Button
                size="xs"
                variant="light"
                color="orange"
                onClick={() => {
                  window.location.reload()
                }}
              >
                Reload
              </Button>
            </Group>
          </Alert>
        ) : null}
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}

        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Card withBorder padding="lg">
              <Stack>
                <Title order={2} fz="md">
                  Details
                </Title>
                <TextInput
                  label="Name"
                  required
                  readOnly={readOnly}
                  {...form.getInputProps('name')}
                  onChange={(e) => {
                    const name = e.currentTarget.value
                    form.setFieldValue('name', name)
                    if (isNew && !keyTouched) form.setFieldValue('key', keyFromName(name))
                  }}
                />
                <TextInput
                  label="Key"
                  description={isNew ? 'Used by the API and in exports. Cannot be changed later.' : undefined}
                  required={isNew}
                  readOnly={!isNew}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                  {...form.getInputProps('key')}
                  onChange={(e) => {
                    setKeyTouched(true)
                    form.setFieldValue('key', e.currentTarget.value)
                  }}
                />
                <Textarea
                  label="Description"
                  autosize
                  minRows={3}
                  maxRows={8}
                  readOnly={readOnly}
                  placeholder={readOnly ? undefined : 'Who is this role for?'}
                  {...form.getInputProps('description')}
                />
                {!readOnly ? (
                  <Button type="submit" loading={create.isPending || update.isPending} fullWidth>
                    {isNew ? 'Create role' : 'Save changes'}
                  </Button>
                ) : null}
              </Stack>
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="sm">
              <Group justify="space-between">
                <Title order={2} fz="md">
                  Permissions
                </Title>
                <Text size="sm" c="dimmed">
                  {Object.keys(form.values.grants).length} granted
                </Text>
              </Group>
              <PermissionMatrix
                catalogue={props.catalogue}
                grants={form.values.grants}
                readOnly={readOnly}
                onChange={(g) => {
                  form.setFieldValue('grants', g)
                }}
              />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>

      {role ? (
        <ConfirmModal
          opened={confirmDelete}
          onClose={() => {
            setConfirmDelete(false)
            remove.reset()
          }}
          title={`Delete “${role.name}”?`}
          confirmLabel="Delete role"
          loading={remove.isPending}
          error={remove.error}
          onConfirm={() => {
            remove.mutate(role.id, {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: `Role “${role.name}” was deleted.` })
                void navigate({ to: '/roles' })
              },
            })
          }}
        >
          {role.memberCount > 0
            ? `${role.memberCount} user(s) have this role and will lose the permissions it grants.`
            : 'Nobody has this role. This cannot be undone.'}
        </ConfirmModal>
      ) : null}
    </form>
  )
}
