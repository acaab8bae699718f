import { Badge, Card, Checkbox, Group, Select, Stack, Table, Text, Title } from '@mantine/core'
import type { PermissionInfo, Reach } from '../../../api/types.ts'

export type Grants = Record<string, Reach>

export const reachOptions: { value: Reach; label: string }[] = [
  { value: 'own', label: 'Own records' },
  { value: 'team', label: 'Team' },
  { value: 'department', label: 'Department' },
  { value: 'company', label: 'Whole company' },
]

function without(grants: Grants, keys: string[]): Grants {
  return Object.fromEntries(Object.entries(grants).filter(([k]) => !keys.includes(k)))
}

const moduleTitle = (m: string) => m.charAt(0).toUpperCase() + m.slice(1)

/** Permissions grouped by module, one checkbox and one reach select per permission. */
export function PermissionMatrix(props: {
  catalogue: PermissionInfo[]
  grants: Grants
  onChange: (grants: Grants) => void
  readOnly: boolean
}) {
  // Permissions the role holds but the catalogue does not list still show up.
  const known = new Set(props.catalogue.map((p) => p.key))
  const all: PermissionInfo[] = [
    ...props.catalogue,
    ...Object.keys(props.grants)
      .filter((k) => !known.has(k))
      .map((key) => ({ key, module: key.split('.')[0] ?? 'other', description: '' })),
  ]
  const modules = new Map<string, PermissionInfo[]>()
  for (const p of all) modules.set(p.module, [...(modules.get(p.module) ?? []), p])

  const set = (key: string, reach: Reach | null) => {
    props.onChange(reach ? { ...props.grants, [key]: reach } : without(props.grants, [key]))
  }

  return (
    <Stack gap="md">
      {[...modules.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([module, items]) => {
          const granted = items.filter((p) => p.key in props.grants).length
          return (
            <Card withBorder padding={0} key={module} component="section" aria-labelledby={`module-${module}`}>
              <Group justify="space-between" px="md" py="sm" bg="var(--mantine-color-default-hover)">
                <Group gap="sm">
                  {!props.readOnly ? (
                    <Checkbox
                      aria-label={`Grant every ${module} permission`}
                      checked={granted === items.length}
                      indeterminate={granted > 0 && granted < items.length}
                      onChange={(e) => {
                        const keys = items.map((p) => p.key)
                        if (!e.currentTarget.checked) {
                          props.onChange(without(props.grants, keys))
                          return
                        }
                        const next = { ...props.grants }
                        for (const k of keys) next[k] ??= 'company'
                        props.onChange(next)
                      }}
                    />
                  ) : null}
                  <Title order={3} fz="sm" id={`module-${module}`}>
                    {moduleTitle(module)}
                  </Title>
                </Group>
                <Badge variant="light" color={granted ? 'blue' : 'gray'}>
                  {granted} of {items.length}
                </Badge>
              </Group>
              <Table.ScrollContainer minWidth={520}>
                <Table highlightOnHover={false} verticalSpacing="xs">
                  <Table.Tbody>
                    {items.map((p) => {
                      const reach = props.grants[p.key]
                      return (
                        <Table.Tr key={p.key}>
                          <Table.Td>
                            <Checkbox
                              checked={reach !== undefined}
                              disabled={props.readOnly}
                              onChange={(e) => {
                                set(p.key, e.currentTarget.checked ? 'company' : null)
                              }}
                              label={
                                <Text size="sm" ff="monospace" component="span">
                                  {p.key}
                                </Text>
                              }
                              description={p.description || undefined}
                            />
                          </Table.Td>
                          <Table.Td w={200}>
                            <Select
                              aria-label={`Reach of ${p.key}`}
                              size="xs"
                              data={reachOptions}
                              value={reach ?? null}
                              placeholder="Not granted"
                              disabled={props.readOnly || reach === undefined}
                              allowDeselect={false}
                              onChange={(v) => {
                                set(p.key, v ?? null)
                              }}
                            />
                          </Table.Td>
                        </Table.Tr>
                      )
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Card>
          )
        })}
      {all.length === 0 ? (
        <Text c="dimmed" size="sm">
          No permissions are defined yet.
        </Text>
      ) : null}
    </Stack>
  )
}
