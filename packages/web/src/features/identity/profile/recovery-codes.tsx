import { Alert, Button, Code, CopyButton, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core'
import { IconCheck, IconCopy, IconDownload, IconAlertTriangle } from '@tabler/icons-react'

function download(codes: string[]) {
  const text = `Keel recovery codes\nEach code can be used once to sign in if you lose your authenticator.\n\n${codes.join('\n')}\n`
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }))
  const a = document.createElement('a')
  a.href = url
  a.download = 'keel-recovery-codes.txt'
  document.body.append(a)
  a.click()
  a.remove()
  URL.revokeObjectURL(url)
}

/** Recovery codes, shown once right after they are generated. */
export function RecoveryCodesModal(props: { codes: string[] | null; onClose: () => void }) {
  const codes = props.codes ?? []
  return (
    <Modal
      opened={props.codes !== null}
      onClose={props.onClose}
      title="Save your recovery codes"
      centered
      closeOnClickOutside={false}
      size="md"
    >
      <Stack>
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />}>
          These codes are shown only once. Each one signs you in a single time if you lose your authenticator.
        </Alert>
        <SimpleGrid
          cols={2}
          spacing="xs"
          component="ul"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
          aria-label="Recovery codes"
        >
          {codes.map((c) => (
            <li key={c}>
              <Code block ta="center" fz="sm">
                {c}
              </Code>
            </li>
          ))}
        </SimpleGrid>
        <Group grow>
          <CopyButton value={codes.join('\n')}>
            {({ copied, copy }) => (
              <Button
                variant="light"
                color={copied ? 'teal' : 'blue'}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                onClick={copy}
              >
                {copied ? 'Copied' : 'Copy codes'}
              </Button>
            )}
          </CopyButton>
          <Button
            variant="light"
            leftSection={<IconDownload size={16} />}
            onClick={() => {
              download(codes)
            }}
          >
            Download
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          Keep them in a password manager or print them. Generating new codes makes these invalid.
        </Text>
        <Group justify="flex-end">
          <Button onClick={props.onClose}>I have saved them</Button>
        </Group>
      </Stack>
    </Modal>
  )
}
