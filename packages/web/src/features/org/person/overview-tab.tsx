import { Anchor, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core'
import { IconHierarchy2 } from '@tabler/icons-react'
import { useDirectory } from '../../../api/org-people.ts'
import type { Employee } from '../../../api/types.ts'
import { AnchorLink, ButtonLink } from '../../../ui/links.tsx'
import { ErrorState, LoadingState } from '../../../ui/query-states.tsx'
import { PersonAvatar } from '../person-avatar.tsx'
import { FactList } from './fact-list.tsx'

export function OverviewTab(props: { employee: Employee }) {
  const e = props.employee
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Card withBorder padding="lg" h="100%">
          <Title order={2} fz="md" mb="sm">
            Contact and place
          </Title>
          <FactList
            facts={[
              ['Name', e.name],
              ...(e.name !== e.legalName ? ([['Legal name', e.legalName]] as [string, string][]) : []),
              ['Work e-mail', e.workEmail ? <Anchor href={`mailto:${e.workEmail}`}>{e.workEmail}</Anchor> : null],
              ['Work phone', e.workPhone],
              ['Position', e.position?.name],
              ['Department', e.department?.name],
              ['Team', e.team?.name],
              ['Location', e.location?.name],
            ]}
          />
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Card withBorder padding="lg" h="100%">
          <Group justify="space-between" mb="sm">
            <Title order={2} fz="md">
              Reporting line
            </Title>
            <ButtonLink
              to="/org/chart"
              search={{ focus: e.id }}
              variant="subtle"
              size="xs"
              leftSection={<IconHierarchy2 size={14} />}
            >
              Show in org chart
            </ButtonLink>
          </Group>
          <Stack gap="md">
            <Stack gap={6}>
              <Text size="sm" c="dimmed">
                Manager
              </Text>
              {e.manager ? (
                <PersonLine id={e.manager.id} name={e.manager.name} />
              ) : (
                <Text size="sm">Nobody: {e.name} is at the top of the org chart.</Text>
              )}
            </Stack>
            <DirectReports employee={e} />
          </Stack>
        </Card>
      </Grid.Col>
    </Grid>
  )
}

function PersonLine(props: { id: string; name: string; hasPhoto?: boolean; detail?: string | undefined }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <PersonAvatar id={props.id} name={props.name} hasPhoto={props.hasPhoto ?? false} size={32} />
      <Stack gap={0} style={{ minWidth: 0 }}>
        <AnchorLink to="/people/$employeeId" params={{ employeeId: props.id }} size="sm" fw={500}>
          {props.name}
        </AnchorLink>
        {props.detail ? (
          <Text size="xs" c="dimmed" truncate>
            {props.detail}
          </Text>
        ) : null}
      </Stack>
    </Group>
  )
}

function DirectReports(props: { employee: Employee }) {
  const reports = useDirectory({ managerId: props.employee.id }, { pageSize: 10 })
  const rows = reports.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <Stack gap={6}>
      <Text size="sm" c="dimmed">
        Direct reports
      </Text>
      {reports.isPending ? (
        <LoadingState label="Loading direct reports…" />
      ) : reports.isError ? (
        <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm">Nobody reports to {props.employee.name}.</Text>
      ) : (
        <>
          {rows.map((r) => (
            <PersonLine key={r.id} id={r.id} name={r.name} hasPhoto={r.hasPhoto} detail={r.position?.name} />
          ))}
          {reports.hasNextPage ? (
            <Group>
              <Button
                variant="subtle"
                size="xs"
                onClick={() => void reports.fetchNextPage()}
                loading={reports.isFetchingNextPage}
              >
                Show more
              </Button>
            </Group>
          ) : null}
        </>
      )}
    </Stack>
  )
}
