import { Select } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconBuilding } from '@tabler/icons-react'
import { useNavigate } from '@tanstack/react-router'
import { errorMessage } from '../../api/client.ts'
import { useSwitchCompany } from '../../api/session.ts'
import type { SessionReply } from '../../api/types.ts'

/** Shown only when the user belongs to more than one company. */
export function CompanySwitcher(props: { session: SessionReply }) {
  const switchCompany = useSwitchCompany()
  const navigate = useNavigate()
  const { companies, company } = props.session
  if (companies.length < 2) return null

  return (
    <Select
      aria-label="Company"
      data={companies.map((c) => ({ value: c.id, label: c.name }))}
      value={company.id}
      allowDeselect={false}
      leftSection={<IconBuilding size={16} aria-hidden="true" />}
      w={{ base: 150, sm: 220 }}
      disabled={switchCompany.isPending}
      comboboxProps={{ withinPortal: true }}
      onChange={(id) => {
        if (!id || id === company.id) return
        switchCompany.mutate(id, {
          onSuccess: (s) => {
            notifications.show({ color: 'teal', message: `Switched to ${s.company.name}` })
            void navigate({ to: '/' })
          },
          onError: (err) =>
            notifications.show({ color: 'red', title: 'Could not switch company', message: errorMessage(err) }),
        })
      }}
    />
  )
}
