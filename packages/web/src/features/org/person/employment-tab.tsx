import { Badge, Card, Grid, Text, Title } from '@mantine/core'
import type { Employee, Employment } from '../../../api/types.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { formatDate } from '../../../ui/format.ts'
import { AnchorLink } from '../../../ui/links.tsx'
import { employmentTypeLabel, statusLook, todayDate } from '../labels.ts'
import { FactList } from './fact-list.tsx'

export function EmploymentTab(props: { employee: Employee; employment: Employment }) {
  const { employee, employment: e } = props
  const can = useCan()
  const probation =
    e.probationEndDate === null ? null : (
      <Text size="sm" span>
        {formatDate(e.probationEndDate)}
        {e.probationEndDate >= todayDate() ? (
          <Badge ml="xs" size="xs" variant="light" color="yellow">
            In probation
          </Badge>
        ) : null}
      </Text>
    )

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Card withBorder padding="lg" h="100%">
          <Title order={2} fz="md" mb="sm">
            Contract
          </Title>
          <FactList
            facts={[
              [
                'Employee number',
                <Text key="n" size="sm" ff="monospace" span>
                  {e.employeeNumber}
                </Text>,
              ],
              ['Employment type', employmentTypeLabel(e.employmentType)],
              ['Hired on', formatDate(e.hireDate)],
              ['Probation ends', probation],
              ['Work schedule', e.workSchedule],
              [
                'Status',
                <Badge key="s" variant="light" color={statusLook[employee.status].color}>
                  {statusLook[employee.status].label}
                </Badge>,
              ],
              ...(e.terminationDate
                ? ([
                    [employee.status === 'terminated' ? 'Left on' : 'Leaves on', formatDate(e.terminationDate)],
                    ['Reason for leaving', e.terminationReason],
                  ] as [string, string | null][])
                : []),
            ]}
          />
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Card withBorder padding="lg" h="100%">
          <Title order={2} fz="md" mb="sm">
            Placement
          </Title>
          <FactList
            facts={[
              ['Position', employee.position?.name],
              ['Department', employee.department?.name],
              ['Team', employee.team?.name],
              ['Manager', employee.manager?.name],
              ['Location', employee.location?.name],
              ['In this placement since', formatDate(e.placementEffectiveDate)],
              [
                'User account',
                e.userId ? (
                  can(perms.userRead) ? (
                    <AnchorLink to="/users/$userId" params={{ userId: e.userId }} size="sm">
                      Open the user account
                    </AnchorLink>
                  ) : (
                    'Linked'
                  )
                ) : (
                  'None: this person does not sign in to Keel'
                ),
              ],
            ]}
          />
        </Card>
      </Grid.Col>
    </Grid>
  )
}
