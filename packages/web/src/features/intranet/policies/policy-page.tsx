import { Badge, Button, Card, Group, Modal, Select, Stack, Table, Text, Title } from '@mantine/core'
import { IconArrowLeft, IconFilePlus, IconPencil } from '@tabler/icons-react'
import { useParams } from '@tanstack/react-router'
import { useState } from 'react'
import { usePolicies, usePolicy, usePolicyVersion, type Policy } from '../../../api/intranet.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { formatDate, formatDateTime } from '../../../ui/format.ts'
import { AnchorLink } from '../../../ui/links.tsx'
import { ErrorState, LoadingState } from '../../../ui/query-states.tsx'
import { AcknowledgeButton } from '../shared/acknowledge-button.tsx'
import { AudienceBadges } from '../shared/audience.tsx'
import { CompliancePanel } from '../shared/compliance-panel.tsx'
import { MessageBody } from '../shared/message-body.tsx'
import { PolicyModal } from './policy-modal.tsx'
import { PublishVersionModal } from './publish-version-modal.tsx'

/** One policy: its current text, my acknowledgement, its version history, and for managers the compliance view. */
export function PolicyPage() {
  const { policyId } = useParams({ from: '/app/intranet/policies/$policyId' })
  const policy = usePolicy(policyId)
  if (policy.isPending) return <LoadingState />
  if (policy.isError)
    return (
      <ErrorState error={policy.error} title="This policy is not available" onRetry={() => void policy.refetch()} />
    )
  return <PolicyView policy={policy.data} />
}

function PolicyView(props: { policy: Policy }) {
  const { policy } = props
  const can = useCan()
  const manages = can(perms.intranetPolicyManage)
  const [editing, setEditing] = useState(false)
  const [publishing, setPublishing] = useState(false)
  const [reading, setReading] = useState<string | null>(null)
  const [complianceVersion, setComplianceVersion] = useState<string | null>(null)
  const all = usePolicies()
  const categories = [...new Set((all.data ?? []).flatMap((p) => (p.category ? [p.category] : [])))].sort()
  const shownVersion = complianceVersion ?? policy.currentVersion.id
  const current = policy.currentVersion

  return (
    <Stack gap="lg">
      <AnchorLink to="/intranet/policies" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden="true" />
          All policies
        </Group>
      </AnchorLink>
      <Card withBorder padding="lg" component="article" aria-labelledby="policy-title">
        <Stack>
          <Group justify="space-between" align="flex-start">
            <Stack gap={4} style={{ flex: 1 }}>
              <Title order={1} fz={{ base: 22, sm: 26 }} id="policy-title">
                {policy.title}
              </Title>
              <Text size="sm" c="dimmed">
                {policy.category ? `${policy.category} · ` : ''}Version {current.versionNumber}, effective{' '}
                {formatDate(current.effectiveDate)} · published {formatDateTime(current.publishedAt)} by{' '}
                {current.publishedBy.name}
              </Text>
            </Stack>
            {policy.archived ? (
              <Badge color="gray" variant="light">
                Archived
              </Badge>
            ) : null}
          </Group>
          <AudienceBadges audience={policy.audience} />
          {current.summaryOfChanges ? (
            <Text size="sm">
              <Text span fw={600}>
                What changed:{' '}
              </Text>
              {current.summaryOfChanges}
            </Text>
          ) : null}
          <Card withBorder padding="md" bg="var(--mantine-color-default-hover)">
            <MessageBody text={current.body} />
          </Card>
          {policy.concernsMe ? (
            <Group>
              <AcknowledgeButton
                kind="policy"
                policyId={policy.id}
                versionId={current.id}
                acknowledgedAt={policy.acknowledgedAt}
                title={`${policy.title} (version ${String(current.versionNumber)})`}
              />
            </Group>
          ) : null}
          {manages ? (
            <Group gap="sm">
              <Button
                leftSection={<IconFilePlus size={16} />}
                onClick={() => {
                  setPublishing(true)
                }}
                disabled={policy.archived}
              >
                Publish a new version
              </Button>
              <Button
                variant="default"
                leftSection={<IconPencil size={16} />}
                onClick={() => {
                  setEditing(true)
                }}
              >
                Edit
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Card>

      <Card withBorder padding="lg" component="section" aria-labelledby="history-title">
        <Title order={2} fz="lg" mb="sm" id="history-title">
          Version history
        </Title>
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Version history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Version</Table.Th>
                <Table.Th>Effective</Table.Th>
                <Table.Th>Published</Table.Th>
                <Table.Th>What changed</Table.Th>
                <Table.Th>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {policy.history.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>
                    {v.versionNumber}
                    {v.id === current.id ? (
                      <Badge ml="xs" size="sm" variant="light">
                        Current
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{formatDate(v.effectiveDate)}</Table.Td>
                  <Table.Td>
                    {formatDateTime(v.publishedAt)} by {v.publishedBy.name}
                  </Table.Td>
                  <Table.Td>{v.summaryOfChanges ?? 'First version'}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => {
                        setReading(v.id)
                      }}
                      aria-label={`Read version ${String(v.versionNumber)}`}
                    >
                      Read
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>

      {can(perms.intranetComplianceRead) ? (
        <Stack gap="sm">
          <Select
            label="Acknowledgements of"
            value={shownVersion}
            onChange={setComplianceVersion}
            allowDeselect={false}
            data={policy.history.map((v) => ({
              value: v.id,
              label: `Version ${String(v.versionNumber)}${v.id === current.id ? ' (current)' : ''}`,
            }))}
            w={240}
          />
          <CompliancePanel
            key={shownVersion}
            item={{ kind: 'policy', id: policy.id, versionId: shownVersion }}
            title="Who has acknowledged this version"
            remindersApply={shownVersion === current.id && !policy.archived}
          />
        </Stack>
      ) : null}

      <VersionReader
        policyId={policy.id}
        versionId={reading}
        onClose={() => {
          setReading(null)
        }}
      />
      {manages ? (
        <>
          <PolicyModal
            opened={editing}
            policy={policy}
            categories={categories}
            onClose={() => {
              setEditing(false)
            }}
          />
          <PublishVersionModal
            opened={publishing}
            policy={policy}
            onClose={() => {
              setPublishing(false)
            }}
          />
        </>
      ) : null}
    </Stack>
  )
}

function VersionReader(props: { policyId: string; versionId: string | null; onClose: () => void }) {
  const version = usePolicyVersion(props.policyId, props.versionId)
  return (
    <Modal
      opened={props.versionId !== null}
      onClose={props.onClose}
      title={version.data ? `Version ${String(version.data.versionNumber)}` : 'Version'}
      size="lg"
      centered
    >
      {version.isPending ? (
        <LoadingState />
      ) : version.isError ? (
        <ErrorState error={version.error} />
      ) : (
        <Stack>
          <Text size="sm" c="dimmed">
            Effective {formatDate(version.data.effectiveDate)} · published {formatDateTime(version.data.publishedAt)} by{' '}
            {version.data.publishedBy.name}
          </Text>
          <MessageBody text={version.data.body} />
        </Stack>
      )}
    </Modal>
  )
}
