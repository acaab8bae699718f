import { Button, SegmentedControl, Stack } from '@mantine/core'
import { IconInbox, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useCatalog } from '../../../api/work.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { ButtonLink } from '../../../ui/links.tsx'
import { PageHeader } from '../../../ui/page-header.tsx'
import { Empty, NoAccess } from '../../../ui/query-states.tsx'
import { ItemsTable } from '../shared/items-table.tsx'

/** What the signed-in person asked for, and where each request stands. */
export function MyRequestsPage() {
  const can = useCan()
  const [state, setState] = useState<'open' | 'done'>('open')
  const catalog = useCatalog()
  if (!can(perms.workItemRead)) return <NoAccess />
  const typeNames = new Map((catalog.data ?? []).map((t) => [t.id, t.name]))
  return (
    <>
      <PageHeader
        title="My requests"
        description="Everything you asked the back office for. Open one to reply, add details or reopen it."
        actions={
          <ButtonLink to="/work/catalog" leftSection={<IconPlus size={18} />}>
            New request
          </ButtonLink>
        }
      />
      <Stack>
        <SegmentedControl
          aria-label="Show"
          value={state}
          onChange={(v) => {
            setState(v === 'done' ? 'done' : 'open')
          }}
          data={[
            { value: 'open', label: 'Open' },
            { value: 'done', label: 'Resolved and closed' },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
        <ItemsTable
          filters={{ requester: 'me', state, sort: 'newest' }}
          showAssignee
          typeNames={typeNames}
          empty={
            <Empty
              icon={<IconInbox size={28} />}
              title={state === 'open' ? 'No open requests' : 'Nothing resolved yet'}
              description="Need a laptop, a letter or a reimbursement? Pick it from the request catalog."
              action={
                <Button component="a" href="/work/catalog" variant="light">
                  Open the catalog
                </Button>
              }
            />
          }
        />
      </Stack>
    </>
  )
}
