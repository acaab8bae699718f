import { Alert, Anchor, Badge, Button, Card, Group, Menu, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import {
  IconArrowBackUp,
  IconArrowsExchange,
  IconChevronDown,
  IconDoorExit,
  IconInfoCircle,
  IconMail,
  IconMapPin,
  IconPencil,
  IconPhone,
  IconUserCircle,
} from '@tabler/icons-react'
import { useState } from 'react'
import { useCancelTermination, useMyEmployeeId } from '../../../api/org-people.ts'
import type { Employee } from '../../../api/types.ts'
import { mayActOn, perms, useSession } from '../../../app/auth.ts'
import { ConfirmModal } from '../../../ui/confirm-modal.tsx'
import { formatDate } from '../../../ui/format.ts'
import { AnchorLink } from '../../../ui/links.tsx'
import { statusLook } from '../labels.ts'
import { EditRecordModal } from './edit-record-modal.tsx'
import { MoveModal } from './move-modal.tsx'
import { PhotoControl } from './photo-control.tsx'
import { AvailabilityBadge } from './availability-badge.tsx'
import { TerminateModal } from './terminate-modal.tsx'

type Dialog = 'edit' | 'move' | 'terminate' | 'withdraw' | null

export function PersonHeader(props: { employee: Employee; etag: string; onReload: () => void }) {
  const { employee } = props
  const session = useSession()
  const myId = useMyEmployeeId()
  const isSelf = myId.data === employee.id || employee.employment?.userId === session.user.id
  const [dialog, setDialog] = useState<Dialog>(null)
  const withdraw = useCancelTermination(employee.id)
  const close = () => {
    setDialog(null)
    withdraw.reset()
  }
  const employment = employee.employment
  const canManage =
    employment !== null && employee.status !== 'terminated' && mayActOn(session, perms.orgEmployeeManage, isSelf)
  const canPhoto = isSelf || mayActOn(session, perms.orgEmployeeManage, false)
  const placement = [employee.department?.name, employee.team?.name].filter(Boolean).join(' · ')
  const leaving = employment?.terminationDate && employee.status !== 'terminated' ? employment.terminationDate : null

  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" align="flex-start" gap="lg" wrap="wrap">
        <Group gap="lg" wrap="nowrap" align="flex-start" style={{ minWidth: 0, flex: '1 1 420px' }}>
          <PhotoControl employee={employee} canChange={canPhoto} />
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Group gap="sm">
              <Title order={1} fz={{ base: 22, sm: 26 }}>
                {employee.name}
              </Title>
              {employee.status !== 'active' ? (
                <Badge variant="light" color={statusLook[employee.status].color}>
                  {statusLook[employee.status].label}
                </Badge>
              ) : null}
              {isSelf ? (
                <Badge variant="light" color="grape">
                  You
                </Badge>
              ) : null}
            </Group>
            <Text fw={500}>{employee.position?.name ?? 'No position'}</Text>
            {placement ? (
              <Text size="sm" c="dimmed">
                {placement}
              </Text>
            ) : null}
            <Group gap="lg" mt={6} wrap="wrap">
              {employee.status !== 'terminated' ? <AvailabilityBadge employeeId={employee.id} /> : null}
              {employee.manager ? (
                <Group gap={6} wrap="nowrap">
                  <IconUserCircle size={16} aria-hidden="true" color="var(--mantine-color-dimmed)" />
                  <Text size="sm">
                    Reports to{' '}
                    <AnchorLink to="/people/$employeeId" params={{ employeeId: employee.manager.id }}>
                      {employee.manager.name}
                    </AnchorLink>
                  </Text>
                </Group>
              ) : null}
              {employee.location ? (
                <Group gap={6} wrap="nowrap">
                  <IconMapPin size={16} aria-hidden="true" color="var(--mantine-color-dimmed)" />
                  <Text size="sm">{employee.location.name}</Text>
                </Group>
              ) : null}
              {employee.workEmail ? (
                <Group gap={6} wrap="nowrap">
                  <IconMail size={16} aria-hidden="true" color="var(--mantine-color-dimmed)" />
                  <Anchor href={`mailto:${employee.workEmail}`} size="sm">
                    {employee.workEmail}
                  </Anchor>
                </Group>
              ) : null}
              {employee.workPhone ? (
                <Group gap={6} wrap="nowrap">
                  <IconPhone size={16} aria-hidden="true" color="var(--mantine-color-dimmed)" />
                  <Anchor href={`tel:${employee.workPhone.replace(/\s+/g, '')}`} size="sm">
                    {employee.workPhone}
                  </Anchor>
                </Group>
              ) : null}
            </Group>
          </Stack>
        </Group>

        {canManage ? (
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconPencil size={16} />}
              onClick={() => {
                setDialog('edit')
              }}
            >
              Edit record
            </Button>
            <Button
              leftSection={<IconArrowsExchange size={16} />}
              onClick={() => {
                setDialog('move')
              }}
            >
              Move
            </Button>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" px="xs" aria-label="More actions">
                  <IconChevronDown size={16} />
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  color="red"
                  leftSection={<IconDoorExit size={16} />}
                  onClick={() => {
                    setDialog('terminate')
                  }}
                >
                  {leaving ? 'Change leaving date' : 'End employment'}
                </Menu.Item>
                {leaving ? (
                  <Menu.Item
                    leftSection={<IconArrowBackUp size={16} />}
                    onClick={() => {
                      setDialog('withdraw')
                    }}
                  >
                    Withdraw leaving date
                  </Menu.Item>
                ) : null}
              </Menu.Dropdown>
            </Menu>
          </Group>
        ) : null}
      </Group>

      {employee.status === 'terminated' && employment ? (
        <Alert mt="md" variant="light" color="gray" icon={<IconInfoCircle size={18} />}>
          Left on {formatDate(employment.terminationDate)}
          {employment.terminationReason ? `: ${employment.terminationReason}` : ''}. The record is kept read-only.
        </Alert>
      ) : leaving ? (
        <Alert mt="md" variant="light" color="yellow" icon={<IconInfoCircle size={18} />}>
          <Group justify="space-between" gap="sm" wrap="wrap">
            <span>
              Leaves on {formatDate(leaving)}
              {employment?.terminationReason ? `: ${employment.terminationReason}` : ''}.
            </span>
            {canManage ? (
              <Button
                size="compact-sm"
                variant="light"
                color="yellow"
                leftSection={<IconArrowBackUp size={14} />}
                onClick={() => {
                  setDialog('withdraw')
                }}
              >
                Withdraw leaving date
              </Button>
            ) : null}
          </Group>
        </Alert>
      ) : null}

      {employment && canManage ? (
        <>
          <EditRecordModal
            opened={dialog === 'edit'}
            onClose={close}
            employee={employee}
            employment={employment}
            etag={props.etag}
            onReload={props.onReload}
          />
          <MoveModal opened={dialog === 'move'} onClose={close} employee={employee} employment={employment} />
          <ConfirmModal
            opened={dialog === 'withdraw'}
            onClose={close}
            title="Withdraw the leaving date?"
            confirmLabel="Withdraw leaving date"
            color="blue"
            loading={withdraw.isPending}
            error={withdraw.error}
            onConfirm={() => {
              withdraw.mutate(undefined, {
                onSuccess: () => {
                  notifications.show({ color: 'teal', message: `${employee.name} no longer has a leaving date.` })
                  close()
                },
              })
            }}
          >
            {employee.name} stays employed: the leaving date {formatDate(leaving)} and its reason are removed.
          </ConfirmModal>
          <TerminateModal
            opened={dialog === 'terminate'}
            onClose={close}
            employee={employee}
            employment={employment}
            etag={props.etag}
            onReload={props.onReload}
          />
        </>
      ) : null}
    </Card>
  )
}
