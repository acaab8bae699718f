import { Group, Stack, Tabs } from '@mantine/core'
import {
  IconArrowLeft,
  IconBriefcase,
  IconCalendarTime,
  IconCertificate,
  IconHistory,
  IconLock,
  IconUser,
  IconUserQuestion,
} from '@tabler/icons-react'
import { getRouteApi, useNavigate } from '@tanstack/react-router'
import { isApiError } from '../../../api/client.ts'
import { useEmployee, useMyEmployeeId } from '../../../api/org-people.ts'
import type { Employee } from '../../../api/types.ts'
import { mayActOn, perms, useCan, useSession } from '../../../app/auth.ts'
import { AnchorLink, ButtonLink } from '../../../ui/links.tsx'
import { Empty, ErrorState, LoadingState, NoAccess } from '../../../ui/query-states.tsx'
import { AvailabilityTab } from './availability-tab.tsx'
import { EmploymentTab } from './employment-tab.tsx'
import { OverviewTab } from './overview-tab.tsx'
import { PersonHeader } from './person-header.tsx'
import { SensitiveTab } from './sensitive-tab.tsx'
import { SkillsTab } from './skills-tab.tsx'
import { TimelineTab } from './timeline-tab.tsx'

const route = getRouteApi('/app/people/$employeeId')

export type PersonTab = 'overview' | 'employment' | 'availability' | 'skills' | 'private' | 'timeline'

export function PersonPage() {
  const can = useCan()
  const { employeeId } = route.useParams()
  if (!can(perms.orgDirectoryRead)) return <NoAccess />
  return <Person id={employeeId} />
}

function Person(props: { id: string }) {
  const query = useEmployee(props.id)
  const notFound = isApiError(query.error) && query.error.status === 404

  return (
    <Stack gap="lg">
      <AnchorLink to="/people" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden="true" />
          Back to people
        </Group>
      </AnchorLink>
      {query.isPending ? (
        <LoadingState label="Loading profile…" />
      ) : notFound ? (
        <Empty
          icon={<IconUserQuestion size={28} />}
          title="Person not found"
          description="They may have left the company, or the link is wrong."
          action={<ButtonLink to="/people">Search the directory</ButtonLink>}
        />
      ) : query.isError ? (
        <ErrorState error={query.error} title="Could not load this profile" onRetry={() => void query.refetch()} />
      ) : (
        <Profile employee={query.data.employee} etag={query.data.etag} onReload={() => void query.refetch()} />
      )}
    </Stack>
  )
}

function Profile(props: { employee: Employee; etag: string; onReload: () => void }) {
  const { employee } = props
  const search = route.useSearch()
  const navigate = useNavigate()
  const session = useSession()
  const myId = useMyEmployeeId()
  const isSelf = myId.data === employee.id || employee.employment?.userId === session.user.id
  const working = employee.status !== 'terminated'
  const canManage = working && employee.employment !== null && mayActOn(session, perms.orgEmployeeManage, isSelf)
  // Skills and certifications: the person's own, or within org.employee.manage reach (the server decides).
  const canEditSkills = working && (isSelf || mayActOn(session, perms.orgEmployeeManage, isSelf))
  const tabs: { value: PersonTab; label: string; icon: typeof IconUser }[] = [
    { value: 'overview', label: 'Overview', icon: IconUser },
    ...(employee.employment ? [{ value: 'employment' as const, label: 'Employment', icon: IconBriefcase }] : []),
    ...(working ? [{ value: 'availability' as const, label: 'Availability', icon: IconCalendarTime }] : []),
    { value: 'skills', label: 'Skills', icon: IconCertificate },
    ...(employee.sensitive ? [{ value: 'private' as const, label: 'Private data & salary', icon: IconLock }] : []),
    ...(employee.employment ? [{ value: 'timeline' as const, label: 'Timeline', icon: IconHistory }] : []),
  ]
  const tab = tabs.some((t) => t.value === search.tab) ? (search.tab ?? 'overview') : 'overview'

  return (
    <>
      <PersonHeader employee={employee} etag={props.etag} onReload={props.onReload} />
      <Tabs
        value={tab}
        onChange={(value) => {
          void navigate({
            to: '/people/$employeeId',
            params: { employeeId: employee.id },
            search: value && value !== 'overview' ? { tab: value as PersonTab } : {},
            replace: true,
          })
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value} leftSection={<t.icon size={16} aria-hidden="true" />}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <OverviewTab employee={employee} />
        </Tabs.Panel>
        {employee.employment ? (
          <Tabs.Panel value="employment">
            <EmploymentTab employee={employee} employment={employee.employment} />
          </Tabs.Panel>
        ) : null}
        {working ? (
          <Tabs.Panel value="availability">
            <AvailabilityTab employee={employee} canManage={canManage} />
          </Tabs.Panel>
        ) : null}
        <Tabs.Panel value="skills">
          <SkillsTab employee={employee} canEdit={canEditSkills} />
        </Tabs.Panel>
        {employee.sensitive ? (
          <Tabs.Panel value="private">
            <SensitiveTab employee={employee} sensitive={employee.sensitive} onReload={props.onReload} />
          </Tabs.Panel>
        ) : null}
        {employee.employment ? (
          <Tabs.Panel value="timeline">
            <TimelineTab employee={employee} employment={employee.employment} />
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </>
  )
}
