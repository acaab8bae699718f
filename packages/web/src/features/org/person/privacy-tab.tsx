import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconArchive, IconLock, IconPlus, IconShieldCheck, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import {
  useExportPersonalData,
  useReleaseRetentionHold,
  useRetentionHolds,
  type RetentionHold,
} from '../../../api/org-documents.ts'
import type { Employee } from '../../../api/types.ts'
import { ConfirmModal } from '../../../ui/confirm-modal.tsx'
import { formatDate } from '../../../ui/format.ts'
import { Empty, ErrorState, LoadingState } from '../../../ui/query-states.tsx'
import { ErasureModal } from './erasure-modal.tsx'
import { holdCategories, PlaceHoldModal } from './place-hold-modal.tsx'

export interface PrivacyAccess {
  readonly retention: boolean
  readonly export: boolean
  readonly erase: boolean
}

/** Personal-data requests for HR: retention holds, the export archive, erasure of a former employee. */
export function PrivacyTab(props: { employee: Employee; access: PrivacyAccess; onReload: () => void }) {
  return (
    <Stack gap="md">
      {props.access.retention ? <RetentionHolds employee={props.employee} /> : null}
      {props.access.export ? <ExportCard employee={props.employee} /> : null}
      {props.access.erase ? <ErasureCard employee={props.employee} onReload={props.onReload} /> : null}
    </Stack>
  )
}

function HoldStatus(props: { hold: RetentionHold }) {
  if (props.hold.releasedAt) return <Badge color="gray">Released {formatDate(props.hold.releasedAt)}</Badge>
  if (!props.hold.active) return <Badge color="gray">Ran out</Badge>
  return <Badge color={props.hold.category === 'legal_claim' ? 'red' : 'teal'}>Active</Badge>
}

function RetentionHolds(props: { employee: Employee }) {
  const holds = useRetentionHolds(props.employee.id)
  const release = useReleaseRetentionHold(props.employee.id)
  const [placing, setPlacing] = useState(false)
  const [releasing, setReleasing] = useState<RetentionHold | null>(null)
  const closeRelease = () => {
    setReleasing(null)
    release.reset()
  }
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <div>
          <Title order={2} fz="md">
            Retention holds
          </Title>
          <Text size="sm" c="dimmed">
            Records the law requires to be kept survive an erasure; a legal claim blocks erasure until released.
          </Text>
        </div>
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => {
            setPlacing(true)
          }}
        >
          Place hold
        </Button>
      </Group>
      {holds.isPending ? (
        <LoadingState label="Loading holds…" />
      ) : holds.isError ? (
        <ErrorState error={holds.error} onRetry={() => void holds.refetch()} />
      ) : holds.data.length === 0 ? (
        <Empty icon={<IconShieldCheck size={28} />} title="No retention holds" />
      ) : (
        <Table aria-label="Retention holds" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Category</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>Held until</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th w={100}>
                <span className="sr-only">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {holds.data.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {holdCategories.find((c) => c.value === h.category)?.label ?? h.category}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{h.reason}</Text>
                  <Text size="xs" c="dimmed">
                    Placed {formatDate(h.placedAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{h.heldUntilDate ? formatDate(h.heldUntilDate) : 'Until released'}</Text>
                </Table.Td>
                <Table.Td>
                  <HoldStatus hold={h} />
                </Table.Td>
                <Table.Td>
                  {h.releasedAt === null ? (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => {
                        setReleasing(h)
                      }}
                    >
                      Release
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <PlaceHoldModal
        employeeId={props.employee.id}
        opened={placing}
        onClose={() => {
          setPlacing(false)
        }}
      />
      <ConfirmModal
        opened={releasing !== null}
        onClose={closeRelease}
        onConfirm={() => {
          if (!releasing) return
          release.mutate(releasing.id, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: 'The hold was released.' })
              closeRelease()
            },
          })
        }}
        title="Release this hold?"
        confirmLabel="Release hold"
        loading={release.isPending}
        error={release.error}
      >
        The records it kept may then be erased. The release is recorded in the audit trail.
      </ConfirmModal>
    </Card>
  )
}

function ExportCard(props: { employee: Employee }) {
  const exportData = useExportPersonalData(props.employee.id)
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2} fz="md">
            Personal-data export
          </Title>
          <Text size="sm" c="dimmed">
            Everything Keel holds about {props.employee.name}, as a ZIP archive: person.json, the document files and a
            README. The export is recorded in the audit trail.
          </Text>
          {exportData.error ? (
            <Text size="sm" c="red" role="alert">
              {exportData.error.message}
            </Text>
          ) : null}
        </div>
        <Button
          variant="default"
          leftSection={<IconArchive size={16} />}
          loading={exportData.isPending}
          onClick={() => {
            exportData.mutate(undefined, {
              onSuccess: (fileName) => {
                notifications.show({ color: 'teal', message: `${fileName} was downloaded.` })
              },
            })
          }}
        >
          Download archive
        </Button>
      </Group>
    </Card>
  )
}

function ErasureCard(props: { employee: Employee; onReload: () => void }) {
  const [open, setOpen] = useState(false)
  const left = props.employee.status === 'terminated'
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2} fz="md">
            Erasure
          </Title>
          <Text size="sm" c="dimmed">
            {left
              ? 'Anonymises this former employee’s personal data, keeping what retention holds require. Preview first.'
              : 'Only the data of people who have left can be erased, after their last day.'}
          </Text>
        </div>
        <Button
          color="red"
          variant="light"
          leftSection={left ? <IconTrash size={16} /> : <IconLock size={16} />}
          disabled={!left}
          onClick={() => {
            setOpen(true)
          }}
        >
          Preview erasure
        </Button>
      </Group>
      <ErasureModal
        employee={props.employee}
        opened={open}
        onClose={() => {
          setOpen(false)
        }}
        onErased={props.onReload}
      />
    </Card>
  )
}
