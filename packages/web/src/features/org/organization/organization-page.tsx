import { Tabs } from '@mantine/core'
import {
  IconBriefcase,
  IconBuilding,
  IconBuildingFactory2,
  IconCalendarEvent,
  IconCertificate,
  IconHierarchy,
  IconMapPin,
  IconTableImport,
  IconUsersGroup,
} from '@tabler/icons-react'
import { getRouteApi, useNavigate } from '@tanstack/react-router'
import { perms, useCan } from '../../../app/auth.ts'
import { PageHeader } from '../../../ui/page-header.tsx'
import { NoAccess } from '../../../ui/query-states.tsx'
import type { ImportKind } from '../../../api/org-import.ts'
import { CalendarsTab } from './calendars-tab.tsx'
import { CompanyProfileTab } from './company-profile-tab.tsx'
import { DepartmentsTab } from './departments-tab.tsx'
import { ExternalFirmsTab } from './external-firms-tab.tsx'
import { ImportTab } from './import-tab.tsx'
import { LocationsTab } from './locations-tab.tsx'
import { PositionsTab } from './positions-tab.tsx'
import { SkillsTab } from './skills-tab.tsx'
import { TeamsTab } from './teams-tab.tsx'

const route = getRouteApi('/app/organization')

export type OrganizationTab =
  'company' | 'departments' | 'teams' | 'positions' | 'locations' | 'calendars' | 'skills' | 'external' | 'import'

export function OrganizationPage() {
  const can = useCan()
  const search = route.useSearch()
  const navigate = useNavigate()
  const seeCompany = can(perms.orgCompanyRead)
  const seeStructure = can(perms.orgStructureRead)
  if (!seeCompany && !seeStructure) return <NoAccess />
  const manage = can(perms.orgStructureManage)
  const seeExternal = can('org.external.read')
  const importKinds: ImportKind[] = [
    ...(manage ? (['departments', 'teams'] as const) : []),
    ...(can(perms.orgEmployeeManage) ? (['employees'] as const) : []),
  ]

  const tabs: { value: OrganizationTab; label: string; icon: typeof IconBuilding }[] = [
    ...(seeCompany ? [{ value: 'company' as const, label: 'Company profile', icon: IconBuilding }] : []),
    ...(seeStructure
      ? [
          { value: 'departments' as const, label: 'Departments', icon: IconHierarchy },
          { value: 'teams' as const, label: 'Teams', icon: IconUsersGroup },
          { value: 'positions' as const, label: 'Positions', icon: IconBriefcase },
          { value: 'locations' as const, label: 'Locations', icon: IconMapPin },
          { value: 'calendars' as const, label: 'Calendars', icon: IconCalendarEvent },
          { value: 'skills' as const, label: 'Skills', icon: IconCertificate },
        ]
      : []),
    ...(seeExternal ? [{ value: 'external' as const, label: 'External firms', icon: IconBuildingFactory2 }] : []),
    ...(importKinds.length > 0 ? [{ value: 'import' as const, label: 'Import', icon: IconTableImport }] : []),
  ]
  const tab = tabs.find((t) => t.value === search.tab)?.value ?? tabs[0]?.value ?? 'company'

  return (
    <>
      <PageHeader
        title="Organization"
        description="The company and how it is organised: departments and their teams, the positions people hold, and the places they work."
      />
      <Tabs
        value={tab}
        onChange={(value) => {
          void navigate({ to: '/organization', search: value ? { tab: value as OrganizationTab } : {}, replace: true })
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
        {seeCompany ? (
          <Tabs.Panel value="company">
            <CompanyProfileTab canManage={can(perms.orgCompanyManage)} />
          </Tabs.Panel>
        ) : null}
        {seeStructure ? (
          <>
            <Tabs.Panel value="departments">
              <DepartmentsTab canManage={manage} />
            </Tabs.Panel>
            <Tabs.Panel value="teams">
              <TeamsTab canManage={manage} />
            </Tabs.Panel>
            <Tabs.Panel value="positions">
              <PositionsTab canManage={manage} />
            </Tabs.Panel>
            <Tabs.Panel value="locations">
              <LocationsTab canManage={manage} />
            </Tabs.Panel>
            <Tabs.Panel value="calendars">
              <CalendarsTab canManage={manage} />
            </Tabs.Panel>
            <Tabs.Panel value="skills">
              <SkillsTab canManage={manage} />
            </Tabs.Panel>
          </>
        ) : null}
        {seeExternal ? (
          <Tabs.Panel value="external">
            <ExternalFirmsTab canManage={can('org.external.manage')} />
          </Tabs.Panel>
        ) : null}
        {importKinds.length > 0 ? (
          <Tabs.Panel value="import">
            <ImportTab kinds={importKinds} />
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </>
  )
}
