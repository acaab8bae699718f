import { Card, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { IconSearch, IconTemplate } from '@tabler/icons-react'
import { useState } from 'react'
import { useCatalog, type RequestType } from '../../../api/work.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { AnchorLink } from '../../../ui/links.tsx'
import { PageHeader } from '../../../ui/page-header.tsx'
import { Empty, ErrorState, NoAccess, TableSkeleton } from '../../../ui/query-states.tsx'

/** What people can ask the back office for, grouped by the department that does it. */
export function CatalogPage() {
  const can = useCan()
  if (!can(perms.workRequestSubmit)) return <NoAccess />
  return <Catalog />
}

function Catalog() {
  const catalog = useCatalog()
  const [search, setSearch] = useState('')
  const needle = search.trim().toLowerCase()
  const types = (catalog.data ?? []).filter(
    (t) => needle === '' || `${t.name} ${t.description} ${t.department.name}`.toLowerCase().includes(needle),
  )
  const departments = [...new Set(types.map((t) => t.department.name))]
  return (
    <>
      <PageHeader
        title="Request catalog"
        description="Ask IT, HR, Finance or Operations for something. Your request goes to the right team, and you can follow it under My requests."
      />
      <Stack gap="lg">
        <TextInput
          aria-label="Search the catalog"
          placeholder="Search: laptop, letter, expense…"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value)
          }}
          maw={420}
        />
        {catalog.isPending ? (
          <TableSkeleton />
        ) : catalog.isError ? (
          <ErrorState error={catalog.error} onRetry={() => void catalog.refetch()} />
        ) : types.length === 0 ? (
          <Empty
            icon={<IconTemplate size={28} />}
            title={needle ? 'Nothing matches your search' : 'The catalog is empty'}
            description={
              needle
                ? 'Try another word, or browse all request types.'
                : 'Request types are added by the back-office manager under Request types.'
            }
          />
        ) : (
          departments.map((department) => (
            <Stack key={department} gap="xs">
              <Title order={2} fz="lg">
                {department}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
                {types
                  .filter((t) => t.department.name === department)
                  .map((t) => (
                    <TypeCard key={t.id} type={t} />
                  ))}
              </SimpleGrid>
            </Stack>
          ))
        )}
      </Stack>
    </>
  )
}

function TypeCard(props: { type: RequestType }) {
  const { type } = props
  return (
    <Card withBorder padding="md">
      <Stack gap={4}>
        <AnchorLink to="/work/catalog/$typeId" params={{ typeId: type.id }} fw={600}>
          {type.name}
        </AnchorLink>
        <Text size="sm" c="dimmed">
          {type.description || `${String(type.fields.length)} questions`}
        </Text>
      </Stack>
    </Card>
  )
}
