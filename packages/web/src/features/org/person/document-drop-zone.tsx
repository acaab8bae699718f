import { Button, FileButton, Group, Paper, Text } from '@mantine/core'
import { IconUpload } from '@tabler/icons-react'
import { useState } from 'react'
import { formatBytes } from './document-rules.ts'

const ACCEPT =
  '.pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.odt,application/pdf,image/png,image/jpeg,image/webp,' +
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document,' +
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.text'

/** Drop a file here or pick one; the chosen file goes to the upload form. */
export function DocumentDropZone(props: { maxBytes: number; onFile: (file: File) => void }) {
  const [over, setOver] = useState(false)
  return (
    <Paper
      withBorder
      p="md"
      mb="md"
      radius="md"
      data-testid="document-drop-zone"
      style={{
        borderStyle: 'dashed',
        borderColor: over ? 'var(--mantine-color-blue-5)' : undefined,
        background: over ? 'var(--mantine-color-blue-light)' : undefined,
      }}
      onDragOver={(event) => {
        event.preventDefault()
        setOver(true)
      }}
      onDragLeave={() => {
        setOver(false)
      }}
      onDrop={(event) => {
        event.preventDefault()
        setOver(false)
        const file = event.dataTransfer.files[0]
        if (file) props.onFile(file)
      }}
    >
      <Group justify="center" gap="sm">
        <IconUpload size={20} aria-hidden="true" />
        <Text size="sm">Drop a document here, or</Text>
        <FileButton
          accept={ACCEPT}
          onChange={(file) => {
            if (file) props.onFile(file)
          }}
        >
          {(buttonProps) => (
            <Button size="xs" variant="light" {...buttonProps}>
              Choose a file
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          (up to {formatBytes(props.maxBytes)})
        </Text>
      </Group>
    </Paper>
  )
}
