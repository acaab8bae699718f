import { Alert, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core'
import { IconSend } from '@tabler/icons-react'
import { useNavigate, useParams } from '@tanstack/react-router'
import { useState, type SubmitEvent } from 'react'
import { ApiError, errorMessage } from '../../../api/client.ts'
import { useRequestType, useSubmitRequest, type RequestType } from '../../../api/work.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { ButtonLink } from '../../../ui/links.tsx'
import { PageHeader } from '../../../ui/page-header.tsx'
import { ErrorState, LoadingState, NoAccess } from '../../../ui/query-states.tsx'
import { FieldInput, type FieldAnswer } from './field-input.tsx'

/** The intake form of one request type, generated from its field definitions. */
export function RequestFormPage() {
  const can = useCan()
  const { typeId } = useParams({ from: '/app/work/catalog/$typeId' })
  const type = useRequestType(typeId)
  if (!can(perms.workRequestSubmit)) return <NoAccess />
  if (type.isPending) return <LoadingState />
  if (type.isError) return <ErrorState error={type.error} onRetry={() => void type.refetch()} />
  return <RequestForm type={type.data} />
}

/** Server errors by field: `/body/fields/<key>` → key, `/body/title` → title. */
function errorsByField(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {}
  const out: Record<string, string> = {}
  for (const e of error.problem?.errors ?? []) {
    const key = e.path.replace(/^\/body\/(fields\/)?/, '')
    out[key] ??= e.message
  }
  return out
}

function RequestForm(props: { type: RequestType }) {
  const { type } = props
  const navigate = useNavigate()
  const submit = useSubmitRequest()
  const [title, setTitle] = useState('')
  const [answers, setAnswers] = useState<Record<string, FieldAnswer>>({})
  const errors = errorsByField(submit.error)
  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault()
    const fields = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== null && v !== ''))
    submit.mutate(
      { typeId: type.id, title: title.trim() || type.name, fields },
      {
        onSuccess: (item) => {
          void navigate({ to: '/work/items/$itemId', params: { itemId: item.id } })
        },
      },
    )
  }
  return (
    <>
      <PageHeader title={type.name} description={type.description || `Handled by ${type.department.name}.`} />
      <Card withBorder maw={720}>
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <TextInput
              label="Summary"
              description="One line that says what you need."
              placeholder={type.name}
              maxLength={200}
              value={title}
              error={errors.title}
              onChange={(e) => {
                setTitle(e.currentTarget.value)
              }}
              data-autofocus
            />
            {type.fields.map((field) => (
              <FieldInput
                key={field.key}
                field={field}
                value={answers[field.key] ?? null}
                error={errors[field.key]}
                onChange={(value) => {
                  setAnswers((before) => ({ ...before, [field.key]: value }))
                }}
              />
            ))}
            {submit.isError && Object.keys(errors).length === 0 ? (
              <Alert color="red" variant="light">
                {errorMessage(submit.error)}
              </Alert>
            ) : null}
            {submit.isError && Object.keys(errors).length > 0 ? (
              <Text size="sm" c="red" role="alert">
                Some answers need attention: see the messages above.
              </Text>
            ) : null}
            <Group>
              <Button type="submit" leftSection={<IconSend size={16} />} loading={submit.isPending}>
                Send request
              </Button>
              <ButtonLink to="/work/catalog" variant="default">
                Back to the catalog
              </ButtonLink>
            </Group>
          </Stack>
        </form>
      </Card>
    </>
  )
}
