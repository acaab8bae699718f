import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core'
import { IconMail, IconMapPin, IconPhone } from '@tabler/icons-react'
import type { DirectoryEntry, Employment } from '../../../api/types.ts'
import { formatDate } from '../../../ui/format.ts'
import { AnchorLink } from '../../../ui/links.tsx'
import { statusLook } from '../labels.ts'
import { PersonAvatar } from '../person-avatar.tsx'

/** One colleague in the directory: who they are, where they sit, how to reach them. */
export function PersonCard(props: { person: DirectoryEntry & { employment?: Employment } }) {
  const p = props.person
  const placement = [p.department?.name, p.team?.name].filter(Boolean).join(' · ')
  return (
    <Card withBorder padding="md" component="article" aria-label={p.name}>
      <Group gap="md" wrap="nowrap" align="flex-start">
        <PersonAvatar id={p.id} name={p.name} hasPhoto={p.hasPhoto} size={52} />
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Group gap={6} wrap="nowrap">
            <AnchorLink to="/people/$employeeId" params={{ employeeId: p.id }} fw={600} truncate>
              {p.name}
            </AnchorLink>
            {p.status !== 'active' ? (
              <Badge size="xs" variant="light" color={statusLook[p.status].color}>
                {statusLook[p.status].label}
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" truncate>
            {p.position?.name ?? (
              <Text span c="dimmed" size="sm">
                No position
              </Text>
            )}
          </Text>
          {placement ? (
            <Text size="xs" c="dimmed" truncate>
              {placement}
            </Text>
          ) : null}
          {p.status === 'terminated' && p.employment?.terminationDate ? (
            <Text size="xs" c="dimmed">
              Left on {formatDate(p.employment.terminationDate)}
            </Text>
          ) : null}
          <Stack gap={2} mt={6}>
            {p.location ? (
              <Group gap={6} wrap="nowrap">
                <IconMapPin size={14} aria-hidden="true" color="var(--mantine-color-dimmed)" />
                <Text size="xs" truncate>
                  {p.location.name}
                </Text>
              </Group>
            ) : null}
            {p.workEmail ? (
              <Group gap={6} wrap="nowrap">
                <IconMail size={14} aria-hidden="true" color="var(--mantine-color-dimmed)" />
                <Anchor href={`mailto:${p.workEmail}`} size="xs" truncate>
                  {p.workEmail}
                </Anchor>
              </Group>
            ) : null}
            {p.workPhone ? (
              <Group gap={6} wrap="nowrap">
                <IconPhone size={14} aria-hidden="true" color="var(--mantine-color-dimmed)" />
                <Anchor href={`tel:${p.workPhone.replace(/\s+/g, '')}`} size="xs" truncate>
                  {p.workPhone}
                </Anchor>
              </Group>
            ) : null}
          </Stack>
        </Stack>
      </Group>
    </Card>
  )
}
