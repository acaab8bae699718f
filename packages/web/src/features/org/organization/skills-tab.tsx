import { ActionIcon, Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconArchive, IconArchiveOff, IconCertificate, IconPencil, IconPlus } from '@tabler/icons-react'
import { Fragment, useState } from 'react'
import { useSetSkillArchived, useSkills } from '../../../api/org-skills.ts'
import type { Skill } from '../../../api/types.ts'
import { ConfirmModal } from '../../../ui/confirm-modal.tsx'
import { AnchorLink } from '../../../ui/links.tsx'
import { Empty } from '../../../ui/query-states.tsx'
import { byCategory } from '../skills.ts'
import { SkillModal } from './skill-modal.tsx'
import { StructureList } from './structure-list.tsx'

type Editing = { skill: Skill | null } | null

/** The skills catalogue by category, with how many people hold each skill. */
export function SkillsTab(props: { canManage: boolean }) {
  const [showArchived, setShowArchived] = useState(false)
  const skills = useSkills({ includeArchived: showArchived })
  const [editing, setEditing] = useState<Editing>(null)
  const groups = byCategory(skills.data ?? [])
  const categories = [...new Set((skills.data ?? []).flatMap((s) => (s.category ? [s.category] : [])))].sort()
  const columns = props.canManage ? 3 : 2
  const create = () => {
    setEditing({ skill: null })
  }

  return (
    <>
      <StructureList
        showArchived={showArchived}
        onShowArchived={setShowArchived}
        createLabel={props.canManage ? 'New skill' : null}
        onCreate={create}
        query={skills}
      >
        {groups.length === 0 ? (
          <Empty
            icon={<IconCertificate size={28} />}
            title="No skills yet"
            description="Skills are what people can do, such as Spanish or Accounting. People record their level from 1 (basic) to 5 (expert), and colleagues find them by it."
            action={
              props.canManage ? (
                <Button leftSection={<IconPlus size={18} />} onClick={create}>
                  Add the first skill
                </Button>
              ) : null
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table aria-label="Skills">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Skill</Table.Th>
                  <Table.Th ta="right">People</Table.Th>
                  {props.canManage ? (
                    <Table.Th w={110}>
                      <span className="sr-only">Actions</span>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.map((g) => (
                  <Fragment key={g.category}>
                    <Table.Tr bg="var(--mantine-color-default-hover)">
                      <Table.Th colSpan={columns} scope="colgroup">
                        <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                          {g.category}
                        </Text>
                      </Table.Th>
                    </Table.Tr>
                    {g.items.map((s) => (
                      <Table.Tr key={s.id} style={{ opacity: s.archived ? 0.6 : 1 }}>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <AnchorLink to="/people" search={{ skill: s.id }} fw={500} size="sm">
                              {s.name}
                            </AnchorLink>
                            {s.archived ? (
                              <Badge variant="light" color="gray" size="sm">
                                Archived
                              </Badge>
                            ) : null}
                          </Group>
                        </Table.Td>
                        <Table.Td ta="right">{s.people}</Table.Td>
                        {props.canManage ? (
                          <Table.Td>
                            <SkillActions
                              skill={s}
                              onEdit={() => {
                                setEditing({ skill: s })
                              }}
                            />
                          </Table.Td>
                        ) : null}
                      </Table.Tr>
                    ))}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </StructureList>
      {props.canManage ? (
        <SkillModal
          opened={editing !== null}
          skill={editing?.skill ?? null}
          categories={categories}
          onClose={() => {
            setEditing(null)
          }}
        />
      ) : null}
    </>
  )
}

function SkillActions(props: { skill: Skill; onEdit: () => void }) {
  const { skill } = props
  const setArchived = useSetSkillArchived()
  const [confirming, setConfirming] = useState(false)
  const close = () => {
    setConfirming(false)
    setArchived.reset()
  }
  const run = (archived: boolean) => {
    setArchived.mutate(
      { skill, archived },
      {
        onSuccess: () => {
          close()
          notifications.show({ color: 'teal', message: `${skill.name} was ${archived ? 'archived' : 'restored'}.` })
        },
        onError: (err) => {
          if (!archived) notifications.show({ color: 'red', title: 'Not restored', message: err.message })
        },
      },
    )
  }

  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      {skill.archived ? (
        <Tooltip label="Restore">
          <ActionIcon
            variant="subtle"
            color="teal"
            aria-label={`Restore ${skill.name}`}
            loading={setArchived.isPending}
            onClick={() => {
              run(false)
            }}
          >
            <IconArchiveOff size={16} />
          </ActionIcon>
        </Tooltip>
      ) : (
        <>
          <Tooltip label="Edit">
            <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${skill.name}`} onClick={props.onEdit}>
              <IconPencil size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Archive">
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Archive ${skill.name}`}
              onClick={() => {
                setConfirming(true)
              }}
            >
              <IconArchive size={16} />
            </ActionIcon>
          </Tooltip>
        </>
      )}
      <ConfirmModal
        opened={confirming}
        onClose={close}
        title={`Archive ${skill.name}?`}
        confirmLabel="Archive"
        loading={setArchived.isPending}
        error={setArchived.error}
        onConfirm={() => {
          run(true)
        }}
      >
        {skill.people > 0
          ? `${skill.people} ${skill.people === 1 ? 'person keeps' : 'people keep'} it on their profile, but nobody can add it any more.`
          : 'Nobody can add it to their profile any more.'}{' '}
        You can restore it later.
      </ConfirmModal>
    </Group>
  )
}
