import { Button, Menu } from '@mantine/core'
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react'
import { exportUrl, type ImportKind } from '../../api/org-import.ts'

/**
 * Download as CSV or Excel (XLSX): plain links, the session cookie goes with
 * them; only what the user may see is in the file, and both files import back
 * as they are.
 */
export function ExportButton(props: { kind: ImportKind }) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={18} />} rightSection={<IconChevronDown size={14} />}>
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          component="a"
          href={exportUrl(props.kind, 'xlsx')}
          download
          leftSection={<IconFileSpreadsheet size={16} />}
        >
          Excel (.xlsx)
        </Menu.Item>
        <Menu.Item
          component="a"
          href={exportUrl(props.kind, 'csv')}
          download
          leftSection={<IconFileTypeCsv size={16} />}
        >
          CSV (.csv)
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
