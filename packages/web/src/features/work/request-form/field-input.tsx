import { FileInput, NumberInput, Select, Text, TextInput, Textarea } from '@mantine/core'
import { IconPaperclip } from '@tabler/icons-react'
import { useState } from 'react'
import { errorMessage } from '../../../api/client.ts'
import { useUploadAttachment, type FieldDefinition } from '../../../api/work.ts'
import { DateField } from '../../org/date-field.tsx'
import { PersonSelect } from '../../org/person-select.tsx'

export type FieldAnswer = string | number | null

/** The input for one intake field, chosen by its kind; `error` is the server's message for it. */
export function FieldInput(props: {
  field: FieldDefinition
  value: FieldAnswer
  error: string | undefined
  onChange: (value: FieldAnswer) => void
}) {
  const { field, value, error, onChange } = props
  const common = {
    label: field.label,
    description: field.help,
    required: field.required,
    error,
  }
  switch (field.kind) {
    case 'text':
      return (
        <TextInput
          {...common}
          maxLength={field.maxLength ?? 500}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => {
            onChange(e.currentTarget.value)
          }}
        />
      )
    case 'long_text':
      return (
        <Textarea
          {...common}
          autosize
          minRows={3}
          maxLength={field.maxLength ?? 10_000}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => {
            onChange(e.currentTarget.value)
          }}
        />
      )
    case 'number':
      return (
        <NumberInput
          {...common}
          {...(field.min === undefined ? {} : { min: Number(field.min) })}
          {...(field.max === undefined ? {} : { max: Number(field.max) })}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => {
            onChange(typeof v === 'number' ? v : null)
          }}
          maw={200}
        />
      )
    case 'money':
      return (
        <TextInput
          {...common}
          inputMode="decimal"
          placeholder="0.00"
          rightSection={<Text size="xs">{field.currency}</Text>}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => {
            onChange(e.currentTarget.value.replace(',', '.'))
          }}
          maw={240}
        />
      )
    case 'date':
      return (
        <DateField
          {...common}
          value={typeof value === 'string' && value !== '' ? value : null}
          onChange={(v) => {
            onChange(v ?? null)
          }}
          maw={240}
        />
      )
    case 'choice':
      return (
        <Select
          {...common}
          data={field.options ?? []}
          value={typeof value === 'string' ? value : null}
          onChange={(v) => {
            onChange(v)
          }}
          allowDeselect={!field.required}
          maw={360}
        />
      )
    case 'person':
      return (
        <PersonSelect
          {...common}
          value={typeof value === 'string' ? value : null}
          onChange={(person) => {
            onChange(person?.id ?? null)
          }}
          maw={360}
        />
      )
    case 'attachment':
      return <AttachmentInput field={field} error={error} onChange={onChange} />
  }
}

/** Uploads the chosen file at once; the form sends the stored file's id. */
function AttachmentInput(props: {
  field: FieldDefinition
  error: string | undefined
  onChange: (id: string | null) => void
}) {
  const upload = useUploadAttachment()
  const [file, setFile] = useState<File | null>(null)
  const uploadError = upload.isError ? errorMessage(upload.error) : undefined
  return (
    <FileInput
      label={props.field.label}
      description={props.field.help ?? 'PDF, image, text, CSV, Word or Excel; at most 10 MB.'}
      required={props.field.required}
      clearable
      leftSection={<IconPaperclip size={16} />}
      accept="application/pdf,image/png,image/jpeg,image/webp,text/plain,text/csv,.docx,.xlsx"
      value={file}
      error={uploadError ?? props.error}
      rightSection={upload.isPending ? <Text size="xs">Uploading…</Text> : undefined}
      onChange={(chosen) => {
        setFile(chosen)
        props.onChange(null)
        if (chosen)
          upload.mutate(chosen, {
            onSuccess: (stored) => {
              props.onChange(stored.id)
            },
          })
      }}
      maw={420}
    />
  )
}
