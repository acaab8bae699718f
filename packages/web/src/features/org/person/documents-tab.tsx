import { ActionIcon, Anchor, Badge, Card, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconDownload, IconFileText, IconTrash, IconUpload } from '@tabler/icons-react'
import dayjs from 'dayjs'
import { useState } from 'react'
import { isApiError } from '../../../api/client.ts'
import {
  documentFileUrl,
  useDeleteDocument,
  usePersonDocuments,
  type EmployeeDocument,
} from '../../../api/org-documents.ts'
import type { Employee } from '../../../api/types.ts'
import { ConfirmModal } from '../../../ui/confirm-modal.tsx'
import { formatDate } from '../../../ui/format.ts'
import { Empty, ErrorState, LoadingState } from '../../../ui/query-states.tsx'
import { categoryLabel, formatBytes } from './document-rules.ts'
import { DocumentDropZone } from './document-drop-zone.tsx'
import { UploadDocumentModal } from './upload-document-modal.tsx'

/** Days from today to a calendar date (negative once it has passed). */
const daysUntil = (date: string) => dayjs(date).startOf('day').diff(dayjs().startOf('day'), 'day')

function ValidUntil(props: { date: string | null }) {
  if (!props.date)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    )
  const days = daysUntil(props.date)
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm">{formatDate(props.date)}</Text>
      {days < 0 ? (
        <Badge color="red" variant="filled" size="sm">
          Expired
        </Badge>
      ) : days <= 30 ? (
        <Badge color="orange" variant="light" size="sm">
          {days === 0 ? 'Expires today' : `Expires in ${String(days)} ${days === 1 ? 'day' : 'days'}`}
        </Badge>
      ) : null}
    </Group>
  )
}

/** A person's documents: contracts, certificates, identity papers. Hidden from those who may not see them. */
export function DocumentsTab(props: { employee: Employee; canManage: boolean }) {
  const { employee, canManage } = props
  const documents = usePersonDocuments(employee.id)
  const remove = useDeleteDocument(employee.id)
  const [file, setFile] = useState<File | null>(null)
  const [removing, setRemoving] = useState<EmployeeDocument | null>(null)
  if (isApiError(documents.error) && (documents.error.status === 403 || documents.error.status === 404)) {
    return <Empty icon={<IconFileText size={28} />} title="No access to these documents" />
  }
  const closeRemove = () => {
    setRemoving(null)
    remove.reset()
  }

  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <div>
          <Title order={2} fz="md">
            Documents
          </Title>
          <Text size="sm" c="dimmed">
            Contracts, certificates and identity papers, stored encrypted. Downloads are recorded in the audit trail.
          </Text>
        </div>
      </Group>
      {canManage && documents.data ? (
        <DocumentDropZone
          maxBytes={documents.data.maxBytes}
          onFile={(picked) => {
            setFile(picked)
          }}
        />
      ) : null}
      {documents.isPending ? (
        <LoadingState label="Loading documents…" />
      ) : documents.isError ? (
        <ErrorState error={documents.error} onRetry={() => void documents.refetch()} />
      ) : documents.data.items.length === 0 ? (
        <Empty
          icon={<IconFileText size={28} />}
          title="No documents"
          description={canManage ? 'Drop a contract or certificate above to add it.' : undefined}
        />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label="Documents" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Document</Table.Th>
                <Table.Th>Category</Table.Th>
                <Table.Th>Valid until</Table.Th>
                <Table.Th>Uploaded</Table.Th>
                <Table.Th w={90}>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {documents.data.items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Anchor href={documentFileUrl(employee.id, d.id)} size="sm" fw={500} download={d.fileName}>
                      {d.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {d.fileName} · {formatBytes(d.sizeBytes)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={d.category === 'contract' ? 'blue' : 'gray'}>
                      {categoryLabel(d.category)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <ValidUntil date={d.validUntilDate} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDate(d.uploadedAt)}</Text>
                    <Text size="xs" c="dimmed">
                      {d.uploadedByName ?? 'Keel'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Tooltip label="Download">
                        <ActionIcon
                          component="a"
                          href={documentFileUrl(employee.id, d.id)}
                          download={d.fileName}
                          variant="subtle"
                          aria-label={`Download ${d.title}`}
                        >
                          <IconDownload size={16} />
                        </ActionIcon>
                      </Tooltip>
                      {canManage ? (
                        <Tooltip label="Delete">
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`Delete ${d.title}`}
                            onClick={() => {
                              setRemoving(d)
                            }}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canManage && documents.data ? (
        <UploadDocumentModal
          employeeId={employee.id}
          file={file}
          rules={documents.data}
          onClose={() => {
            setFile(null)
          }}
        />
      ) : null}
      <ConfirmModal
        opened={removing !== null}
        onClose={closeRemove}
        onConfirm={() => {
          if (!removing) return
          remove.mutate(removing.id, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: `“${removing.title}” was deleted.` })
              closeRemove()
            },
          })
        }}
        title="Delete this document?"
        confirmLabel="Delete document"
        loading={remove.isPending}
        error={remove.error}
      >
        <Stack gap="xs">
          <span>
            “{removing?.title}” disappears from {employee.name}’s record. The deletion is recorded in the audit trail;
            the file itself is only destroyed when the person’s data is erased.
          </span>
        </Stack>
      </ConfirmModal>
      {canManage ? (
        <Text size="xs" c="dimmed" mt="sm">
          <IconUpload size={12} aria-hidden="true" /> PDF, PNG, JPEG, WebP, Word, Excel or OpenDocument text
          {documents.data ? `, up to ${formatBytes(documents.data.maxBytes)}` : ''}.
        </Text>
      ) : null}
    </Card>
  )
}
