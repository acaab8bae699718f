import { Alert, Badge, Button, Card, Group, Modal, Progress, Stack, Table, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconClipboardCheck, IconPlayerPlay } from '@tabler/icons-react'
import { useState } from 'react'
import { errorMessage } from '../../../api/client.ts'
import {
  useAccessReview,
  useAccessReviews,
  useDecideAccessReviewItem,
  useStartAccessReview,
  type AccessReview,
  type AccessReviewItem,
} from '../../../api/org-external.ts'
import { formatDate } from '../../../ui/format.ts'
import { Empty, ErrorState, TableSkeleton } from '../../../ui/query-states.tsx'

/** Access reviews: each quarter (or when started here) every sponsor confirms or revokes their external accounts. */
export function AccessReviewsPanel(props: { canManage: boolean }) {
  const reviews = useAccessReviews()
  const start = useStartAccessReview()
  const [shown, setShown] = useState<AccessReview | null>(null)
  const open = reviews.data?.find((r) => r.closedAt === null)
  const run = () => {
    start.mutate(
      {},
      {
        onSuccess: (r) =>
          notifications.show({
            color: 'teal',
            message: `Review started: ${String(r.items)} account${r.items === 1 ? '' : 's'}, sponsors were e-mailed.`,
          }),
      },
    )
  }
  return (
    <Card withBorder padding={0}>
      <Group p="md" justify="space-between">
        <Stack gap={0}>
          <Title order={4}>Access reviews</Title>
          <Text size="sm" c="dimmed">
            Every quarter each sponsor confirms or revokes the external accounts they answer for.
          </Text>
        </Stack>
        {props.canManage ? (
          <Button
            leftSection={<IconPlayerPlay size={16} />}
            variant="light"
            onClick={run}
            loading={start.isPending}
            disabled={open !== undefined}
            title={open ? 'Finish the open review first' : undefined}
          >
            Start review now
          </Button>
        ) : null}
      </Group>
      {start.error ? (
        <Alert color="red" variant="light" mx="md" mb="md">
          {errorMessage(start.error)}
        </Alert>
      ) : null}
      {reviews.isPending ? (
        <TableSkeleton rows={2} />
      ) : reviews.isError ? (
        <ErrorState error={reviews.error} onRetry={() => void reviews.refetch()} />
      ) : reviews.data.length === 0 ? (
        <Empty
          icon={<IconClipboardCheck size={28} />}
          title="No access review yet"
          description="The first one starts at the beginning of the next quarter, or now with Start review."
        />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Access reviews" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Period</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th w="30%">Progress</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reviews.data.map((r) => (
                <Table.Tr
                  key={r.id}
                  style={{ cursor: 'pointer' }}
                  onClick={() => {
                    setShown(r)
                  }}
                >
                  <Table.Td>
                    {formatDate(r.periodStart)} – {formatDate(r.periodEnd)}
                  </Table.Td>
                  <Table.Td>{formatDate(r.dueDate)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Progress value={r.items ? (100 * r.decided) / r.items : 100} w={120} />
                      <Text size="xs" c="dimmed">
                        {r.decided}/{r.items} · {r.revoked} revoked
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {r.closedAt ? (
                      <Badge variant="light" color="gray">
                        done
                      </Badge>
                    ) : r.overdue ? (
                      <Badge variant="filled" color="red">
                        overdue
                      </Badge>
                    ) : (
                      <Badge variant="light" color="blue">
                        open
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={shown !== null}
        onClose={() => {
          setShown(null)
        }}
        title={shown ? `Access review due ${formatDate(shown.dueDate)}` : ''}
        size="xl"
        centered
      >
        {shown ? <ReviewItems reviewId={shown.id} canManage={props.canManage} /> : null}
      </Modal>
    </Card>
  )
}

function ReviewItems(props: { reviewId: string; canManage: boolean }) {
  const review = useAccessReview(props.reviewId)
  if (review.isPending) return <TableSkeleton rows={3} />
  if (review.isError) return <ErrorState error={review.error} onRetry={() => void review.refetch()} />
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table aria-label="Accounts in this review">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Account</Table.Th>
            <Table.Th>Firm</Table.Th>
            <Table.Th>Sponsor</Table.Th>
            <Table.Th>Decision</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {review.data.entries.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {i.account.displayName}
                </Text>
                <Text size="xs" c="dimmed">
                  {i.account.email}
                </Text>
              </Table.Td>
              <Table.Td>{i.firm.name}</Table.Td>
              <Table.Td>{i.sponsor.name}</Table.Td>
              <Table.Td>
                {i.decision ? (
                  <Stack gap={2}>
                    <Badge variant="light" color={i.decision === 'confirm' ? 'teal' : 'red'}>
                      {i.decision === 'confirm' ? 'confirmed' : 'revoked'}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {i.decidedBy?.name} · {formatDate(i.decidedAt)}
                      {i.comment ? ` · “${i.comment}”` : ''}
                    </Text>
                  </Stack>
                ) : props.canManage && review.data.closedAt === null ? (
                  <DecideForSponsor item={i} />
                ) : (
                  <Badge variant="light" color="yellow">
                    waiting
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

/** An administrator decides for a sponsor who cannot (left, away): recorded as decided by them. */
function DecideForSponsor(props: { item: AccessReviewItem }) {
  const decide = useDecideAccessReviewItem()
  const send = (decision: 'confirm' | 'revoke') => {
    decide.mutate(
      { itemId: props.item.id, body: { decision, comment: `Decided for ${props.item.sponsor.name}.` } },
      {
        onError: (err) => {
          notifications.show({ color: 'red', title: 'Not recorded', message: errorMessage(err) })
        },
      },
    )
  }
  return (
    <Group gap="xs" wrap="nowrap">
      <Badge variant="light" color="yellow">
        waiting
      </Badge>
      <Button
        size="compact-xs"
        variant="light"
        loading={decide.isPending}
        onClick={() => {
          send('confirm')
        }}
      >
        Confirm
      </Button>
      <Button
        size="compact-xs"
        variant="light"
        color="red"
        loading={decide.isPending}
        onClick={() => {
          send('revoke')
        }}
      >
        Revoke
      </Button>
    </Group>
  )
}
