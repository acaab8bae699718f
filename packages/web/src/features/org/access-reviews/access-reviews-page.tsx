import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconCheck, IconClipboardCheck, IconUserOff } from '@tabler/icons-react'
import { useState } from 'react'
import { errorMessage } from '../../../api/client.ts'
import { useDecideAccessReviewItem, useMyAccessReviews, type AccessReviewItem } from '../../../api/org-external.ts'
import { useCan } from '../../../app/auth.ts'
import { ConfirmModal } from '../../../ui/confirm-modal.tsx'
import { formatDate, isPast } from '../../../ui/format.ts'
import { ButtonLink } from '../../../ui/links.tsx'
import { PageHeader } from '../../../ui/page-header.tsx'
import { Empty, ErrorState, TableSkeleton } from '../../../ui/query-states.tsx'

/** A sponsor's access review: confirm that each external account they answer for still needs access, or revoke it. */
export function AccessReviewsPage() {
  const mine = useMyAccessReviews()
  const can = useCan()
  const waiting = mine.data?.items.filter((i) => i.decision === null) ?? []
  const decided = mine.data?.items.filter((i) => i.decision !== null) ?? []
  return (
    <>
      <PageHeader
        title="Access review"
        description="You sponsor these people of outsourcing firms. Confirm that each still needs access to Keel, or revoke it: revoking signs them out at once."
        actions={
          can('org.external.read') ? (
            <ButtonLink variant="default" to="/organization" search={{ tab: 'external' }}>
              All firms and reviews
            </ButtonLink>
          ) : null
        }
      />
      {mine.isPending ? (
        <TableSkeleton />
      ) : mine.isError ? (
        <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />
      ) : (
        <Stack gap="lg">
          {waiting.length === 0 ? (
            <Card withBorder>
              <Empty
                icon={<IconClipboardCheck size={28} />}
                title="Nothing waiting for you"
                description={
                  decided.length > 0
                    ? 'You have answered for everyone you sponsor. The next review starts at the beginning of the next quarter.'
                    : 'When you sponsor someone from an outsourcing firm, they appear here each quarter for you to confirm or revoke.'
                }
              />
            </Card>
          ) : (
            <Stack gap="sm">
              <Title order={3}>Waiting for your decision ({waiting.length})</Title>
              {waiting.map((item) => (
                <ReviewCard key={item.id} item={item} />
              ))}
            </Stack>
          )}
          {decided.length > 0 ? <Decided items={decided} /> : null}
        </Stack>
      )}
    </>
  )
}

function ReviewCard(props: { item: AccessReviewItem }) {
  const { item } = props
  const decide = useDecideAccessReviewItem()
  const [comment, setComment] = useState('')
  const [confirmingRevoke, setConfirmingRevoke] = useState(false)
  const overdue = isPast(`${item.dueDate}T23:59:59`)
  const send = (decision: 'confirm' | 'revoke') => {
    decide.mutate(
      { itemId: item.id, body: { decision, comment: comment.trim() || null } },
      {
        onSuccess: () => {
          setConfirmingRevoke(false)
          notifications.show({
            color: 'teal',
            message:
              decision === 'confirm'
                ? `${item.account.displayName} keeps access.`
                : `${item.account.displayName} was signed out and can no longer sign in.`,
          })
        },
      },
    )
  }
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Text fw={600}>{item.account.displayName}</Text>
            <Text size="sm" c="dimmed">
              {item.account.email} · {item.firm.name}
            </Text>
            <Text size="xs" c="dimmed">
              Last reviewed: {item.account.lastReviewedAt ? formatDate(item.account.lastReviewedAt) : 'never'}
            </Text>
          </Stack>
          <Badge variant={overdue ? 'filled' : 'light'} color={overdue ? 'red' : 'blue'}>
            {overdue ? 'overdue' : 'due'} {formatDate(item.dueDate)}
          </Badge>
        </Group>
        {decide.error && !confirmingRevoke ? (
          <Alert color="red" variant="light">
            {errorMessage(decide.error)}
          </Alert>
        ) : null}
        <Textarea
          label="Comment"
          description="Optional: why they still need access, or why not"
          maxLength={1000}
          autosize
          minRows={1}
          value={comment}
          onChange={(e) => {
            setComment(e.currentTarget.value)
          }}
        />
        <Group justify="flex-end">
          <Button
            variant="default"
            color="red"
            leftSection={<IconUserOff size={16} />}
            onClick={() => {
              setConfirmingRevoke(true)
            }}
          >
            Revoke
          </Button>
          <Button
            leftSection={<IconCheck size={16} />}
            loading={decide.isPending}
            onClick={() => {
              send('confirm')
            }}
          >
            Confirm access
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirmingRevoke}
        onClose={() => {
          setConfirmingRevoke(false)
          decide.reset()
        }}
        onConfirm={() => {
          send('revoke')
        }}
        title={`Revoke ${item.account.displayName}?`}
        confirmLabel="Revoke access"
        loading={decide.isPending}
        error={decide.error}
      >
        They are signed out everywhere at once. An administrator can reactivate the account later while the firm has a
        running contract.
      </ConfirmModal>
    </Card>
  )
}

function Decided(props: { items: AccessReviewItem[] }) {
  return (
    <Card withBorder padding={0}>
      <Title order={4} p="md">
        Your earlier decisions
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label="Earlier decisions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Account</Table.Th>
              <Table.Th>Firm</Table.Th>
              <Table.Th>Decision</Table.Th>
              <Table.Th>Comment</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{i.account.displayName}</Table.Td>
                <Table.Td>{i.firm.name}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={i.decision === 'confirm' ? 'teal' : 'red'}>
                    {i.decision === 'confirm' ? 'confirmed' : 'revoked'}
                  </Badge>{' '}
                  <Text span size="xs" c="dimmed">
                    {formatDate(i.decidedAt)}
                  </Text>
                </Table.Td>
                <Table.Td>{i.comment ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  )
}
