import { Alert, Autocomplete, Button, Group, Modal, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useSaveSkill } from '../../../api/org-skills.ts'
import type { Skill } from '../../../api/types.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { isStale } from '../stale-alert.tsx'

export function SkillModal(props: { opened: boolean; skill: Skill | null; categories: string[]; onClose: () => void }) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.skill ? `Edit ${props.skill.name}` : 'New skill'}
      centered
      size="md"
    >
      {props.opened ? <SkillForm skill={props.skill} categories={props.categories} onClose={props.onClose} /> : null}
    </Modal>
  )
}

function SkillForm(props: { skill: Skill | null; categories: string[]; onClose: () => void }) {
  const { skill } = props
  const save = useSaveSkill()
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: { name: skill?.name ?? '', category: skill?.category ?? '' },
    validate: { name: (v) => (v.trim() ? null : 'Give the skill a name') },
  })

  const submit = form.onSubmit((v) => {
    setError(null)
    const body = { name: v.name.trim(), category: v.category.trim() || null }
    save.mutate(skill ? { id: skill.id, version: skill.version, body } : { body }, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: `${saved.name} was ${skill ? 'saved' : 'added'}.` })
        props.onClose()
      },
      onError: (err) => {
        setError(
          isStale(err)
            ? 'Someone else changed this skill meanwhile. Close this window to see the latest version, then try again.'
            : applyApiError(form, err),
        )
      },
    })
  })

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error ? (
          <Alert color={isStale(save.error) ? 'orange' : 'red'} variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        <Autocomplete
          label="Category"
          description="Optional: skills are listed by category, e.g. Languages or Software"
          placeholder="No category"
          data={props.categories}
          {...form.getInputProps('category')}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {skill ? 'Save skill' : 'Add skill'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
