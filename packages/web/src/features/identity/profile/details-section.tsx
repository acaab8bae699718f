import { Alert, Button, Group, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useUpdateProfile } from '../../../api/me.ts'
import { useSession } from '../../../app/auth.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { Section } from './section.tsx'

export function DetailsSection() {
  const session = useSession()
  const update = useUpdateProfile()
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: { displayName: session.user.displayName },
    validate: { displayName: (v) => (v.trim() ? null : 'Your name cannot be empty') },
  })

  const submit = form.onSubmit((values) => {
    setError(null)
    update.mutate(
      { displayName: values.displayName.trim() },
      {
        onSuccess: (u) => {
          form.setInitialValues({ displayName: u.displayName })
          form.setValues({ displayName: u.displayName })
          notifications.show({ color: 'teal', message: 'Your name was saved.' })
        },
        onError: (err) => {
          setError(applyApiError(form, err))
        },
      },
    )
  })

  return (
    <Section id="details" title="Your details" description="How you appear to colleagues in Keel.">
      <form onSubmit={submit} noValidate>
        <Stack maw={440}>
          {error ? (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          ) : null}
          <TextInput
            label="Email"
            value={session.user.email}
            readOnly
            description="Ask an administrator to change it."
          />
          <TextInput label="Display name" required autoComplete="name" {...form.getInputProps('displayName')} />
          <Group>
            <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  )
}
