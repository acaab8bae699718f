import { Group, Stack, Tabs } from '@mantine/core'
import {
  IconArrowLeft,
  IconBriefcase,
  IconCalendarTime,
  IconCertificate,
  IconFileText,
  IconHistory,
  IconLock,
  IconShieldLock,
  IconUser,
  IconUserQuestion,
} from '@tabler/icons-react'
import { getRouteApi, useNavigate } from '@tanstack/react-router'
import { isApiError } from '../../../api/client.ts'
import { dataPerms } from '../../../api/org-documents.ts'
import { useEmployee, useMyEmployeeId } from '../../../api/org-people.ts'
import type { Employee } from '../../../api/types.ts'
import { mayActOn, perms, useCan, useSession } from '../../../app/auth.ts'
import { AnchorLink, ButtonLink } from '../../../ui/links.tsx'
import { Empty, ErrorState, LoadingState, NoAccess } from '../../../ui/query-states.tsx'
import { AvailabilityTab } from './availability-tab.tsx'
import { DocumentsTab } from './documents-tab.tsx'
import { EmploymentTab } from './employment-tab.tsx'
import { OverviewTab } from './overview-tab.tsx'
import { PersonHeader } from './person-header.tsx'
import { PrivacyTab } from './privacy-tab.tsx'
import { SensitiveTab } from './sensitive-tab.tsx'
import { SkillsTab } from './skills-tab.tsx'
import { TimelineTab } from './timeline-tab.tsx'

const route = getRouteApi('/app/people/$employeeId')

export type PersonTab =
  'overview' | 'employment' | 'availability' | 'skills' | 'documents' | 'private' | 'privacy' | 'timeline'

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
  // Documents and personal-data requests: only for people within the caller's reach (employment is shown).
  const inReach = employee.employment !== null
  const canReadDocuments = inReach && mayActOn(session, dataPerms.documentRead, isSelf)
  const canManageDocuments = inReach && mayActOn(session, dataPerms.documentManage, isSelf)
  const privacy = {
    retention: inReach && mayActOn(session, dataPerms.retention, false),
    export: inReach && mayActOn(session, dataPerms.export, false),
    erase: inReach && mayActOn(session, dataPerms.erase, false),
  }
  const showPrivacy = privacy.retention || privacy.export || privacy.erase
  const tabs: { value: PersonTab; label: string; icon: typeof IconUser }[] = [
    { value: 'overview', label: 'Overview', icon: IconUser },
    ...(employee.employment ? [{ value: 'employment' as const, label: 'Employment', icon: IconBriefcase }] : []),
    ...(working ? [{ value: 'availability' as const, label: 'Availability', icon: IconCalendarTime }] : []),
    { value: 'skills', label: 'Skills', icon: IconCertificate },
    ...(canReadDocuments ? [{ value: 'documents' as const, label: 'Documents', icon: IconFileText }] : []),
    ...(employee.sensitive ? [{ value: 'private' as const, label: 'Private data & salary', icon: IconLock }] : []),
    ...(employee.employment ? [{ value: 'timeline' as const, label: 'Timeline', icon: IconHistory }] : []),
    ...(showPrivacy ? [{ value: 'privacy' as const, label: 'Personal data', icon: IconShieldLock }] : []),
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
        {canReadDocuments ? (
          <Tabs.Panel value="documents">
            <DocumentsTab employee={employee} canManage={canManageDocuments} />
          </Tabs.Panel>
        ) : null}
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
        {showPrivacy ? (
          <Tabs.Panel value="privacy">
            <PrivacyTab employee={employee} access={privacy} onReload={props.onReload} />
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </>
  )
}
