import { ActionIcon, Alert, Button, Group, Menu, Modal, Stack, Text, Textarea } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconDots, IconPlayerPlay, IconUserOff, IconUserShare } from '@tabler/icons-react'
import { useState } from 'react'
import { errorMessage } from '../../../api/client.ts'
import { useChangeSponsor, useSetExternalAccess, type ExternalAccount } from '../../../api/org-external.ts'
import { PersonSelect } from '../person-select.tsx'

/** Revoke (with a reason), reactivate, or hand an account to another sponsor. */
export function ExternalAccountActions(props: { account: ExternalAccount }) {
  const { account } = props
  const [open, setOpen] = useState<'revoke' | 'sponsor' | null>(null)
  const setAccess = useSetExternalAccess()
  const active = account.status === 'active' && account.signInStatus !== 'deactivated'
  const reactivate = () => {
    setAccess.mutate(
      { account, revokeReason: null },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: `${account.displayName} may sign in again.` }),
        onError: (err) => notifications.show({ color: 'red', title: 'Not reactivated', message: errorMessage(err) }),
      },
    )
  }
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" aria-label={`Actions for ${account.displayName}`}>
            <IconDots size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            leftSection={<IconUserShare size={16} />}
            onClick={() => {
              setOpen('sponsor')
            }}
          >
            Change sponsor
          </Menu.Item>
          {active ? (
            <Menu.Item
              color="red"
              leftSection={<IconUserOff size={16} />}
              onClick={() => {
                setOpen('revoke')
              }}
            >
              Revoke access
            </Menu.Item>
          ) : (
            <Menu.Item leftSection={<IconPlayerPlay size={16} />} onClick={reactivate}>
              Reactivate
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <Modal
        opened={open === 'revoke'}
        onClose={() => {
          setOpen(null)
        }}
        title={`Revoke ${account.displayName}`}
        centered
      >
        {open === 'revoke' ? (
          <RevokeForm
            account={account}
            onClose={() => {
              setOpen(null)
            }}
          />
        ) : null}
      </Modal>
      <Modal
        opened={open === 'sponsor'}
        onClose={() => {
          setOpen(null)
        }}
        title="Change sponsor"
        centered
      >
        {open === 'sponsor' ? (
          <SponsorForm
            account={account}
            onClose={() => {
              setOpen(null)
            }}
          />
        ) : null}
      </Modal>
    </>
  )
}

function RevokeForm(props: { account: ExternalAccount; onClose: () => void }) {
  const setAccess = useSetExternalAccess()
  const [reason, setReason] = useState('')
  return (
    <Stack>
      <Text size="sm">
        {props.account.displayName} is signed out everywhere at once and cannot sign in again until someone reactivates
        the account.
      </Text>
      {setAccess.error ? (
        <Alert color="red" variant="light">
          {errorMessage(setAccess.error)}
        </Alert>
      ) : null}
      <Textarea
        label="Reason"
        required
        data-autofocus
        maxLength={1000}
        value={reason}
        onChange={(e) => {
          setReason(e.currentTarget.value)
        }}
        placeholder="e.g. Left the firm"
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose}>
          Cancel
        </Button>
        <Button
          color="red"
          disabled={!reason.trim()}
          loading={setAccess.isPending}
          onClick={() => {
            setAccess.mutate(
              { account: props.account, revokeReason: reason.trim() },
              {
                onSuccess: () => {
                  notifications.show({ color: 'teal', message: `${props.account.displayName}'s access was revoked.` })
                  props.onClose()
                },
              },
            )
          }}
        >
          Revoke access
        </Button>
      </Group>
    </Stack>
  )
}

function SponsorForm(props: { account: ExternalAccount; onClose: () => void }) {
  const change = useChangeSponsor()
  const [sponsorId, setSponsorId] = useState<string | null>(props.account.sponsor.id)
  return (
    <Stack>
      {change.error ? (
        <Alert color="red" variant="light">
          {errorMessage(change.error)}
        </Alert>
      ) : null}
      <PersonSelect
        label="Sponsor"
        description="Answers for this person and reviews their access"
        value={sponsorId}
        selected={props.account.sponsor}
        onChange={(person) => {
          setSponsorId(person?.id ?? null)
        }}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose}>
          Cancel
        </Button>
        <Button
          disabled={!sponsorId || sponsorId === props.account.sponsor.id}
          loading={change.isPending}
          onClick={() => {
            change.mutate({ account: props.account, sponsorEmployeeId: sponsorId ?? '' }, { onSuccess: props.onClose })
          }}
        >
          Save
        </Button>
      </Group>
    </Stack>
  )
}
