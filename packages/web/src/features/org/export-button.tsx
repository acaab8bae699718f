import { Button } from '@mantine/core'
import { IconDownload } from '@tabler/icons-react'
import { exportUrl, type ImportKind } from '../../api/org-import.ts'

/** A plain download link of a CSV export (the session cookie goes with it); only what the user may see is in it. */
export function ExportButton(props: { kind: ImportKind }) {
  return (
    <Button
      component="a"
      href={exportUrl(props.kind)}
      download
      variant="default"
      leftSection={<IconDownload size={18} />}
    >
      Export CSV
    </Button>
  )
}
