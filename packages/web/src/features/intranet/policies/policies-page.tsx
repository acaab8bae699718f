import { Badge, Button, Card, Group, Table, Text } from '@mantine/core'
import { IconFileCertificate, IconPlus } from '@tabler/icons-react'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { usePolicies, type PolicySummary } from '../../../api/intranet.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { formatDate } from '../../../ui/format.ts'
import { AnchorLink } from '../../../ui/links.tsx'
import { PageHeader } from '../../../ui/page-header.tsx'
import { Empty, ErrorState, TableSkeleton } from '../../../ui/query-states.tsx'
import { PolicyModal } from './policy-modal.tsx'

/** The company's policies: for readers those addressed to them and whether they have acknowledged each. */
export function PoliciesPage() {
  const can = useCan()
  const manages = can(perms.intranetPolicyManage)
  const policies = usePolicies()
  const navigate = useNavigate()
  const [creating, setCreating] = useState(false)
  const items = policies.data ?? []
  const categories = [...new Set(items.flatMap((p) => (p.category ? [p.category] : [])))].sort()
  const create = () => {
    setCreating(true)
  }

  return (
    <>
      <PageHeader
        title="Policies"
        description={
          manages
            ? 'Every policy with its current version. Each new version must be acknowledged by its audience again.'
            : 'The policies that apply to you. Read each one and acknowledge its current version.'
        }
        actions={
          manages ? (
            <Button leftSection={<IconPlus size={18} />} onClick={create}>
              New policy
            </Button>
          ) : null
        }
      />
      <Card withBorder padding={0}>
        {policies.isPending ? (
          <TableSkeleton />
        ) : policies.isError ? (
          <ErrorState error={policies.error} onRetry={() => void policies.refetch()} />
        ) : items.length === 0 ? (
          <Empty
            icon={<IconFileCertificate size={28} />}
            title="No policies yet"
            description={
              manages
                ? 'Publish the code of conduct, IT acceptable use or any rule people must confirm they have read.'
                : 'When a policy applies to you, it appears here and on your home page.'
            }
            action={
              manages ? (
                <Button leftSection={<IconPlus size={18} />} onClick={create}>
                  Publish the first policy
                </Button>
              ) : null
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="Policies" highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Policy</Table.Th>
                  <Table.Th>Category</Table.Th>
                  <Table.Th>Current version</Table.Th>
                  <Table.Th>You</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.id} style={{ opacity: p.archived ? 0.6 : 1 }}>
                    <Table.Td>
                      <Group gap="xs">
                        <AnchorLink to="/intranet/policies/$policyId" params={{ policyId: p.id }} fw={500} size="sm">
                          {p.title}
                        </AnchorLink>
                        {p.archived ? (
                          <Badge color="gray" variant="light" size="sm">
                            Archived
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>{p.category ?? '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm">Version {p.currentVersion.versionNumber}</Text>
                      <Text size="xs" c="dimmed">
                        effective {formatDate(p.currentVersion.effectiveDate)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <MyState policy={p} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {manages ? (
        <PolicyModal
          opened={creating}
          policy={null}
          categories={categories}
          onClose={() => {
            setCreating(false)
          }}
          onSaved={(saved) => {
            void navigate({ to: '/intranet/policies/$policyId', params: { policyId: saved.id } })
          }}
        />
      ) : null}
    </>
  )
}

function MyState(props: { policy: PolicySummary }) {
  const { policy } = props
  if (!policy.concernsMe)
    return (
      <Text size="sm" c="dimmed">
        Not addressed to you
      </Text>
    )
  return policy.acknowledgedAt ? (
    <Badge color="teal" variant="light">
      Acknowledged
    </Badge>
  ) : (
    <Badge color="orange" variant="light">
      To acknowledge
    </Badge>
  )
}
