import { ActionIcon, Box, Loader, Menu, Tooltip } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconCamera, IconTrash, IconUpload } from '@tabler/icons-react'
import { errorMessage } from '../../../api/client.ts'
import { useSetPhoto } from '../../../api/org-people.ts'
import type { Employee } from '../../../api/types.ts'
import { useImagePicker } from '../image-picker.ts'
import { PersonAvatar } from '../person-avatar.tsx'

/** The person's photo; with the right to change it, a camera button to upload or remove one. */
export function PhotoControl(props: { employee: Employee; canChange: boolean }) {
  const { employee } = props
  const setPhoto = useSetPhoto(employee.id)
  const fail = (message: string) => notifications.show({ color: 'red', title: 'Photo not changed', message })
  const save = (file: File | null) => {
    setPhoto.mutate(file, {
      onSuccess: () =>
        notifications.show({ color: 'teal', message: file ? 'The photo was updated.' : 'The photo was removed.' }),
      onError: (err) => fail(errorMessage(err)),
    })
  }
  const pick = useImagePicker(save, fail)

  return (
    <Box pos="relative" style={{ flex: 'none' }}>
      <PersonAvatar id={employee.id} name={employee.name} hasPhoto={employee.hasPhoto} size={96} />
      {props.canChange ? (
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Tooltip label="Change photo">
              <ActionIcon
                pos="absolute"
                bottom={0}
                right={0}
                radius="xl"
                size="md"
                variant="default"
                aria-label={`Change the photo of ${employee.name}`}
                style={{ boxShadow: 'var(--mantine-shadow-xs)' }}
              >
                {setPhoto.isPending ? <Loader size={12} /> : <IconCamera size={16} />}
              </ActionIcon>
            </Tooltip>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconUpload size={16} />} onClick={pick}>
              {employee.hasPhoto ? 'Upload a new photo' : 'Upload a photo'}
            </Menu.Item>
            {employee.hasPhoto ? (
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={() => {
                  save(null)
                }}
              >
                Remove photo
              </Menu.Item>
            ) : null}
            <Menu.Label>PNG, JPEG or WebP, up to 512 KB</Menu.Label>
          </Menu.Dropdown>
        </Menu>
      ) : null}
    </Box>
  )
}
