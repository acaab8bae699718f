import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { IconCertificate, IconPencil, IconPlus, IconTrash, IconX } from '@tabler/icons-react'
import dayjs from 'dayjs'
import { useState } from 'react'
import { errorMessage, isApiError } from '../../../api/client.ts'
import {
  useAddCertification,
  useCertifications,
  usePersonSkills,
  useRemoveCertification,
  useSetPersonSkills,
} from '../../../api/org-skills.ts'
import type { Certification, Employee, EmployeeSkill } from '../../../api/types.ts'
import { ConfirmModal } from '../../../ui/confirm-modal.tsx'
import { formatDate } from '../../../ui/format.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { Empty, ErrorState, LoadingState } from '../../../ui/query-states.tsx'
import { DateField } from '../date-field.tsx'
import { byCategory, levelLabel, skillLevels } from '../skills.ts'
import { SkillSelect } from '../structure-selects.tsx'

/** A person's skills with their levels, and their certifications (for those who may see them). */
export function SkillsTab(props: { employee: Employee; canEdit: boolean }) {
  return (
    <Stack gap="md">
      <Skills employee={props.employee} canEdit={props.canEdit} />
      <Certifications employee={props.employee} canEdit={props.canEdit} />
    </Stack>
  )
}

function LevelBadge(props: { level: number }) {
  return (
    <Badge variant="light" color={props.level >= 4 ? 'teal' : props.level >= 3 ? 'blue' : 'gray'}>
      {props.level} · {levelLabel(props.level)}
    </Badge>
  )
}

