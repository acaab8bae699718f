import { Alert, Button, Group, Modal, MultiSelect, NumberInput, Select, Stack, TextInput } from '@mantine/core'
import { useState, type SubmitEvent } from 'react'
import { ApiError, errorMessage } from '../../../api/client.ts'
import { useContractRefs } from '../../../api/org-external.ts'
import { useDirectory } from '../../../api/org-people.ts'
import { useCan } from '../../../app/auth.ts'
import { useSkills } from '../../../api/org-skills.ts'
import { useDepartments, useTeams } from '../../../api/org-structure.ts'
import { useSaveQueue, type AssignmentStrategy, type Queue } from '../../../api/work.ts'
import { STRATEGY_LABELS } from '../shared/badges.tsx'

const fieldErrors = (error: unknown) => (error instanceof ApiError ? error.fieldErrors() : {})

/** Creates or changes a queue: its key and name, department and team, members and assignment strategy. */
export function QueueModal(props: { queue: Queue | null; opened: boolean; onClose: () => void }) {
  const { queue } = props
  const save = useSaveQueue()
  const [key, setKey] = useState(queue?.key ?? '')
  const [name, setName] = useState(queue?.name ?? '')
  const [departmentId, setDepartmentId] = useState<string | null>(queue?.department?.id ?? null)
  const [teamId, setTeamId] = useState<string | null>(queue?.team?.id ?? null)
  const [strategy, setStrategy] = useState<AssignmentStrategy>(queue?.strategy ?? 'manual')
  const [skillId, setSkillId] = useState<string | null>(queue?.skillId ?? null)
  const [skillMinLevel, setSkillMinLevel] = useState<number | string>(queue?.skillMinLevel ?? 1)
  const [members, setMembers] = useState<string[]>(queue?.members.map((m) => m.employeeId) ?? [])
  const [contractIds, setContractIds] = useState<string[]>(queue?.contracts.map((c) => c.id) ?? [])
  // Naming contracts needs to see them; without that, the queue keeps the ones it has.
  const seeContracts = useCan()('org.external.read')
  const contracts = useContractRefs(seeContracts)
  const departments = useDepartments()
  const teams = useTeams(departmentId ? { departmentId } : {}, departmentId !== null)
  const skills = useSkills()
  const people = useDirectory(departmentId ? { departmentId } : {}, { pageSize: 200, enabled: departmentId !== null })
  const candidates = new Map((people.data?.pages.flatMap((p) => p.items) ?? []).map((p) => [p.id, p.name]))
  for (const m of queue?.members ?? []) candidates.set(m.employeeId, m.name)
  const errors = fieldErrors(save.error)
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault()
    save.mutate(
      {
        ...(queue ? { id: queue.id, version: queue.version } : {}),
        body: {
          key: key.trim().toUpperCase(),
          name: name.trim(),
          departmentId: departmentId ?? '',
          teamId,
          strategy,
          skillId: strategy === 'by_skill' ? skillId : null,
          skillMinLevel: strategy === 'by_skill' && typeof skillMinLevel === 'number' ? skillMinLevel : null,
          memberEmployeeIds: members,
          ...(seeContracts ? { contractIds } : {}),
        },
      },
      { onSuccess: props.onClose },
    )
  }
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={queue ? `Queue ${queue.name}` : 'New queue'} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <Group grow align="flex-start">
            <TextInput
              label="Name"
              required
              value={name}
              error={errors.name}
              onChange={(e) => {
                setName(e.currentTarget.value)
              }}
              data-autofocus
            />
            <TextInput
              label="Key"
              description="Prefix of item numbers (IT → IT-42)"
              required
              maxLength={10}
              value={key}
              error={errors.key}
              onChange={(e) => {
                setKey(e.currentTarget.value.toUpperCase())
              }}
            />
          </Group>
          <Group grow align="flex-start">
            <Select
              label="Department"
              required
              searchable
              data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
              value={departmentId}
              error={errors.departmentId}
              onChange={(v) => {
                setDepartmentId(v)
                setTeamId(null)
              }}
            />
            <Select
              label="Team"
              clearable
              data={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
              value={teamId}
              error={errors.teamId}
              onChange={setTeamId}
            />
          </Group>
          <MultiSelect
            label="Members"
            description="The people who work this queue's items. Team lead and department head work it too."
            searchable
            data={[...candidates].map(([value, label]) => ({ value, label }))}
            value={members}
            error={errors.memberEmployeeIds}
            onChange={setMembers}
          />
          {seeContracts ? (
            <MultiSelect
              label="Served by outsourcing contracts"
              description="While one of these contracts runs, its firm's external staff see and work this queue's items, and no other queue's."
              searchable
              placeholder={contractIds.length === 0 ? 'No outside firm' : undefined}
              nothingFoundMessage="No contract matches"
              data={(contracts.data ?? []).map((c) => ({
                value: c.id,
                label: `${c.firm.name} · ${c.reference} (${c.startDate} – ${c.endDate})`,
              }))}
              value={contractIds}
              error={errors.contractIds}
              onChange={setContractIds}
            />
          ) : null}
          <Select
            label="Assignment"
            description="Automatic strategies only choose members who work right now: nobody on leave or off shift."
            data={Object.entries(STRATEGY_LABELS).map(([value, label]) => ({ value, label }))}
            value={strategy}
            allowDeselect={false}
            onChange={(v) => {
              if (v && v in STRATEGY_LABELS) setStrategy(v as AssignmentStrategy)
            }}
          />
          {strategy === 'by_skill' ? (
            <Group grow align="flex-start">
              <Select
                label="Skill"
                required
                searchable
                data={(skills.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                value={skillId}
                error={errors.skillId}
                onChange={setSkillId}
              />
              <NumberInput label="At least level" min={1} max={5} value={skillMinLevel} onChange={setSkillMinLevel} />
            </Group>
          ) : null}
          {save.isError && Object.keys(errors).length === 0 ? (
            <Alert color="red" variant="light">
              {errorMessage(save.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save queue
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
