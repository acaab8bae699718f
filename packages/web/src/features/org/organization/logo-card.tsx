import { Alert, Button, Card, Center, Group, Image, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconPhoto, IconTrash, IconUpload } from '@tabler/icons-react'
import { useState } from 'react'
import { errorMessage } from '../../../api/client.ts'
import { logoUrl, useSetLogo } from '../../../api/org-company.ts'
import { useImagePicker } from '../image-picker.ts'

export function LogoCard(props: { hasLogo: boolean; canManage: boolean }) {
  const setLogo = useSetLogo()
  const [problem, setProblem] = useState<string | null>(null)
  const save = (file: File | null) => {
    setProblem(null)
    setLogo.mutate(file, {
      onSuccess: () =>
        notifications.show({ color: 'teal', message: file ? 'The logo was uploaded.' : 'The logo was removed.' }),
      onError: (err) => {
        setProblem(errorMessage(err))
      },
    })
  }
  const pick = useImagePicker(save, setProblem)

  return (
    <Card withBorder padding="lg">
      <Title order={2} fz="md" mb="md">
        Logo
      </Title>
      <Center
        h={140}
        mb="md"
        bg="var(--mantine-color-default-hover)"
        style={{ borderRadius: 'var(--mantine-radius-md)' }}
      >
        {props.hasLogo ? (
          <Image src={logoUrl()} alt="Company logo" mah={110} maw="90%" fit="contain" />
        ) : (
          <Stack gap={4} align="center">
            <IconPhoto size={32} color="var(--mantine-color-dimmed)" aria-hidden="true" />
            <Text size="sm" c="dimmed">
              No logo yet
            </Text>
          </Stack>
        )}
      </Center>
      {problem ? (
        <Alert color="red" variant="light" mb="sm" role="alert">
          {problem}
        </Alert>
      ) : null}
      {props.canManage ? (
        <Stack gap="xs">
          <Group gap="xs" grow>
            <Button variant="light" leftSection={<IconUpload size={16} />} onClick={pick} loading={setLogo.isPending}>
              {props.hasLogo ? 'Replace' : 'Upload logo'}
            </Button>
            {props.hasLogo ? (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} />}
                disabled={setLogo.isPending}
                onClick={() => {
                  save(null)
                }}
              >
                Remove
              </Button>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            PNG, JPEG or WebP, up to 512 KB.
          </Text>
        </Stack>
      ) : null}
    </Card>
  )
}