function Skills(props: { employee: Employee; canEdit: boolean }) {
  const skills = usePersonSkills(props.employee.id)
  const [editing, setEditing] = useState(false)
  const name = props.employee.name

  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <div>
          <Title order={2} fz="md">
            Skills
          </Title>
          <Text size="sm" c="dimmed">
            Levels from 1 (basic) to 5 (expert). Colleagues can find people by them in the directory.
          </Text>
        </div>
        {props.canEdit && skills.data ? (
          <Button
            variant="default"
            leftSection={<IconPencil size={16} />}
            onClick={() => {
              setEditing(true)
            }}
          >
            Edit skills
          </Button>
        ) : null}
      </Group>
      {skills.isPending ? (
        <LoadingState label="Loading skills…" />
      ) : skills.isError ? (
        <ErrorState error={skills.error} onRetry={() => void skills.refetch()} />
      ) : skills.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {props.canEdit ? 'No skills recorded yet. Add some with Edit skills.' : `${name} has no skills recorded yet.`}
        </Text>
      ) : (
        <Stack gap="sm">
          {byCategory(skills.data.map((s) => ({ ...s, name: s.skill.name, category: s.skill.category }))).map((g) => (
            <div key={g.category}>
              <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>
                {g.category}
              </Text>
              <Table verticalSpacing={4} aria-label={`Skills: ${g.category}`}>
                <Table.Tbody>
                  {g.items.map((s) => (
                    <Table.Tr key={s.skill.id}>
                      <Table.Td>
                        <Text size="sm">{s.skill.name}</Text>
                      </Table.Td>
                      <Table.Td w={160} ta="right">
                        <LevelBadge level={s.level} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          ))}
        </Stack>
      )}
      {props.canEdit && skills.data ? (
        <Modal
          opened={editing}
          onClose={() => {
            setEditing(false)
          }}
          title={`Skills of ${name}`}
          centered
          size="lg"
        >
          {editing ? (
            <SkillsForm
              employeeId={props.employee.id}
              skills={skills.data}
              onClose={() => {
                setEditing(false)
              }}
            />
          ) : null}
        </Modal>
      ) : null}
    </Card>
  )
}

interface Row {
  skillId: string
  name: string
  level: number
}

function SkillsForm(props: { employeeId: string; skills: EmployeeSkill[]; onClose: () => void }) {
  const save = useSetPersonSkills(props.employeeId)
  const [rows, setRows] = useState<Row[]>(
    props.skills.map((s) => ({ skillId: s.skill.id, name: s.skill.name, level: s.level })),
  )
  const [picked, setPicked] = useState<string | null>(null)

  const submit = () => {
    save.mutate(
      rows.map((r) => ({ skillId: r.skillId, level: r.level })),
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: 'Skills were saved.' })
          props.onClose()
        },
      },
    )
  }

  return (
    <Stack>
      {save.error ? (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(save.error)}
        </Alert>
      ) : null}
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No skills. Add one below.
        </Text>
      ) : (
        <Table verticalSpacing="xs" aria-label="Skills and levels">
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.skillId}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {r.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <SegmentedControl
                    size="xs"
                    aria-label={`Level of ${r.name}`}
                    value={String(r.level)}
                    onChange={(v) => {
                      setRows(rows.map((x) => (x.skillId === r.skillId ? { ...x, level: Number(v) } : x)))
                    }}
                    data={skillLevels.map((l) => ({ value: String(l.value), label: `${l.value} ${l.label}` }))}
                  />
                </Table.Td>
                <Table.Td w={40}>
                  <Tooltip label="Remove">
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove ${r.name}`}
                      onClick={() => {
                        setRows(rows.filter((x) => x.skillId !== r.skillId))
                      }}
                    >
                      <IconX size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <SkillSelect
        label="Add a skill"
        placeholder="Choose a skill"
        description="It is added at level 3; change the level above."
        excludeIds={rows.map((r) => r.skillId)}
        value={picked}
        onChange={(v, option) => {
          setPicked(null)
          if (v) setRows([...rows, { skillId: v, name: option?.label ?? v, level: 3 }])
        }}
      />
      <Group justify="flex-end" mt="xs">
        <Button variant="default" onClick={props.onClose}>
          Cancel
        </Button>
        <Button onClick={submit} loading={save.isPending}>
          Save skills
        </Button>
      </Group>
    </Stack>
  )
}

/** Days from today to a calendar date (negative once it has passed). */
const daysUntil = (date: string) => dayjs(date).startOf('day').diff(dayjs().startOf('day'), 'day')

function ExpiryBadge(props: { expiresDate: string | null }) {
  if (!props.expiresDate) return null
  const days = daysUntil(props.expiresDate)
  if (days < 0)
    return (
      <Badge color="red" variant="filled" size="sm">
        Expired
      </Badge>
    )
  if (days <= 30)
    return (
      <Badge color="orange" variant="light" size="sm">
        {days === 0 ? 'Expires today' : `Expires in ${days} ${days === 1 ? 'day' : 'days'}`}
      </Badge>
    )
  return null
}

function Certifications(props: { employee: Employee; canEdit: boolean }) {
  const certifications = useCertifications(props.employee.id)
  const [adding, setAdding] = useState(false)
  const [removing, setRemoving] = useState<Certification | null>(null)
  const remove = useRemoveCertification(props.employee.id)
  // Only those with reach over the person (and the person themselves) may see them: hide the section otherwise.
  if (isApiError(certifications.error) && certifications.error.status === 403) return null
  const closeRemove = () => {
    setRemoving(null)
    remove.reset()
  }

  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <div>
          <Title order={2} fz="md">
            Certifications
          </Title>
          <Text size="sm" c="dimmed">
            A reminder goes out 30 days before one expires.
          </Text>
        </div>
        {props.canEdit ? (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => {
              setAdding(true)
            }}
          >
            Add certification
          </Button>
        ) : null}
      </Group>
      {certifications.isPending ? (
        <LoadingState label="Loading certifications…" />
      ) : certifications.isError ? (
        <ErrorState error={certifications.error} onRetry={() => void certifications.refetch()} />
      ) : certifications.data.length === 0 ? (
        <Empty icon={<IconCertificate size={28} />} title="No certifications" />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Certifications">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Certification</Table.Th>
                <Table.Th>Issuer</Table.Th>
                <Table.Th>Issued</Table.Th>
                <Table.Th>Expires</Table.Th>
                {props.canEdit ? (
                  <Table.Th w={50}>
                    <span className="sr-only">Actions</span>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {certifications.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {c.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={c.issuer ? 'var(--mantine-color-text)' : 'dimmed'}>
                      {c.issuer ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={c.issuedDate ? 'var(--mantine-color-text)' : 'dimmed'}>
                      {c.issuedDate ? formatDate(c.issuedDate) : '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm" c={c.expiresDate ? 'var(--mantine-color-text)' : 'dimmed'}>
                        {c.expiresDate ? formatDate(c.expiresDate) : 'Does not expire'}
                      </Text>
                      <ExpiryBadge expiresDate={c.expiresDate} />
                    </Group>
                  </Table.Td>
                  {props.canEdit ? (
                    <Table.Td>
                      <Tooltip label="Remove">
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Remove ${c.name}`}
                          onClick={() => {
                            setRemoving(c)
                          }}
                        >
                          <IconTrash size={16} />
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
      {props.canEdit ? (
        <>
          <Modal
            opened={adding}
            onClose={() => {
              setAdding(false)
            }}
            title="Add certification"
            centered
            size="md"
          >
            {adding ? (
              <CertificationForm
                employeeId={props.employee.id}
                onClose={() => {
                  setAdding(false)
                }}
              />
            ) : null}
          </Modal>
          <ConfirmModal
            opened={removing !== null}
            onClose={closeRemove}
            title={`Remove ${removing?.name ?? 'certification'}?`}
            confirmLabel="Remove"
            loading={remove.isPending}
            error={remove.error}
            onConfirm={() => {
              if (removing)
                remove.mutate(removing.id, {
                  onSuccess: () => {
                    notifications.show({ color: 'teal', message: `${removing.name} was removed.` })
                    closeRemove()
                  },
                })
            }}
          >
            It is removed from the profile and no reminder goes out for it.
          </ConfirmModal>
        </>
      ) : null}
    </Card>
  )
}

function CertificationForm(props: { employeeId: string; onClose: () => void }) {
  const add = useAddCertification(props.employeeId)
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: { name: '', issuer: '', issuedDate: null as string | null, expiresDate: null as string | null },
    validate: {
      name: (v) => (v.trim() ? null : 'Name the certification'),
      expiresDate: (v, values) =>
        v && values.issuedDate && v < values.issuedDate ? 'It cannot expire before it was issued' : null,
    },
  })

  const submit = form.onSubmit((v) => {
    setError(null)
    add.mutate(
      { name: v.name.trim(), issuer: v.issuer.trim() || null, issuedDate: v.issuedDate, expiresDate: v.expiresDate },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: `${v.name.trim()} was added.` })
          props.onClose()
        },
        onError: (err) => {
          setError(applyApiError(form, err))
        },
      },
    )
  })

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        <TextInput label="Issuer" placeholder="Optional" {...form.getInputProps('issuer')} />
        <DateField label="Issued" clearable {...form.getInputProps('issuedDate')} />
        <DateField
          label="Expires"
          description="Leave empty if it does not expire"
          clearable
          {...form.getInputProps('expiresDate')}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={add.isPending}>
            Add certification
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
