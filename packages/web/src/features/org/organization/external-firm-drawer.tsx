import { ActionIcon, Badge, Button, Card, Drawer, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core'
import { IconFileCertificate, IconPencil, IconPlus, IconUserPlus } from '@tabler/icons-react'
import { useState } from 'react'
import {
  useExternalAccounts,
  useFirmContracts,
  type ExternalAccount,
  type ExternalFirm,
  type FirmContract,
} from '../../../api/org-external.ts'
import { formatDate } from '../../../ui/format.ts'
import { Empty, ErrorState, TableSkeleton } from '../../../ui/query-states.tsx'
import { ExternalAccountActions } from './external-account-actions.tsx'
import { ExternalFirmModal } from './external-firm-modal.tsx'
import { ExternalInviteModal } from './external-invite-modal.tsx'
import { FirmContractModal } from './firm-contract-modal.tsx'

const CONTRACT_COLOR = { running: 'teal', upcoming: 'blue', ended: 'gray' } as const
const ACCOUNT_COLOR = { active: 'teal', expired: 'gray', revoked: 'red' } as const

/** One firm: its details, its contracts with their scope, and its people. */
export function ExternalFirmDrawer(props: { firm: ExternalFirm | null; canManage: boolean; onClose: () => void }) {
  return (
    <Drawer
      opened={props.firm !== null}
      onClose={props.onClose}
      position="right"
      size="xl"
      title={<Title order={3}>{props.firm?.name}</Title>}
    >
      {props.firm ? <FirmDetail firm={props.firm} canManage={props.canManage} /> : null}
    </Drawer>
  )
}

function FirmDetail(props: { firm: ExternalFirm; canManage: boolean }) {
  const { firm, canManage } = props
  const [editing, setEditing] = useState(false)
  const contact = [firm.contactName, firm.contactEmail, firm.contactPhone].filter(Boolean).join(' · ')
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text size="sm">{contact || 'No contact recorded'}</Text>
          <Text size="sm" c="dimmed">
            {[firm.registrationId && `Reg. ${firm.registrationId}`, firm.taxId && `Tax ID ${firm.taxId}`]
              .filter(Boolean)
              .join(' · ') || 'No registration or tax ID recorded'}
          </Text>
          {firm.notes ? (
            <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
              {firm.notes}
            </Text>
          ) : null}
        </Stack>
        {canManage ? (
          <Button
            variant="default"
            leftSection={<IconPencil size={16} />}
            onClick={() => {
              setEditing(true)
            }}
          >
            Edit
          </Button>
        ) : null}
      </Group>
      <Contracts firm={firm} canManage={canManage} />
      <People firm={firm} canManage={canManage} />
      {canManage ? (
        <ExternalFirmModal
          opened={editing}
          firm={firm}
          onClose={() => {
            setEditing(false)
          }}
        />
      ) : null}
    </Stack>
  )
}

function Contracts(props: { firm: ExternalFirm; canManage: boolean }) {
  const contracts = useFirmContracts(props.firm.id)
  const [editing, setEditing] = useState<{ contract: FirmContract | null } | null>(null)
  const add = () => {
    setEditing({ contract: null })
  }
  return (
    <Card withBorder padding={0}>
      <Group p="md" justify="space-between">
        <Title order={4}>Contracts</Title>
        {props.canManage ? (
          <Button size="xs" leftSection={<IconPlus size={16} />} onClick={add}>
            New contract
          </Button>
        ) : null}
      </Group>
      {contracts.isPending ? (
        <TableSkeleton rows={2} />
      ) : contracts.isError ? (
        <ErrorState error={contracts.error} onRetry={() => void contracts.refetch()} />
      ) : contracts.data.length === 0 ? (
        <Empty
          icon={<IconFileCertificate size={28} />}
          title="No contract yet"
          description="A contract says which departments the firm serves and from when to when. Its people can act only while one runs."
        />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Contracts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Reference</Table.Th>
                <Table.Th>Period</Table.Th>
                <Table.Th>Departments served</Table.Th>
                <Table.Th>Status</Table.Th>
                {props.canManage ? (
                  <Table.Th w={50}>
                    <span className="sr-only">Actions</span>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {contracts.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td fw={500}>{c.reference}</Table.Td>
                  <Table.Td>
                    {formatDate(c.startDate)} – {formatDate(c.endDate)}
                  </Table.Td>
                  <Table.Td>{c.departments.map((d) => d.name).join(', ') || '—'}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={CONTRACT_COLOR[c.status]}>
                      {c.status}
                    </Badge>
                  </Table.Td>
                  {props.canManage ? (
                    <Table.Td>
                      <Tooltip label="Edit or renew">
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Edit contract ${c.reference}`}
                          onClick={() => {
                            setEditing({ contract: c })
                          }}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {props.canManage ? (
        <FirmContractModal
          opened={editing !== null}
          firmId={props.firm.id}
          firmName={props.firm.name}
          contract={editing?.contract ?? null}
          onClose={() => {
            setEditing(null)
          }}
        />
      ) : null}
    </Card>
  )
}

function accountState(a: ExternalAccount) {
  if (a.status === 'active' && a.signInStatus === 'invited') return { label: 'invited', color: 'blue' }
  return { label: a.status, color: ACCOUNT_COLOR[a.status] }
}

function People(props: { firm: ExternalFirm; canManage: boolean }) {
  const accounts = useExternalAccounts({ firmId: props.firm.id })
  const [inviting, setInviting] = useState(false)
  const canInvite = props.canManage && !props.firm.archived
  return (
    <Card withBorder padding={0}>
      <Group p="md" justify="space-between">
        <Title order={4}>People</Title>
        {canInvite ? (
          <Button
            size="xs"
            leftSection={<IconUserPlus size={16} />}
            onClick={() => {
              setInviting(true)
            }}
          >
            Invite person
          </Button>
        ) : null}
      </Group>
      {accounts.isPending ? (
        <TableSkeleton rows={2} />
      ) : accounts.isError ? (
        <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : accounts.data.length === 0 ? (
        <Empty
          icon={<IconUserPlus size={28} />}
          title="Nobody from this firm signs in yet"
          description="Invite the firm's people: each gets an e-mail to set a password, and an employee of yours sponsors them."
        />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label="External accounts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Person</Table.Th>
                <Table.Th>Sponsor</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Last reviewed</Table.Th>
                {props.canManage ? (
                  <Table.Th w={50}>
                    <span className="sr-only">Actions</span>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {accounts.data.map((a) => {
                const state = accountState(a)
                return (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {a.displayName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {a.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>{a.sponsor.name}</Table.Td>
                    <Table.Td>
                      <Tooltip label={a.endReason ?? ''} disabled={!a.endReason}>
                        <Badge variant="light" color={state.color}>
                          {state.label}
                        </Badge>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>{a.lastReviewedAt ? formatDate(a.lastReviewedAt) : 'Never'}</Table.Td>
                    {props.canManage ? (
                      <Table.Td>
                        <ExternalAccountActions account={a} />
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canInvite ? (
        <ExternalInviteModal
          opened={inviting}
          firmId={props.firm.id}
          firmName={props.firm.name}
          onClose={() => {
            setInviting(false)
          }}
        />
      ) : null}
    </Card>
  )
}
