import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useEffect } from 'react'
import { errorMessage } from '../../../api/client.ts'
import { useUploadDocument, type DocumentCategory } from '../../../api/org-documents.ts'
import { DateField } from '../date-field.tsx'
import { checkFileBeforeUpload, documentCategories, formatBytes, titleFromFileName } from './document-rules.ts'

interface Values {
  category: DocumentCategory
  title: string
  validUntil: string | null
}

/** Says what a dropped file is (category, title, valid until) and uploads it. */
export function UploadDocumentModal(props: {
  employeeId: string
  file: File | null
  rules: { maxBytes: number; acceptedTypes: readonly string[] }
  onClose: () => void
}) {
  const upload = useUploadDocument(props.employeeId)
  const form = useForm<Values>({
    initialValues: { category: 'contract', title: '', validUntil: null },
    validate: { title: (v) => (v.trim() ? null : 'Give the document a title.') },
  })
  const { file } = props
  const refusal = file ? checkFileBeforeUpload(file, props.rules) : null
  useEffect(() => {
    if (file) form.setValues({ category: 'contract', title: titleFromFileName(file.name), validUntil: null })
    upload.reset()
    // Only a new file resets the form.
  }, [file])

  const submit = (values: Values) => {
    if (!file) return
    upload.mutate(
      { file, category: values.category, title: values.title.trim(), validUntil: values.validUntil },
      {
        onSuccess: (document) => {
          notifications.show({ color: 'teal', message: `“${document.title}” was added.` })
          props.onClose()
        },
      },
    )
  }

  return (
    <Modal opened={file !== null} onClose={props.onClose} title="Add a document" centered>
      {file ? (
        <form onSubmit={form.onSubmit(submit)}>
          <Stack>
            <Text size="sm">
              <b>{file.name}</b> · {formatBytes(file.size)}
            </Text>
            {refusal ? (
              <Alert color="red" variant="light" role="alert">
                {refusal}
              </Alert>
            ) : (
              <>
                <Select
                  label="Category"
                  data={documentCategories}
                  allowDeselect={false}
                  {...form.getInputProps('category')}
                />
                <TextInput label="Title" maxLength={200} required {...form.getInputProps('title')} />
                {form.values.category === 'certificate' || form.values.category === 'identity_document' ? (
                  <DateField
                    label="Valid until"
                    description="Expired documents are marked in the list."
                    clearable
                    {...form.getInputProps('validUntil')}
                  />
                ) : null}
              </>
            )}
            {upload.error ? (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(upload.error)}
              </Alert>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={props.onClose}>
                Cancel
              </Button>
              <Button type="submit" disabled={refusal !== null} loading={upload.isPending}>
                Upload
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Modal>
  )
}
