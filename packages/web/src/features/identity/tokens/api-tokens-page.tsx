import { Anchor, Badge, Button, Card, Code, Group, Stack, Table, Text, Tooltip } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconBook2, IconKey, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useApiTokens, useRevokeApiToken } from '../../../api/me.ts'
import type { ApiToken } from '../../../api/types.ts'
import { ConfirmModal } from '../../../ui/confirm-modal.tsx'
import { formatDate, fromNow, isPast } from '../../../ui/format.ts'
import { PageHeader } from '../../../ui/page-header.tsx'
import { Empty, ErrorState, TableSkeleton } from '../../../ui/query-states.tsx'
import { CreateTokenModal } from './create-token-modal.tsx'

function tokenState(t: ApiToken): { label: string; color: string } {
  if (t.revokedAt) return { label: 'Revoked', color: 'gray' }
  if (isPast(t.expiresAt)) return { label: 'Expired', color: 'orange' }
  return { label: 'Active', color: 'teal' }
}

export function ApiTokensPage() {
  const tokens = useApiTokens()
  const revoke = useRevokeApiToken()
  const [creating, setCreating] = useState(false)
  const [revoking, setRevoking] = useState<ApiToken | null>(null)

  const createButton = (
    <Button
      leftSection={<IconPlus size={18} />}
      onClick={() => {
        setCreating(true)
      }}
    >
      Create token
    </Button>
  )

  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Personal tokens let scripts and integrations call the Keel API as you, with the permissions you choose. See
            the{' '}
            <Anchor href="/api/docs" target="_blank" rel="noopener" inherit>
              API reference
            </Anchor>{' '}
            for endpoints and examples.
          </>
        }
        actions={createButton}
      />
      <Card withBorder padding={0}>
        {tokens.isPending ? (
          <Stack p="md">
            <TableSkeleton rows={3} />
          </Stack>
        ) : tokens.isError ? (
          <Stack p="md">
            <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
          </Stack>
        ) : tokens.data.items.length === 0 ? (
          <Empty
            icon={<IconKey size={28} />}
            title="No API tokens yet"
            description="Create a token to connect another system to Keel. Each token has its own permissions and expiry, and can be revoked at any time."
            action={
              <Group>
                <Button
                  leftSection={<IconPlus size={18} />}
                  onClick={() => {
                    setCreating(true)
                  }}
                >
                  Create your first token
                </Button>
                <Button
                  component="a"
                  href="/api/docs"
                  target="_blank"
                  rel="noopener"
                  variant="default"
                  leftSection={<IconBook2 size={18} />}
                >
                  Open API reference
                </Button>
              </Group>
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label="API tokens">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Permissions</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th>
                    <span className="sr-only">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.data.items.map((t) => {
                  const state = tokenState(t)
                  return (
                    <Table.Tr key={t.id}>
                      <Table.Td>
                        <Stack gap={2}>
                          <Text size="sm" fw={500}>
                            {t.name}
                          </Text>
                          <Code fz="xs" w="fit-content">
                            {t.tokenPrefix}…
                          </Code>
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={state.color} variant="light">
                          {state.label}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label={t.permissions.join(', ')} multiline w={320} withArrow>
                          <Text size="sm" tabIndex={0} style={{ textDecoration: 'underline dotted' }} w="fit-content">
                            {t.permissions.length === 1 ? '1 permission' : `${t.permissions.length} permissions`}
                          </Text>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{t.lastUsedAt ? fromNow(t.lastUsedAt) : 'Never'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDate(t.expiresAt)}</Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        {state.label === 'Active' ? (
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            onClick={() => {
                              setRevoking(t)
                            }}
                            aria-label={`Revoke ${t.name}`}
                          >
                            Revoke
                          </Button>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  )
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <CreateTokenModal
        opened={creating}
        onClose={() => {
          setCreating(false)
        }}
      />
      <ConfirmModal
        opened={revoking !== null}
        onClose={() => {
          setRevoking(null)
          revoke.reset()
        }}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke token"
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() => {
          if (!revoking) return
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: `Token “${revoking.name}” was revoked.` })
              setRevoking(null)
            },
          })
        }}
      >
        Anything using this token will stop working immediately. This cannot be undone.
      </ConfirmModal>
    </>
  )
}
